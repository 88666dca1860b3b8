"""The oldest C/C++ runtime a bundle runs on, read from what its ELF files need.

Prints the glibc floor (the highest GLIBC_x.y version any file needs).  With --max-glibc,
--max-glibcxx or --max-cxxabi it fails, naming the files, when anything needs more than that:
the build's guard for the office PCs' glibc 2.28 and GCC 8 libstdc++.
Usage: glibc_floor.py DIR [--max-glibc 2.28] [--max-glibcxx 3.4.25] [--max-cxxabi 1.3.11] [-v]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

Version = tuple[int, ...]
KINDS = ("GLIBC", "GLIBCXX", "CXXABI", "GCC")
_NEED = re.compile(r"\b(GLIBC|GLIBCXX|CXXABI|GCC)_(\d+(?:\.\d+)+)\b")


def parse(text: str) -> Version:
    return tuple(int(part) for part in text.split("."))


def show(version: Version) -> str:
    return ".".join(map(str, version))


def elf_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    yield path


def needed(path: Path) -> dict[str, Version]:
    """The highest version of each runtime this file takes from the system (its undefined symbols)."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False).stdout
    most: dict[str, Version] = {}
    for line in out.splitlines():
        if "*UND*" not in line:
            continue
        for kind, version_text in _NEED.findall(line):
            version = parse(version_text)
            if version > most.get(kind, ()):
                most[kind] = version
    return most


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--max-glibc", type=parse)
    parser.add_argument("--max-glibcxx", type=parse)
    parser.add_argument("--max-cxxabi", type=parse)
    parser.add_argument("-v", "--verbose", action="store_true", help="the file that sets each floor, on stderr")
    args = parser.parse_args()
    limits = {"GLIBC": args.max_glibc, "GLIBCXX": args.max_glibcxx, "CXXABI": args.max_cxxabi}
    floor: dict[str, tuple[Version, str]] = {}
    too_new: list[str] = []
    for path in elf_files(args.root):
        for kind, version in needed(path).items():
            if version > floor.get(kind, ((), ""))[0]:
                floor[kind] = (version, str(path.relative_to(args.root)))
            limit = limits.get(kind)
            if limit is not None and version > limit:
                too_new.append(f"{path.relative_to(args.root)} needs {kind}_{show(version)} > {show(limit)}")
    print(show(floor.get("GLIBC", ((2, 17), ""))[0]))
    if args.verbose:
        for kind in KINDS:
            if kind in floor:
                version, where = floor[kind]
                print(f"{kind}_{show(version)}  {where}", file=sys.stderr)
    for line in too_new:
        print(f"glibc_floor: {line}", file=sys.stderr)
    return 1 if too_new else 0


if __name__ == "__main__":
    sys.exit(main())
