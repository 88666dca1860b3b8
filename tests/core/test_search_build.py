"""Building the index: the shortcuts taken for speed leave its content as it was defined."""

from __future__ import annotations

import sqlite3

from zzdesk import paths
from zzdesk.core.search import index
from zzdesk.core.search.documents import SearchDoc, collect_documents
from zzdesk.core.search.index import FTS_TABLES, build_search_index
from zzdesk.core.search.tokens import _FOLD_RANGES, fold, fold_units, segments, unit_runs


def test_text_left_unfolded_has_the_units_of_folded_text() -> None:
    # Every character folding changes, alone and between units of each kind.
    for first, last in _FOLD_RANGES:
        for code in range(first, last):
            ch = chr(code)
            for text in (ch, f"郑{ch}州", f"ab{ch}12", f"{ch}{ch}x", f"Ａ{ch}"):
                assert unit_runs(fold_units(text)) == unit_runs(fold(text)), (hex(code), text)


def content(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the plain tables and every token instance of the FTS5 tables."""
    found = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall()
             for t in ("search_docs", "search_keys", "search_words")}
    for table in FTS_TABLES:
        conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_{table} USING fts5vocab(main, {table}, instance)")
        found[table] = conn.execute(f"SELECT term, doc, col, offset FROM temp.v_{table} ORDER BY 1, 2, 3, 4").fetchall()
    return found


def documents() -> list[SearchDoc]:
    conn = sqlite3.connect(f"{paths.reference_db_path().as_uri()}?mode=ro", uri=True)
    docs = collect_documents(conn)
    conn.close()
    # Repeated names (an entity in several reports), full-width letters and digits, A-Z.
    extra = [SearchDoc("project", 9000 + i, 2, d.name, d.aliases, d.theme, f"ＡＢ{d.body}Ｘ１２", d.value)
             for i, d in enumerate(docs) if d.type != "passage"]
    return docs + extra


def test_remembering_runs_and_names_changes_nothing(monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    docs = documents()
    remembered = sqlite3.connect(":memory:")
    build_search_index(remembered, docs)
    monkeypatch.setattr(index, "_RUNS_KEPT", 0)  # every run cut anew
    monkeypatch.setattr(index, "_NAMES_KEPT", 0)  # every name read anew
    anew = sqlite3.connect(":memory:")
    build_search_index(anew, docs)
    first, second = content(remembered), content(anew)
    assert all(first[t] for t in first)
    assert first == second


def test_the_primary_reading_is_pypinyins() -> None:
    import random

    from pypinyin import lazy_pinyin

    from zzdesk.core.search.pinyin import _primary
    from zzdesk.core.search.tokens import is_hanzi

    text = paths.source_dir().glob("*.txt")
    hanzi = "".join(ch for path in sorted(text) for ch in path.read_text(encoding="utf-8") if is_hanzi(ch))
    assert len(hanzi) > 1000
    rng = random.Random(5)
    # Pieces of the report, and names that end alike (their cut is remembered by its rest).
    pieces = [hanzi[a:a + rng.randint(1, 16)] for a in (rng.randrange(len(hanzi)) for _ in range(3000))]
    endings = ("量子产业园", "科技城", "重点实验室", "长兴")
    pieces += [p + q for p in ("郑州", "中原", "航空港", "绿博") for q in endings]
    for piece in pieces:
        assert _primary(piece) == lazy_pinyin(piece), piece


def as_units(runs: list[str | list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(run) for run in runs)


def test_query_segments_cut_as_the_index_cuts() -> None:
    # Every BMP character and the ends of the astral Chinese range, alone and between units of each
    # kind; then the bundled report texts.  The query side cuts without regexes, the index with them.
    astral = [0x1FFFF, 0x20000, 0x2A6DF, 0x2EBEF, 0x2EBF0, 0x10FFFF]
    for code in [*range(0x0, 0xD800), *range(0xE000, 0x10000), *astral]:
        ch = chr(code)
        for text in (ch, f"郑{ch}州", f"ab{ch}12", f"{ch}{ch}x", f"z{ch}郑"):
            folded = fold(text)
            assert segments(folded).runs == as_units(unit_runs(folded)), (hex(code), text)
    texts = [d.body for d in documents()] + [d.name for d in documents()]
    assert len(texts) > 100
    for text in texts:
        folded = fold(text)
        assert segments(folded).runs == as_units(unit_runs(folded)), text


def test_batches_cut_ahead_are_written_in_order(monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    docs = documents()
    whole = sqlite3.connect(":memory:")
    monkeypatch.setattr(index, "_BATCH", len(docs) + 1)  # one batch: nothing is cut ahead
    build_search_index(whole, docs)
    monkeypatch.setattr(index, "_BATCH", 7)  # dozens of batches, each cut while the last is written
    pieces = sqlite3.connect(":memory:")
    assert build_search_index(pieces, docs) == len(docs)
    assert content(whole) == content(pieces)


def test_a_failure_while_cutting_ahead_reaches_the_caller(monkeypatch: object) -> None:
    import threading

    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    docs = documents()
    monkeypatch.setattr(index, "_BATCH", 7)
    broken = SearchDoc("project", 1, 1, "坏名字", (), None, "正文")
    real_named = index._Rows.named

    def named(rows: index._Rows, doc: SearchDoc) -> object:
        if doc is broken:
            raise RuntimeError("cut failed")
        return real_named(rows, doc)

    monkeypatch.setattr(index._Rows, "named", named)
    conn = sqlite3.connect(":memory:")
    ranked = sorted(docs, key=SearchDoc.static_rank)
    with pytest.raises(RuntimeError, match="cut failed"):
        conn.execute("BEGIN")
        for statement in index.DDL:
            conn.execute(statement)
        conn.execute("INSERT INTO search_meta VALUES ('version', ?), ('next_doc_id', '1')", (index.INDEX_VERSION,))
        index.add_documents(conn, [*ranked[:50], broken, *ranked[50:]])
    assert not [t for t in threading.enumerate() if t.name.startswith("search-index")]
    assert conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []  # the batch view is gone
    written = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    assert 0 < written <= 50  # batches before the broken one were written, none after it


def test_bulk_settings_do_not_outlive_the_build() -> None:
    # Unmerged segments suit one bulk build; later imports must merge as FTS5 does by default.
    conn = sqlite3.connect(":memory:")
    build_search_index(conn, documents())
    for table in FTS_TABLES:
        assert conn.execute(f"SELECT k FROM {table}_config").fetchall() == [("version",)], table
    reopened = sqlite3.connect(f"{paths.reference_db_path().as_uri()}?mode=ro", uri=True)
    for table in FTS_TABLES:
        assert reopened.execute(f"SELECT k FROM {table}_config").fetchall() == [("version",)], table
