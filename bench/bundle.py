"""Start-up of the packaged program (dist/zzdesk, from packaging/build-linux) against the
development virtualenv, same commands, same machine, interleaved runs (median of N).
Usage: .venv/bin/python bench/bundle.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {"--version": ["--version"], "search 科技城": ["search", "科技城"],
            "export --json": ["export", "--json", os.devnull]}


def once(program: Path, args: list[str], home: str) -> float:
    env = {**os.environ, "ZZDESK_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    subprocess.run([str(program), *args], env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    bundle, venv = ROOT / "dist" / "zzdesk" / "zzdesk", Path(sys.prefix) / "bin" / "zzdesk"
    if not bundle.exists():
        sys.exit("先运行 packaging/build-linux")
    home = tempfile.mkdtemp(prefix="zzdesk-bench-")
    print(f"{'命令':<18}{'打包后（中位，秒）':>16}{'开发环境（中位，秒）':>18}{'比值':>8}")
    for name, command in COMMANDS.items():
        once(bundle, command, home), once(venv, command, home)  # warm the file cache
        packed, dev = [], []
        for _ in range(args.runs):
            packed.append(once(bundle, command, home))
            dev.append(once(venv, command, home))
        p, d = statistics.median(packed), statistics.median(dev)
        print(f"{name:<20}{p:>14.3f}{d:>18.3f}{p / d:>10.2f}")


if __name__ == "__main__":
    main()
