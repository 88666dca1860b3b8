#!/usr/bin/env bash
# Prepare this checkout to run: the system libraries Qt needs (installed when run as root on
# Debian/UOS/Kylin, listed otherwise) and a project virtual environment in .venv.
# Usage: scripts/bootstrap.sh app|test. Safe to run again: it only does what is missing.
set -euo pipefail

mode=${1:-app}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Qt offscreen + xcb (a real window or Xvfb), printing, PDF tools for the briefing tests.
debs=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libcups2
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
      libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-xfixes0 libxcb-xinerama0)
if [ "$mode" = test ]; then
    # LibreOffice (no GUI) converts the briefing DOCX to PDF, to check it lays out as the PDF does.
    debs+=(xvfb xauth xdotool x11-apps poppler-utils libreoffice-writer-nogui)
    # The packaging tests read ELF files and trim Qt's ICU data as the Linux build does.
    debs+=(binutils icu-devtools)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "${debs[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
fi
python_ok() { command -v python3 >/dev/null 2>&1 && python3 -c "import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))" 2>/dev/null; }
if ! python_ok; then
    missing+=(python3 python3-venv python3-pip)
fi
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> 安装系统软件包：${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "==> 缺少系统软件包（请由管理员安装）：${missing[*]}" >&2
    fi
fi
python_ok || { echo "需要 Python 3.11 或更高版本（含 venv）" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
    echo "==> 创建虚拟环境 .venv"
    python3 -m venv .venv
fi
extras=""
[ "$mode" = test ] && extras="[test]"
stamp=".venv/.zzdesk-$mode"
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> 安装 Python 依赖（pyproject.toml 中固定的版本）"
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras"
    echo "$want" > "$stamp"
fi
