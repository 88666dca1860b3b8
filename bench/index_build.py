"""Building the search index for the synthetic 100k records: wall and CPU time and peak memory.

Each build runs in a process of its own (its memory peak is its own, no cache of an earlier
build helps it).  With --before DIR (a folder holding src/ of another commit), that code's
build takes turns with this one's, run after run, so both meet the same machine load.  The
build cuts text in one thread while SQLite writes in another: its wall time needs a second
idle core, so the load average is printed with every run.

    python bench/index_build.py --runs 2 --before /tmp/old
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _peak_growth_mib(rss_before_kib: int) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return max(0, int(line.split()[1]) - rss_before_kib) / 1024
    return 0.0


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def child(data: str, count: int) -> None:
    """One build; prints its figures as JSON."""
    import sqlite3

    sys.path.insert(0, str(HERE))
    from synthetic import generate
    from zzdesk.core.search.index import build_search_index

    docs = generate(count, skewed=data == "skewed")
    rss = _rss_kib()
    with tempfile.TemporaryDirectory(prefix="zzdesk-bench-") as folder:
        t0, c0 = time.perf_counter(), time.process_time()
        conn = sqlite3.connect(Path(folder) / "index.sqlite")
        build_search_index(conn, docs)
        conn.commit()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        conn.close()
    print(json.dumps({"wall": wall, "cpu": cpu, "peak": _peak_growth_mib(rss), "load": os.getloadavg()[0]}))


def run(data: str, count: int, src: Path | None) -> dict[str, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)  # ahead of the editable install
    out = subprocess.run([sys.executable, __file__, "--child", data, "--count", str(count)], env=env,
                         capture_output=True, text=True, check=True).stdout
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--data", choices=("even", "skewed", "both"), default="both")
    parser.add_argument("--before", type=Path, help="a folder holding src/ of another commit")
    parser.add_argument("--child", choices=("even", "skewed"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.count)
        return
    sets = ("even", "skewed") if args.data == "both" else (args.data,)
    codes: list[tuple[str, Path | None]] = [("改后", None)]
    if args.before:
        codes.insert(0, ("改前", (args.before / "src").resolve()))
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    for _ in range(args.runs):
        for data in sets:
            for label, src in codes:
                figures = run(data, args.count, src)
                results.setdefault((data, label), []).append(figures)
                print(f"{data:6s} {label}  墙钟 {figures['wall']:5.2f} s  CPU {figures['cpu']:5.2f} s  "
                      f"内存峰值 +{figures['peak']:.0f} MiB  负载 {figures['load']:.1f}", flush=True)
    print(f"中位数（{args.count:,} 条，每种 {args.runs} 次）：")
    for (data, label), runs in results.items():
        print(f"  {data:6s} {label}  墙钟 {statistics.median(r['wall'] for r in runs):5.2f} s  "
              f"CPU {statistics.median(r['cpu'] for r in runs):5.2f} s  "
              f"内存峰值 +{max(r['peak'] for r in runs):.0f} MiB")


if __name__ == "__main__":
    main()
