"""TEST-ONLY tooling for running the Windows build under Wine; nothing of it is shipped.

Wine 10 aborts on numpy's C99 complex functions (stubs in its ucrtbase).  `build` makes a DLL
that implements them and forwards the rest of what numpy takes from the math API set to ucrtbase;
`patch` points numpy's extension modules at that DLL (a name of the same length replaces the API
set's in their import tables); `MARK` is what the release check looks for.
Usage: shim.py build ZIG OUT.dll DIR...  |  shim.py patch DIR...
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

API_SET = b"api-ms-win-crt-math-l1-1-0.dll"
MARK = b"wineonly-complex-math-shim.dll"
assert len(API_SET) == len(MARK)
HERE = Path(__file__).resolve().parent
IMPLEMENTED = {f"{base}{suffix}" for base in ("cabs", "carg", "creal", "cimag", "cexp", "csin", "ccos", "ctan",
                                              "csinh", "ccosh", "ctanh", "cpow") for suffix in ("", "f", "l")}


def modules(dirs: list[str]) -> list[Path]:
    return [p for d in dirs for p in sorted(Path(d).rglob("*.pyd")) if API_SET in p.read_bytes().lower()]


def math_imports(path: Path) -> set[str]:
    """The functions a module imports from the math API set (objdump reads PE import tables)."""
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    names, inside = set(), False
    for line in out.splitlines():
        if "DLL Name:" in line:
            inside = line.split("DLL Name:")[1].strip().lower() in (API_SET.decode(), MARK.decode())
        elif inside and re.match(r"^\t[0-9a-f]+\t", line):
            names.add(line.split()[-1])
    return names


def build(zig: str, out: Path, dirs: list[str]) -> None:
    names = set().union(*(math_imports(p) for p in modules(dirs)))
    lines = [f"LIBRARY {MARK.decode()}", "EXPORTS"]
    lines += [f"    {n}=shim_{n}" if n in IMPLEMENTED else f"    {n}=ucrtbase.{n}" for n in sorted(names)]
    with tempfile.TemporaryDirectory() as tmp:
        definition = Path(tmp) / "shim.def"
        definition.write_text("\n".join(lines) + "\n")
        subprocess.run([*shlex.split(zig), "cc", "-target", "x86_64-windows-gnu", "-shared", "-O2",
                        str(HERE / "complex_math.c"), str(definition), "-o", str(out)], check=True)
    print(f"shim: {out.name}: {len(names & IMPLEMENTED)} functions implemented, "
          f"{len(names - IMPLEMENTED)} forwarded to ucrtbase")


def patch(dirs: list[str]) -> None:
    found = modules(dirs)
    for path in found:
        data = path.read_bytes()
        path.write_bytes(re.sub(re.escape(API_SET), MARK, data, flags=re.IGNORECASE))
    print(f"shim: {len(found)} modules now import {MARK.decode()}")


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], Path(sys.argv[3]), sys.argv[4:])
    elif sys.argv[1] == "patch":
        patch(sys.argv[2:])
    else:
        sys.exit(__doc__)
