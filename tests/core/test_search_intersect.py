"""The limited intersection returns exactly the best-ranked matches of the full one.

The caps are made small so that a few hundred documents take every path: complete and
partial probes, blocks of the driving condition, id lookups, range scans and prefixes read whole.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

from zzdesk.core.search import intersect
from zzdesk.core.search.documents import SearchDoc
from zzdesk.core.search.engine import SearchEngine
from zzdesk.core.search.index import build_search_index
from zzdesk.core.search.query import parse_terms

WORDS = ["郑州", "中原", "科技", "装备", "低空", "经济", "物流", "港区", "数字", "产业"]


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    rng = random.Random(3)
    docs = []
    for i in range(600):
        # Skewed: the first words are far more common, as 郑州/中原 are in real reports.
        name = "".join(rng.choice(WORDS[: rng.randint(1, len(WORDS))]) for _ in range(3)) + f"{i}号"
        body = "，".join(rng.choice(WORDS) + rng.choice(WORDS) for _ in range(4))
        docs.append(SearchDoc("project", i, 1, name, (), None, body))
    conn = sqlite3.connect(":memory:")
    build_search_index(conn, docs)
    return SearchEngine(conn)


@pytest.mark.parametrize("probe, seek_max, whole", [(7, 5, 40), (50, 20, 10**6), (2000, 300, 12000)])
@pytest.mark.parametrize("query", ["郑州 zhuangbei", "中原 kj", "数字 jingji", "物流 zz", "港区 shuzi chanye",
                                   "低空 科技", "产业 wuliu"])
def test_limited_matches_are_the_first_of_all_matches(engine: SearchEngine, monkeypatch: pytest.MonkeyPatch,
                                                      probe: int, seek_max: int, whole: int, query: str) -> None:
    monkeypatch.setattr(intersect, "PROBE", probe)
    monkeypatch.setattr(intersect, "SEEK_MAX", seek_max)
    monkeypatch.setattr(intersect, "WHOLE_READ_MAX", whole)
    terms = parse_terms(query)
    every = engine._anywhere(terms, None, None)
    assert every, query  # the data is made so that each query matches something
    for limit in (1, 3, 50, 1000):
        engine._probes = intersect.Memo()
        assert engine._anywhere(terms, None, limit) == every[:limit], (query, limit)
        engine._probes = intersect.Memo()
        typed = engine._anywhere(terms, ("figure",), limit)
        assert typed == [], (query, limit)


def test_hits_are_immutable_values() -> None:
    from zzdesk.core.search import SearchHit

    hit = SearchHit("project", 7, "中原科技城", None, "中原科技城建设", ((0, 5),), 80.0, 1, "报告", 2025)
    moved = hit.replace(id=9)
    assert (moved.id, moved.name, moved.report_year) == (9, "中原科技城", 2025)
    assert hit.id == 7 and moved != hit and moved.replace(id=7) == hit
    assert hash(moved.replace(id=7)) == hash(hit)
    with pytest.raises(AttributeError):
        hit.id = 8  # type: ignore[misc]
