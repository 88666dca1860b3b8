"""Commands that need Qt: the window itself and `zzdesk screenshots`."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from zzdesk import paths
from zzdesk.cli.data_commands import CommandError


def reference_db(args: argparse.Namespace) -> Path:
    return Path(args.reference_db or paths.reference_db_path())


def cmd_gui(args: argparse.Namespace) -> int:
    if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        raise CommandError("没有图形显示（DISPLAY 未设置），无法打开窗口；命令行功能见 zzdesk --help")
    from zzdesk.ui.app import run_gui  # Qt is loaded only when a window is wanted

    return run_gui(reference_db(args), paths.user_data_dir(args.data_dir))


def cmd_screenshots(args: argparse.Namespace) -> int:
    match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", args.size)
    if not match:
        raise CommandError(f"--size 应写成 宽x高，例如 1600x1000，而不是「{args.size}」")
    width, height = int(match.group(1)), int(match.group(2))
    out = Path(args.outdir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"无法创建文件夹 {out}：{exc.strerror or exc}") from exc
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from zzdesk.ui.screenshots import render_all

    written = render_all(reference_db(args), paths.user_data_dir(args.data_dir), out, (width, height),
                         args.query)
    for path in written:
        print(path)
    print(f"共 {len(written)} 张截图", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    shots = sub.add_parser("screenshots", help="把每个主要界面渲染成 PNG（不需要显示器）")
    shots.add_argument("outdir", metavar="OUTDIR", help="保存截图的文件夹")
    shots.add_argument("--size", default="1600x1000", help="窗口大小，默认 1600x1000")
    shots.add_argument("--query", default="科技城", help="搜索结果截图使用的查询词（默认 科技城）")
    shots.set_defaults(handler=cmd_screenshots)
