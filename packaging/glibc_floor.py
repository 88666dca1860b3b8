"""The lowest glibc a bundle runs on: the highest GLIBC_x.y symbol version its ELF files need."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def needed_versions(path: Path) -> set[tuple[int, ...]]:
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False).stdout
    found = set()
    for line in out.splitlines():
        if "*UND*" in line:  # symbols this file takes from the system's libc
            found.update(tuple(int(x) for x in m.split(".")) for m in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", line))
    return found


def main() -> None:
    floor: tuple[int, ...] = (2, 17)
    worst = ""
    for path in Path(sys.argv[1]).rglob("*"):
        if path.is_file() and (path.suffix == ".so" or ".so." in path.name or path.stat().st_mode & 0o111):
            with path.open("rb") as handle:
                if handle.read(4) != b"\x7fELF":
                    continue
            for version in needed_versions(path):
                if version > floor:
                    floor, worst = version, str(path)
    print(".".join(map(str, floor)))
    if "-v" in sys.argv:
        print(worst, file=sys.stderr)


if __name__ == "__main__":
    main()
