"""Search cases people ran into: boundary tokens, rare readings, pinyin of words in the text,
where a hit comes from, and an index kept up to date one report at a time."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zzdesk import paths
from zzdesk.core.importing import commit_import, remove_report
from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.parsing.report import parse_report
from zzdesk.core.search import SearchEngine
from zzdesk.core.search.documents import SearchDoc, collect_documents
from zzdesk.core.search.index import build_search_index
from zzdesk.core.search.query import syllable_splits
from zzdesk.core.search.syllables import SYLLABLES
from zzdesk.core.search.traditional import TRADITIONAL
from zzdesk.core.store import DataStore

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
KEJICHENG_PROJECTS = {"科创实验园", "国家超算互联网核心节点工程", "高能物理研究中心大科学装置"}


@pytest.fixture(scope="module")
def engine() -> Iterator[SearchEngine]:
    conn = sqlite3.connect(f"{paths.reference_db_path().as_uri()}?mode=ro", uri=True)
    yield SearchEngine(conn)
    conn.close()


def small_engine(names: list[str]) -> SearchEngine:
    conn = sqlite3.connect(":memory:")
    build_search_index(conn, [SearchDoc("project", i, None, name, (), None, f"建设{name}。")
                              for i, name in enumerate(names, start=1)])
    return SearchEngine(conn)


@pytest.mark.parametrize("query", ["z", "zz", "zzs", "zzse", "zzsep", "zzsep城"])
def test_no_query_reaches_the_boundary_token(query: str) -> None:
    # Names with no z in any reading: the boundary between runs must not answer for them.
    engine = small_engine(["北京路，东段", "海口港（二期）", "太原·北区"])
    assert engine.matching_ids(query) == set()
    assert engine.search(query) == []


def test_boundary_is_no_match_in_the_real_data(engine: SearchEngine) -> None:
    everything = engine.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    for query in ("zzs", "zzse", "zzsep"):
        assert len(engine.matching_ids(query)) < everything / 4, query
    assert engine.matching_ids("zzsep") == set()


def test_rare_readings_only_when_nothing_else_matches() -> None:
    # 港 is also read hòng, 汽 gài, 信 shēn, 份 bīn: real hòng/gài names must come first, and
    # names matching only through those rare readings must not be listed beside them.
    engine = small_engine(["黄河港", "红谷", "汽车城", "盖州", "信阳", "深圳", "股份公司", "宾馆"])
    assert [h.name for h in engine.search("hong")] == ["红谷"]
    assert [h.name for h in engine.search("gai")] == ["盖州"]
    assert [h.name for h in engine.search("shen")] == ["深圳"]
    assert [h.name for h in engine.search("bin")] == ["宾馆"]
    assert [h.name for h in engine.search("hhg")] == ["黄河港"]
    # Nothing is read that way as a primary reading: then the rare reading is found.
    assert [h.name for h in engine.search("huanghehong")] == ["黄河港"]


def test_initials_and_pinyin_find_words_inside_the_text(engine: SearchEngine) -> None:
    by_chinese = {h.name for h in engine.search("科技城", types=["project"])}
    assert by_chinese == KEJICHENG_PROJECTS
    for query in ("kjc", "zykjc", "kejicheng", "zhongyuankejicheng"):
        found = {h.name for h in engine.search(query, types=["project"])}
        assert found >= KEJICHENG_PROJECTS, query
    hit = next(h for h in engine.search("kjc") if h.name == "科创实验园")
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["科技城"]  # why it was found
    figure = next(h for h in engine.search("kjc") if h.name == "获国家科技奖励科技成果")
    assert [figure.snippet[a:b] for a, b in figure.marks] == ["科技成"]  # 科技成果 begins so


def test_overlapping_marks_are_one_span() -> None:
    from zzdesk.core.search.engine import make_snippet

    snippet, marks = make_snippet("中原科技城在全国348个科技城中", ["中原科技城", "科技城"])
    assert [snippet[a:b] for a, b in marks] == ["中原科技城", "科技城"]


def test_names_still_come_before_text_words(engine: SearchEngine) -> None:
    hits = engine.search("kjc")
    assert hits[0].name == "中原科技城"
    assert all(h.score >= 50 for h in hits[:1])


def test_hits_name_their_report_and_year(engine: SearchEngine) -> None:
    hits = engine.search("科技城")
    assert hits and all(h.report_title == "政府工作报告里的“郑实践”" and h.report_year == 2025 for h in hits)
    assert hits[0].source_label == "2025年 政府工作报告里的“郑实践”"


def test_syllable_splits() -> None:
    assert syllable_splits("kejicheng")[0] == ["ke", "ji", "cheng"]
    assert syllable_splits("kejich") == [["ke", "ji", "ch"]]
    assert ["xi", "an"] in syllable_splits("xian") and ["xian"] in syllable_splits("xian")
    assert syllable_splits("zz") == []


def test_generated_tables_match_the_libraries() -> None:
    import opencc
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    chars = [chr(c) for a, b in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2EBF0))
             for c in range(a, b)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")  # one by one, no phrases
    assert {ch for ch, simple in zip(chars, converted, strict=True) if simple != ch} == set(TRADITIONAL)
    readings = {convert(r, 0, strict=True) for value in pinyin_dict.values() for r in value.split(",")}
    assert {r for r in readings if r.isascii() and r.isalpha()} == SYLLABLES


def test_plain_queries_do_not_load_opencc() -> None:
    code = ("import sys; from zzdesk.core.search.tokens import fold_query; "
            "fold_query('郑州 zhengzhou 中原科技城'); print('opencc' in sys.modules); "
            "print(fold_query('乾坤')); print('opencc' in sys.modules)")  # a phrase t2s keeps: needs OpenCC
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "乾坤", "True"]


def _found(store: DataStore, query: str) -> set[tuple[str, str]]:
    return {(h.type, h.name) for h in store.search(query, limit=500)}


def test_import_and_removal_update_the_index_like_a_full_rebuild(user_home: Path) -> None:
    text = read_report_bytes((REPORTS / "zhengzhou-2026-full.txt").read_bytes(), "zhengzhou-2026-full.txt")
    with DataStore(paths.reference_db_path(), user_home / "user.sqlite") as store:
        first = commit_import(store.user_db, parse_report(text, store.entities()), store.reference)
        brief = read_report_bytes((REPORTS / "zhengzhou-2027-brief.txt").read_bytes(), "x.txt")
        commit_import(store.user_db, parse_report(brief, store.entities()), store.reference)
        remove_report(store.user_db, first)
        updated = store.user_db.execute(
            "SELECT type, ref_id, report_id, name, aliases, theme, body FROM search_docs").fetchall()
        queries = ["郑州", "zz", "kjc", "增长", "科技", "zhengzhou", "2027"]
        incremental = {q: _found(store, q) for q in queries}
        with store.user_db:
            build_search_index(store.user_db, collect_documents(store.user_db))
        rebuilt = store.user_db.execute(
            "SELECT type, ref_id, report_id, name, aliases, theme, body FROM search_docs").fetchall()
        assert sorted(updated) == sorted(rebuilt)
        assert {q: _found(store, q) for q in queries} == incremental
        assert all(h.report_year == 2027 for h in store.search("2027年", limit=500) if h.report_id == 1_000_001)


@pytest.mark.parametrize("layout", ["current", "legacy", "mixed"])
def test_backups_with_either_search_layout_are_zzdesk_data(tmp_path: Path, layout: str) -> None:
    # A backup or data pack made before the search tables changed must still restore; a mix is not ours.
    from zzdesk.core.foreign_db import ForeignDatabaseError, validate_user_db
    from zzdesk.core.search.schema import LEGACY_CREATE
    from zzdesk.core.userdb import create_or_upgrade

    path = tmp_path / "user.sqlite"
    create_or_upgrade(path)
    conn = sqlite3.connect(path)
    if layout == "current":
        build_search_index(conn, [])
    elif layout == "legacy":
        for statement in LEGACY_CREATE:
            conn.execute(statement)
    else:
        build_search_index(conn, [])
        conn.execute("DROP TABLE search_keys")
        conn.execute(LEGACY_CREATE[1])
    conn.commit()
    conn.close()
    if layout == "mixed":
        with pytest.raises(ForeignDatabaseError):
            validate_user_db(path)
    else:
        assert validate_user_db(path) >= 1


def test_a_worker_thread_brings_a_stale_index_up_to_date(user_home: Path) -> None:
    import threading

    from zzdesk.core.search.index import remove_documents
    from zzdesk.core.search.updating import ENTITY_TYPES, reindex_report

    text = read_report_bytes((REPORTS / "zhengzhou-2026-full.txt").read_bytes(), "zhengzhou-2026-full.txt")
    queries = ["郑州", "zz", "kjc", "增长", "科技", "zhengzhou"]
    with DataStore(paths.reference_db_path(), user_home / "user.sqlite") as store:
        report_id = commit_import(store.user_db, parse_report(text, store.entities()), store.reference)
        expected = {q: _found(store, q) for q in queries}
        with store.user_db:  # as if the import had been stored without its index
            marks = ",".join("?" * len(ENTITY_TYPES))
            stale = remove_documents(store.user_db, f"report_id = ? OR type IN ({marks})", (report_id, *ENTITY_TYPES))
        assert stale > 0 and _found(store, "郑州") != expected["郑州"]
        done: list[int] = []
        worker = threading.Thread(target=lambda: done.append(reindex_report(user_home / "user.sqlite", report_id)))
        worker.start()
        worker.join()
        assert done == [stale]
        assert {q: _found(store, q) for q in queries} == expected
