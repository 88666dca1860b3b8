"""Search on the seed data: the queries office staff type, and what they expect back."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zzdesk import paths
from zzdesk.core.search import SearchEngine, group_by_type
from zzdesk.core.search.documents import SearchDoc
from zzdesk.core.search.index import build_search_index


@pytest.fixture(scope="module")
def engine() -> Iterator[SearchEngine]:
    conn = sqlite3.connect(f"{paths.reference_db_path().as_uri()}?mode=ro", uri=True)
    yield SearchEngine(conn)
    conn.close()


def names(engine: SearchEngine, query: str, **kw: object) -> list[str]:
    return [h.name for h in engine.search(query, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("query", "expected_first"), [
    ("中原科技城", "中原科技城"),            # exact name
    ("科技城", "中原科技城"),                # substring from the middle of a name
    ("超硬材料", "郑南商许超硬材料集群"),
    ("zhongyuankejicheng", "中原科技城"),    # full pinyin without spaces
    ("zhong yuan ke ji cheng", "中原科技城"),  # and with them
    ("zykjc", "中原科技城"),                 # initials
    ("cjb", "超聚变"),
    ("ZYKJC", "中原科技城"),                 # case folded
    ("ｚｙｋｊｃ", "中原科技城"),              # full-width letters
    ("7+20", "“7+20”重点产业链群高质量发展行动"),
    ("两新", "“两新”政策"),
    ("1129", "“专精特新”企业数量"),          # a figure's value finds the figure
    ("5565.8", "进出口总值"),
    ("５５６５．８", "进出口总值"),
    ("宇通", "宇通客车"),
    ("华润万象城", "万象城"),                # alias
    ("鄭州記憶", "郑州记忆·油化厂创意园"),   # traditional characters
    ("亲清", "亲清在线"),
    ("yjhx", "以旧换新"),
])
def test_first_result(engine: SearchEngine, query: str, expected_first: str) -> None:
    assert names(engine, query)[:1] == [expected_first]


def test_pinyin_prefix_finds_every_name_that_starts_so(engine: SearchEngine) -> None:
    found = names(engine, "zhongyuan")
    for name in ("中原科技城", "中原量子谷", "中原医学科学城", "中原之光超短超强激光平台"):
        assert name in found
    assert names(engine, "zhong yuan")[:4] == found[:4]


def test_one_and_two_character_queries(engine: SearchEngine) -> None:
    town = names(engine, "城")
    assert {"万象城", "中原科技城", "丹尼斯大卫城", "中原医学科学城"} <= set(town)
    consumption = engine.search("消费")
    assert consumption[0].name == "提振消费"
    assert {h.type for h in consumption} >= {"theme", "figure", "initiative", "passage"}


def test_ranking_exact_then_prefix_then_substring_then_alias_then_text(engine: SearchEngine) -> None:
    hits = engine.search("宇通")
    by_name = {h.name: h.score for h in hits}
    assert by_name["宇通客车"] > by_name["服务巴黎奥运会宇通客车"]  # prefix > substring
    assert by_name["服务巴黎奥运会宇通客车"] > by_name["新质生产力"]  # substring > text mention
    exact = engine.search("万象城")[0]
    assert (exact.name, exact.score) == ("万象城", 100.0)
    alias = [h for h in engine.search("华润") if h.name == "万象城"]
    substring = [h for h in engine.search("万象") if h.name == "万象城"]
    assert alias and substring and substring[0].score > alias[0].score


def test_several_terms_must_all_match(engine: SearchEngine) -> None:
    both = engine.search("汽车 以旧换新")
    assert both and all(
        "汽车" in h.name + h.snippet or "汽车" in _body(engine, h.type, h.id) for h in both)
    assert not engine.search("汽车 量子")  # no item mentions both
    assert names(engine, "中原 科技")[0] == "中原科技城"


def _body(engine: SearchEngine, type_: str, ref_id: int) -> str:
    row = engine.conn.execute("SELECT name || aliases || body FROM search_docs WHERE type=? AND ref_id=?",
                              (type_, ref_id)).fetchone()
    return str(row[0])


def test_snippets_mark_the_match(engine: SearchEngine) -> None:
    for hit in engine.search("研发投入强度"):
        assert hit.marks, hit
        for start, end in hit.marks:
            assert hit.snippet[start:end] == "研发投入强度"
    pinyin_hit = engine.search("chaojubian")[0]
    assert [pinyin_hit.snippet[a:b] for a, b in pinyin_hit.marks] == ["超聚变"]


def test_type_filter_and_grouping(engine: SearchEngine) -> None:
    hits = engine.search("消费", types=["figure"])
    assert hits and {h.type for h in hits} == {"figure"}
    groups = group_by_type(engine.search("郑州"))
    order = [t for t, _ in groups]
    assert len(order) == len(set(order)) >= 3
    for _, group in groups:
        assert [h.score for h in group] == sorted((h.score for h in group), reverse=True)


def test_limit(engine: SearchEngine) -> None:
    assert len(engine.search("郑", limit=3)) == 3
    assert engine.search("郑", limit=0) == []


def test_no_match(engine: SearchEngine) -> None:
    assert engine.search("火星基地") == []
    assert engine.search("xyzzyq") == []


def _seed_docs(engine: SearchEngine) -> list[tuple[int, str]]:
    """Each document's searchable text; a passage's label (主题·郑州实践·第n段) is not a name."""
    rows = engine.conn.execute(
        "SELECT id, CASE type WHEN 'passage' THEN '' ELSE name END || char(10) || aliases || char(10) || body "
        "FROM search_docs")
    return [(r[0], r[1]) for r in rows]


def test_every_chinese_substring_matches_exactly_like_a_scan(engine: SearchEngine) -> None:
    """For substrings of the report text, the index finds exactly what LIKE '%q%' finds."""
    docs = _seed_docs(engine)
    text = "".join(engine.conn.execute("SELECT group_concat(body, '') FROM search_docs "
                                       "WHERE type='passage'").fetchone())
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    checked = 0
    for run in runs[::3]:
        for length in (1, 2, 3, 5):
            for start in range(0, max(1, len(run) - length), 7):
                q = run[start:start + length]
                if len(q) != length:
                    continue
                scan = {doc_id for doc_id, blob in docs if any(q in part for part in blob.split("\n"))}
                assert engine.matching_ids(q) == scan, q
                checked += 1
    assert checked > 300


def test_polyphonic_characters_do_not_hide_results() -> None:
    conn = sqlite3.connect(":memory:")
    docs = [SearchDoc("enterprise", i, None, name, (), None, f"{name}的介绍。")
            for i, name in enumerate(["重庆银行", "长江实业", "行政服务中心", "重要项目", "成长基金"], start=1)]
    build_search_index(conn, docs)
    engine = SearchEngine(conn)
    assert names(engine, "chongqing")[:1] == ["重庆银行"]
    assert names(engine, "zhongqing")[:1] == ["重庆银行"]   # the other reading of 重
    assert names(engine, "yinhang")[:1] == ["重庆银行"]
    assert "长江实业" in names(engine, "changjiang") and "长江实业" in names(engine, "zhangjiang")
    assert names(engine, "xingzheng")[:1] == ["行政服务中心"]
    assert "行政服务中心" in names(engine, "hangzheng")
    assert names(engine, "zhongyao")[:1] == ["重要项目"]
    assert "成长基金" in names(engine, "chengzhang")


HOSTILE = ['"', "'", "*", "-", "(", ")", "NEAR", "AND", "OR", "NOT", "col:x", "name_uni:城", "^", "{", "}",
           "\x00", "😀", "🇨🇳", "\u200b", "\ufeff", ":", "+", "NEAR(城 市)", '"城" OR "市"', "城*", "-城"]


PUNCTUATION_ONLY = ['"', "'", "*", "-", "(", ")", "^", "{", "}", ":", "+", "\x00", "😀", "🇨🇳", "\u200b",
                    "\ufeff", "", " ", "“”（）"]
OPERATORS = ["NEAR", "AND", "OR", "NOT", "col:x", "name_uni:城", "NEAR(城 市)", '"城" OR "市"', "城*", "-城",
             "城 AND 市", "text_uni:*", "城" * 10_000, "a" * 10_000, "1" * 10_000]


@pytest.mark.parametrize("query", PUNCTUATION_ONLY)
def test_input_with_nothing_searchable_finds_nothing(engine: SearchEngine, query: str) -> None:
    assert engine.search(query) == []
    assert engine.matching_ids(query) == set()


@pytest.mark.parametrize("query", OPERATORS)
def test_query_syntax_is_taken_as_text(engine: SearchEngine, query: str) -> None:
    hits = engine.search(query)
    assert len(hits) <= 50
    # Operators are words like any other: '"城" OR "市"' asks for 城, "or" and 市 together.
    if query == '"城" OR "市"':
        assert hits == engine.search("城 or 市")
        assert engine.search("城 市")  # the two characters alone are found
    if query == "NEAR(城 市)":
        assert {h.name for h in hits} == {h.name for h in engine.search("near 城 市")}


_PIECES = ['"', "*", "-", "(", ")", "NEAR", "AND", "OR", "NOT", "col:x", "😀", "城", "科技", "zy", "7", ".", " ",
           "中原", "a", "”", "\x00", "：", "5565.8", "ｚ"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join) | st.text(max_size=40))
def test_fuzz_never_raises_and_marks_what_was_typed(engine: SearchEngine, query: str) -> None:
    hits = engine.search(query, limit=10)
    assert len(hits) <= 10
    typed = query.lower()
    from zzdesk.core.search.query import parse_terms

    # Letters may be marked as the words of the text they are the pinyin of (zy: 中原).
    spoken = [w for t in parse_terms(query) if t.latin_only for w in engine._spoken_words(t.key)]
    for hit in hits:
        assert 0 < hit.score <= 100
        for start, end in hit.marks:
            assert 0 <= start < end <= len(hit.snippet)
            marked = hit.snippet[start:end]
            if "５" in query or "ｚ" in query:
                continue
            # Every character marked belongs to something typed, the item's name or such a word.
            assert marked.lower() in typed or _covered(marked, [p for p in {*typed.split(), hit.name, *spoken} if p]), \
                (marked, query)


def _covered(marked: str, needles: list[str]) -> bool:
    covered = [False] * len(marked)
    for needle in needles:
        at = marked.lower().find(needle.lower())
        while at >= 0:
            covered[at:at + len(needle)] = [True] * len(needle)
            at = marked.lower().find(needle.lower(), at + 1)
    return all(covered)
