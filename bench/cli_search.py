"""Wall time of `zzdesk search`, against `python -c pass` and the query itself, in the same run.

Target: search ≤ 2 × (python -c pass) + the query's own time.  Each command runs --runs
times; medians are printed.  Usage:
    .venv/bin/python bench/cli_search.py [--runs 15] [QUERY ...]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = ["科技城", "zhengzhou", "zz", "鄭州"]  # the last needs t2s: OpenCC is loaded for it only


def wall_ms(command: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def query_ms(query: str, runs: int) -> float:
    """The search alone, in this process, with the databases already open."""
    from zzdesk import paths
    from zzdesk.core.db import open_read_only
    from zzdesk.core.search import SearchEngine

    engine = SearchEngine(open_read_only(paths.reference_db_path()))
    engine.search(query)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        engine.search(query)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="zzdesk-bench-home-")
    # As installed: bytecode compiled (an environment that forbids writing it would measure compiling).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"ZZDESK_HOME": home}
    import zzdesk

    compileall.compile_dir(str(Path(zzdesk.__file__).parent), quiet=1)
    zzdesk = str(Path(sys.executable).with_name("zzdesk"))
    base = wall_ms([sys.executable, "-c", "pass"], env, args.runs)
    print(f"python -c pass：{base:.0f} ms（中位数，{args.runs} 次）")
    print(f"{'查询':<12}{'zzdesk search':>14}{'查询本身':>10}{'目标上限':>10}{'启动/空进程':>12}")
    for query in args.queries:
        total = wall_ms([zzdesk, "search", query], env, args.runs)
        own = query_ms(query, args.runs)
        print(f"{query:<12}{total:>12.0f} ms{own:>8.1f} ms{2 * base + own:>8.0f} ms{(total - own) / base:>11.2f}×")
    print("目标：zzdesk search ≤ 2 × python -c pass + 查询本身（“启动/空进程”≤ 2.00×）。")


if __name__ == "__main__":
    main()
