"""Chinese words with pinyin (郑州 liangzi): searched side by side, the matches are exactly those
of every term intersected whole, also when the Chinese word is in tens of thousands of texts."""

from __future__ import annotations

import random
import sqlite3

import pytest

from zzdesk.core.search import intersect
from zzdesk.core.search.documents import SearchDoc
from zzdesk.core.search.engine import SearchEngine, term_conditions
from zzdesk.core.search.index import build_search_index
from zzdesk.core.search.query import parse_terms

PLACES = ["郑州"] * 6 + ["中原", "象湖", "登封"]
FIELDS = ["量子", "西医", "能源", "产业", "行动", "科技", "新材料", "储能", "算力", "物流"]
KINDS = ["项目", "基地", "实验室", "行动", "集团", "产业园"]
COUNT = 24_000


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    rng = random.Random(11)
    docs = []
    for i in range(COUNT):
        # A rare place and a rare field too: the other side of each check is then the small one.
        place = "惠济" if rng.random() < 0.002 else rng.choice(PLACES)
        fields = rng.sample(FIELDS, rng.randint(0, 2)) + (["轨交"] if rng.random() < 0.004 else [])
        name = place + "".join(fields) + rng.choice(KINDS)
        # Nearly every text says 郑州, as a city's report does; a few name a field as well.
        body = f"郑州{rng.choice(FIELDS) if rng.random() < 0.1 else '持续'}推进{name}建设"
        kind = "passage" if i % 4 == 0 else "project"
        docs.append(SearchDoc(kind, i, 1, name if kind != "passage" else f"第{i}段", (), None, body))
    conn = sqlite3.connect(":memory:")
    build_search_index(conn, docs)
    return SearchEngine(conn)


def every_match(engine: SearchEngine, query: str, types: tuple[str, ...] | None, words: bool) -> list[int]:
    """All matches by intersecting each term's whole set of documents (no side-by-side split)."""
    terms = parse_terms(query)
    chinese = [t for t in terms if not t.latin_only]
    conditions = term_conditions(chinese, engine._spelled(terms, rare=False, words=words))
    return intersect.matching(engine.conn, conditions, types, None)


@pytest.mark.parametrize("query", ["郑州 liangzi", "郑州 xiyi", "郑州 chanye", "郑州 xingdong", "象湖 shiyan",
                                   "郑州 nengyuan wuliu", "郑州 持续 suanli", "登封 keji", "郑州 lz",
                                   "惠济 liangzi", "惠济 cn", "郑州 guijiao", "象湖 gj"])
def test_mixed_queries_find_what_intersecting_every_term_finds(engine: SearchEngine, query: str) -> None:
    common = len(engine._anywhere(parse_terms("郑州"), None, None))
    assert common > 20_000  # the Chinese word is in tens of thousands of texts
    for words in (True, False):
        for types in (None, ("project",), ("passage",)):
            every = every_match(engine, query, types, words)
            engine._probes = intersect.Memo()
            assert engine._anywhere(parse_terms(query), types, None, words=words) == every, (query, types)
            for limit in (1, 50, 700):
                engine._probes = intersect.Memo()
                found = engine._anywhere(parse_terms(query), types, limit, words=words)
                assert found == every[:limit], (query, types, words, limit)
    assert every_match(engine, query, None, True), query  # each query finds something


def test_search_ranks_a_mixed_query_as_before(engine: SearchEngine) -> None:
    hits = engine.search("郑州 liangzi", limit=50)
    assert len(hits) == 50
    assert all("郑州" in h.snippet or "郑州" in h.name for h in hits)
    # Names with 量子 come before texts that merely mention it.
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert "量子" in hits[0].name
