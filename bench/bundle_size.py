"""What each part of a packaged bundle costs: files, size on disk and xz-compressed size (what the
.deb and the installer roughly pay), with each part's share of the whole measured in the same run.
Optionally what a subset of a font would add (--font: GB2312 and GBK subsets, made with fonttools).
Usage: python bench/bundle_size.py [dist/zzdesk | dist/windows/zzdesk] [--font FILE.ttf] [--top 25]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import lzma
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def part_of(relative: Path) -> str:
    """A part is a package (or a PySide6/resources subfolder, where the weight is)."""
    parts = list(relative.parts)
    if parts and parts[0] == "_internal":
        parts = parts[1:]
    # The standard library as bytecode files (the bundle keeps no archive) or base_library.zip.
    if parts[0].split(".")[0] in sys.stdlib_module_names or parts[0] == "base_library.zip":
        return "Python 标准库"
    if not parts[1:]:
        name = parts[0]
        if name.startswith(("libpython", "python3")) or name.endswith(".pyd") or "lib-dynload" in name:
            return "Python 解释器"
        return "程序与零散库"
    if parts[0] == "PySide6":
        if parts[-1].lower().startswith(("libicu", "icu")):
            return "PySide6/ICU 数据与库"
        inner = [p for p in parts[1:-1] if p != "Qt"]
        if inner and inner[0] == "plugins" and len(inner) > 1:
            return f"PySide6/plugins/{inner[1]}"
        if inner:
            return f"PySide6/{inner[0]}"
        return "PySide6/Qt 库" if ".so" in parts[-1] or parts[-1].endswith(".dll") else "PySide6 绑定"
    if parts[0] in ("resources", "data") and len(parts) > 2:
        return f"{parts[0]}/{parts[1]}"
    if parts[0].startswith("python3") or parts[0] == "lib-dynload":
        return "Python 解释器"
    return parts[0]


def xz_size(chunks: list[bytes]) -> int:
    compressor = lzma.LZMACompressor(preset=6)
    total = sum(len(compressor.compress(chunk)) for chunk in chunks)
    return total + len(compressor.flush())


def font_costs(font: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    def charset(encoding: str) -> set[int]:
        found = set(range(0x20, 0x7F))
        for lead in range(0x81, 0xFF):
            for trail in range(0x40, 0xFF):
                with contextlib.suppress(UnicodeDecodeError):
                    found.add(ord(bytes([lead, trail]).decode(encoding)))
        return found

    whole = font.stat().st_size
    print(f"\n字体 {font.name}：完整 {whole / MB:.2f} MB，xz {xz_size([font.read_bytes()]) / MB:.2f} MB")
    for label, encoding in (("GB2312 子集", "gb2312"), ("GBK 子集", "gbk")):
        ttf = TTFont(font)
        wanted = charset(encoding) & set(ttf.getBestCmap())
        options = subset.Options()
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(ttf)
        buffer = io.BytesIO()
        ttf.save(buffer)
        data = buffer.getvalue()
        print(f"{label:<12}{len(wanted):>7} 字  {len(data) / MB:>7.2f} MB  xz {xz_size([data]) / MB:>6.2f} MB"
              f"  （完整字体的 {len(data) / whole:.0%}）")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "zzdesk"))
    parser.add_argument("--font", type=Path, help="a font whose GB2312/GBK subsets to price")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    bundle = Path(args.bundle)
    if not bundle.is_dir():
        sys.exit(f"没有 {bundle}：先运行 packaging/build-linux 或 packaging/build-windows")
    files: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files[part_of(path.relative_to(bundle))].append(path)
    rows = []
    for part, paths in files.items():
        raw = sum(p.stat().st_size for p in paths)
        rows.append((part, len(paths), raw, xz_size([p.read_bytes() for p in paths])))
    total_raw = sum(r[2] for r in rows)
    total_xz = sum(r[3] for r in rows)
    rows.sort(key=lambda r: r[3], reverse=True)
    print(f"{'部分':<34}{'文件':>6}{'磁盘 MB':>10}{'xz MB':>9}{'占比':>7}")
    for part, count, raw, packed in rows[: args.top]:
        print(f"{part:<36}{count:>6}{raw / MB:>10.1f}{packed / MB:>9.2f}{packed / total_xz:>7.1%}")
    rest = rows[args.top:]
    if rest:
        packed = sum(r[3] for r in rest)
        print(f"{f'其余 {len(rest)} 个部分':<34}{sum(r[1] for r in rest):>6}{sum(r[2] for r in rest) / MB:>10.1f}"
              f"{packed / MB:>9.2f}{packed / total_xz:>7.1%}")
    print(f"{'合计':<36}{sum(r[1] for r in rows):>6}{total_raw / MB:>10.1f}{total_xz / MB:>9.2f}{1:>7.0%}")
    if args.font:
        font_costs(args.font)


if __name__ == "__main__":
    main()
