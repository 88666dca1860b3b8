"""Wall time of `zzdesk search`, against `python -c pass` and the query itself, in the same run.

Target: search ≤ 2 × (python -c pass) + the query's own time.  Each command runs --runs
times, taking turns with the others; medians are printed.  Usage:
    .venv/bin/python bench/cli_search.py [--runs 15] [--before DIR] [QUERY ...]
--before DIR also runs each query with the code of another commit, unpacked into DIR (e.g.
`mkdir DIR && git archive REV src | tar -x -C DIR && ln -s "$PWD/data" DIR/data`), in the same turns.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The traditional ones need t2s: converted with the generated table, OpenCC loaded only for phrases
# t2s converts otherwise (乾坤).
QUERIES = ["科技城", "zhengzhou", "zz", "鄭州", "科技園區", "乾坤"]


def timed_ms(commands: list[tuple[list[str], dict[str, str]]], runs: int) -> list[tuple[float, float]]:
    """Median wall time and median CPU time (user + system) of each command, in ms.

    The commands take turns, run after run, so a change in the machine's load touches them
    alike.  CPU time is what to compare on a busy machine: wall time there is mostly waiting.
    """
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, (command, env) in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            walls[i].append((time.perf_counter() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


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
    parser.add_argument("--before", type=Path, help="a folder holding src/ of another commit, run in the same turns")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="zzdesk-bench-home-")
    # As installed: bytecode compiled (an environment that forbids writing it would measure compiling).
    # As a user runs it: no ZZDESK_HOME, the data folder found under HOME (the XDG rule platformdirs follows).
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "ZZDESK_HOME", "XDG_DATA_HOME")} | {"HOME": home}
    import zzdesk

    compileall.compile_dir(str(Path(zzdesk.__file__).parent), quiet=1)
    command = str(Path(sys.executable).with_name("zzdesk"))
    commands = [([sys.executable, "-c", "pass"], env)]
    labels, queries = [*args.queries, "（设 ZZDESK_HOME）"], [*args.queries, args.queries[0]]
    envs = [env] * len(args.queries) + [env | {"ZZDESK_HOME": home}]
    if args.before:
        compileall.compile_dir(str(args.before / "src"), quiet=1)
        before_env = env | {"PYTHONPATH": str((args.before / "src").resolve())}  # ahead of the editable install
        labels += [f"改前 {query}" for query in args.queries]
        queries += args.queries
        envs += [before_env] * len(args.queries)
    commands += [([command, "search", query], query_env) for query, query_env in zip(queries, envs, strict=True)]
    print(f"负载（1/5/15 分钟）：{' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    (base, base_cpu), *timings = timed_ms(commands, args.runs)
    print(f"python -c pass：墙钟 {base:.0f} ms，CPU {base_cpu:.0f} ms（中位数，{args.runs} 次，与下列命令轮流运行）")
    print(f"{'查询':<12}{'墙钟':>8}{'CPU':>8}{'查询本身':>10}{'墙钟比':>8}{'CPU 比':>8}")
    own_ms = {query: query_ms(query, args.runs) for query in dict.fromkeys(queries)}  # this code's, for both
    for label, query, (total, cpu) in zip(labels, queries, timings, strict=True):
        own = own_ms[query]
        print(f"{label:<12}{total:>6.0f}ms{cpu:>6.0f}ms{own:>8.1f}ms{(total - own) / base:>7.2f}×"
              f"{(cpu - own) / base_cpu:>7.2f}×")
    print("比 =（zzdesk search − 查询本身）÷ python -c pass；目标 ≤ 2.00×。机器繁忙时看 CPU 比。")
    print(f"（结束时负载 {' / '.join(f'{x:.1f}' for x in os.getloadavg())}）")


if __name__ == "__main__":
    main()
