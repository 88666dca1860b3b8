"""Search at 100,000 items: our index against a LIKE scan and an FTS5 trigram index.

Two data sets of the same size: evenly spread names, and skewed names (half start with
郑州 or 中原, as in real reports).  For each, prints the index build time, file size and
peak memory, then per query class the median and p95 latency of a top-50 search for our
index, LIKE and trigram -- every engine timed the same way: one warm-up run, then
--repeat timed runs per query, every run counted -- the ratios, the result counts, and
whether our matches equal LIKE's for Chinese substrings.  Usage:
    .venv/bin/python bench/search.py [--count 100000] [--queries 60] [--repeat 3] [--data even|skewed|both]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate
from zzdesk.core.search import SearchEngine
from zzdesk.core.search.documents import SearchDoc
from zzdesk.core.search.index import build_search_index
from zzdesk.core.search.pinyin import readings

LIMIT = 50
HANZI = re.compile(r"[\u4e00-\u9fff]+")
# What people type for the most common names in a Zhengzhou report.
COMMON_PINYIN = ["zhengzhou", "zz", "zy", "zhongyuan", "zheng", "zhong", "zzs", "zhengzhouk", "zyk", "zhongy"]
LATIN_SHORT = [*"zqxhcsjyglm", "zz", "zy", "zh", "jc", "kj", "xq", "hh", "sz", "gy", "dq"]


def blob(doc: SearchDoc) -> str:
    name = "" if doc.type == "passage" else doc.name
    return "\n".join([name, *doc.aliases, doc.body])


def build_baselines(conn: sqlite3.Connection, docs: list[SearchDoc]) -> None:
    conn.execute("CREATE TABLE plain (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("CREATE VIRTUAL TABLE tri USING fts5(text, tokenize='trigram')")
    rows = [(i, blob(d)) for i, d in enumerate(sorted(docs, key=SearchDoc.static_rank), start=1)]
    conn.executemany("INSERT INTO plain VALUES (?, ?)", rows)
    conn.executemany("INSERT INTO tri(rowid, text) VALUES (?, ?)", rows)
    conn.commit()


def queries(docs: list[SearchDoc], n: int, rng: random.Random) -> dict[str, list[str]]:
    named = [d for d in docs if d.type != "passage"]
    texts = [d.body for d in docs]

    def piece(length: int) -> str:
        while True:
            text = rng.choice(texts)
            start = rng.randrange(0, max(1, len(text) - length))
            q = text[start:start + length]
            if len(q) == length and all("\u4e00" <= ch <= "\u9fff" for ch in q):
                return q

    def spoken(doc: SearchDoc, initials: bool) -> str:
        syllables = readings(doc.name)[0]
        take = syllables[: rng.randint(2, len(syllables))]
        return "".join(s[0] for s in take) if initials else "".join(take)

    def main_reading_prefix() -> str:
        """The first letters of one name's main reading, cut anywhere (even inside a syllable)."""
        joined = "".join(readings(rng.choice(named).name)[0])
        return joined[: rng.randint(2, len(joined))]

    def mixed() -> str:
        """Chinese words and pinyin in one query: 郑东 liangzi."""
        doc = rng.choice(named)
        words = HANZI.findall(doc.name)
        syllables = readings(doc.name)[0]
        if not words or len(syllables) < 4:
            return mixed()
        start = rng.randrange(2, len(syllables) - 1)
        return f"{doc.name[:2]} {''.join(syllables[start:start + 2])}"

    def cycle(items: list[str]) -> list[str]:
        return [items[i % len(items)] for i in range(n)]

    classes = {
        "1 char": [piece(1) for _ in range(n)],
        "2 chars": [piece(2) for _ in range(n)],
        "3+ chars": [piece(rng.randint(3, 6)) for _ in range(n)],
        "pinyin": [spoken(rng.choice(named), initials=False) for _ in range(n)],
        "initials": [spoken(rng.choice(named), initials=True) for _ in range(n)],
        "py prefix": [main_reading_prefix() for _ in range(n)],
        "latin 1-2": cycle(LATIN_SHORT),
        "common py": cycle(COMMON_PINYIN),
        "mixed": [mixed() for _ in range(n)],
        "multi-term": [],
        "no match": [rng.choice(["火星", "鲸鱼", "滑雪场", "冰淇淋", "xqzv", "珠穆朗玛", "企鹅馆"]) + str(i)
                     for i in range(n)],
    }
    while len(classes["multi-term"]) < n:
        text = rng.choice(texts)
        a, b = rng.randrange(0, len(text) - 2), rng.randrange(0, len(text) - 2)
        terms = [text[a:a + 2], text[b:b + 2]]
        if all("\u4e00" <= ch <= "\u9fff" for t in terms for ch in t) and terms[0] != terms[1]:
            classes["multi-term"].append(" ".join(terms))
    return classes


def timed(fn: Callable[[str], object], qs: list[str], repeat: int) -> list[float]:
    """Milliseconds of every run after one warm-up run per query (the same for every engine)."""
    out = []
    for q in qs:
        fn(q)
        for _ in range(repeat):
            start = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def like_terms(q: str) -> tuple[str, list[str]]:
    terms = q.split()
    return " AND ".join("text LIKE ?" for _ in terms), [f"%{t}%" for t in terms]


def trigram_expr(q: str) -> str:
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in q.split())


def _status_kib(field: str) -> int:
    """A field of /proc/self/status in KiB (Linux), 0 elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _build(path: Path, docs: list[SearchDoc], results: Any) -> None:
    """Build the index at *path*; report wall and CPU seconds and the peak RSS growth (MiB)."""
    rss_before = _status_kib("VmRSS")
    t0, cpu0 = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(path)
    build_search_index(conn, docs)
    conn.commit()
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = max(0, _status_kib("VmHWM") - rss_before) / 1024
    conn.execute("VACUUM")
    conn.close()
    results.put((wall, cpu, peak))


def _build_in_child(path: Path, docs: list[SearchDoc]) -> tuple[float, float, float]:
    """The build in a forked process of its own, so its peak memory is its own and no cache of
    an earlier build helps it (elsewhere than Linux: in this process)."""
    if sys.platform != "linux":
        results: Any = queue.SimpleQueue()
        _build(path, docs, results)
        return cast(tuple[float, float, float], results.get())
    context = multiprocessing.get_context("fork")
    results = context.SimpleQueue()
    child = context.Process(target=_build, args=(path, docs, results))
    child.start()
    child.join()
    return cast(tuple[float, float, float], results.get())


def bench_data_set(label: str, skewed: bool, args: argparse.Namespace) -> float:
    rng = random.Random(7)
    t0 = time.perf_counter()
    docs = generate(args.count, skewed=skewed)
    gen_s = time.perf_counter() - t0
    workdir = Path(tempfile.mkdtemp(prefix="zzdesk-bench-"))
    ours_path, base_path = workdir / "index.sqlite", workdir / "baseline.sqlite"

    build_s, build_cpu, peak_mib = _build_in_child(ours_path, docs)
    base = sqlite3.connect(base_path)
    t0 = time.perf_counter()
    build_baselines(base, docs)
    base_build_s = time.perf_counter() - t0

    engine = SearchEngine(sqlite3.connect(f"{ours_path.as_uri()}?mode=ro", uri=True))
    print(f"== 机器负载（1/5/15 分钟）{' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"== {label}：{len(docs):,} 条（{sum(d.type != 'passage' for d in docs):,} 个实体，"
          f"{sum(d.type == 'passage' for d in docs):,} 段文字），生成 {gen_s:.1f} s")
    print(f"本索引：构建 {build_s:.1f} s（CPU {build_cpu:.1f} s），构建时内存峰值增加 {peak_mib:.0f} MiB，"
          f"文件 {os.path.getsize(ours_path) / 2**20:.1f} MiB（含正文与拼音）；"
          f"基线（LIKE 表 + trigram）构建 {base_build_s:.1f} s，文件 {os.path.getsize(base_path) / 2**20:.1f} MiB")
    leaks = {q: len(engine.matching_ids(q)) for q in ("z", "zz", "zzs", "zzse", "zzsep")}
    print("边界词检查（匹配条数）：" + "，".join(f"{q} {n:,}" for q, n in leaks.items()))
    print()

    def ours(q: str) -> object:
        return engine.search(q, limit=LIMIT)

    def like(q: str) -> object:
        where, params = like_terms(q)
        return base.execute(f"SELECT id FROM plain WHERE {where} LIMIT {LIMIT}", params).fetchall()

    def trigram(q: str) -> object:
        try:
            return base.execute(f"SELECT rowid FROM tri WHERE tri MATCH ? LIMIT {LIMIT}",
                                (trigram_expr(q),)).fetchall()
        except sqlite3.OperationalError:
            return []

    print(f"{'类别':<11}{'本索引 中位':>10}{'p95':>8}{'LIKE 中位':>10}{'p95':>8}{'trigram 中位':>12}{'p95':>8}"
          f"{'LIKE/本 中位':>12}{'p95':>7}   {'找到（本/LIKE/trigram）':<28}{'与LIKE一致'}")
    worst = 0.0
    for cls, qs in queries(docs, args.queries, rng).items():
        ours_ms = timed(ours, qs, args.repeat)
        like_ms = timed(like, qs, args.repeat)
        tri_ms = timed(trigram, qs, args.repeat)
        worst = max(worst, p95(ours_ms))
        found_ours = found_like = found_tri = equal = 0
        for q in qs:
            mine = engine.matching_ids(q)
            where, params = like_terms(q)
            scanned = {r[0] for r in base.execute(f"SELECT id FROM plain WHERE {where}", params)}
            try:
                tri = {r[0] for r in base.execute("SELECT rowid FROM tri WHERE tri MATCH ?", (trigram_expr(q),))}
            except sqlite3.OperationalError:
                tri = set()
            found_ours, found_like, found_tri = found_ours + len(mine), found_like + len(scanned), found_tri + len(tri)
            equal += mine == scanned
        chinese = all(HANZI.fullmatch(t) for q in qs for t in q.split())
        print(f"{cls:<11}{statistics.median(ours_ms):>10.2f}{p95(ours_ms):>8.2f}"
              f"{statistics.median(like_ms):>10.2f}{p95(like_ms):>8.2f}"
              f"{statistics.median(tri_ms):>12.2f}{p95(tri_ms):>8.2f}"
              f"{statistics.median(like_ms) / statistics.median(ours_ms):>12.1f}{p95(like_ms) / p95(ours_ms):>7.1f}   "
              f"{f'{found_ours}/{found_like}/{found_tri}':<28}"
              f"{f'{equal}/{len(qs)}' if chinese else '—（含拼音或字母）'}")
    print(f"（本组结束时负载 {' / '.join(f'{x:.1f}' for x in os.getloadavg())}）")
    print()
    base.close()
    shutil.rmtree(workdir, ignore_errors=True)
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", choices=("even", "skewed", "both"), default="both")
    args = parser.parse_args()
    sets = [("均匀数据", False), ("偏斜数据（一半名称以郑州/中原开头）", True)]
    if args.data != "both":
        sets = [sets[args.data == "skewed"]]
    worst = max(bench_data_set(label, skewed, args) for label, skewed in sets)
    print(f"时间单位 ms，前 {LIMIT} 条；本索引含排序与摘要。每类 {args.queries} 个查询，每个引擎都先预热一次，"
          f"再计时 {args.repeat} 次，每次都计入中位数和 p95。")
    print("“找到”为每类全部查询的匹配条数之和（不限条数）：trigram 对 1–2 字和多词中的短词找不到，"
          "LIKE 和 trigram 都不懂拼音与首字母。")
    print(f"目标：每类 p95 ≤ 5 ms —— 最差一类 p95 = {worst:.2f} ms，{'达到' if worst <= 5 else '未达到'}。")


if __name__ == "__main__":
    main()
