"""The search tables: documents in rank order, lookup keys, and an FTS5 token index.

Rows are inserted best-first, so an FTS5 match read in rowid order with a
LIMIT returns the best candidates of its tier without sorting every match.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from zzdesk.core.numbers import format_number
from zzdesk.core.search.documents import SearchDoc
from zzdesk.core.search.pinyin import head_keys, suffix_tokens
from zzdesk.core.search.tokens import bigram_stream, fold, key_of, number_key, segments, unigram_stream

DDL = (
    "DROP TABLE IF EXISTS search_docs",
    "DROP TABLE IF EXISTS search_keys",
    "DROP TABLE IF EXISTS search_names",
    "DROP TABLE IF EXISTS search_text",
    """CREATE TABLE search_docs (
        id INTEGER PRIMARY KEY, type TEXT NOT NULL, ref_id INTEGER NOT NULL, report_id INTEGER,
        name TEXT NOT NULL, aliases TEXT NOT NULL, theme TEXT, body TEXT NOT NULL)""",
    # kind: name, alias, py (pinyin of a name), apy (pinyin of an alias), num (a figure's value)
    """CREATE TABLE search_keys (key TEXT NOT NULL, kind TEXT NOT NULL, doc_id INTEGER NOT NULL,
        PRIMARY KEY (key, kind, doc_id)) WITHOUT ROWID""",
    # Names apart from text: a name tier must not wade through the long doclists of common
    # characters in the body text.  The text index repeats names so it answers "anywhere".
    """CREATE VIRTUAL TABLE search_names USING fts5(
        name_uni, name_bi, alias_uni, alias_bi, py_any, content='', tokenize='ascii')""",
    """CREATE VIRTUAL TABLE search_text USING fts5(text_uni, text_bi, content='', tokenize='ascii')""",
)


def _streams(texts: Iterable[str]) -> tuple[str, str]:
    uni, bi = [], []
    for text in texts:
        segs = segments(fold(text))
        uni.append(unigram_stream(segs))
        bi.append(bigram_stream(segs))
    return " zzsep ".join(u for u in uni if u), " zzsep ".join(b for b in bi if b)


def _keys(doc_id: int, doc: SearchDoc) -> list[tuple[str, str, int]]:
    keys: dict[tuple[str, str], None] = {(key_of(doc.name), "name"): None}
    for alias in doc.aliases:
        keys[(key_of(alias), "alias")] = None
    for text, kind in ((doc.name, "py"), *((a, "apy") for a in doc.aliases)):
        full, short = head_keys(text)
        for k in (*full, *short):
            keys[(k, kind)] = None
    if doc.value is not None:
        keys[(number_key(format_number(doc.value)), "num")] = None
    return [(k, kind, doc_id) for (k, kind) in keys if k]


def build_search_index(conn: sqlite3.Connection, docs: Iterable[SearchDoc]) -> int:
    """(Re)create the search tables in *conn* from *docs*; returns the document count."""
    for statement in DDL:
        conn.execute(statement)
    ordered = sorted(docs, key=SearchDoc.static_rank)
    doc_rows: list[tuple[object, ...]] = []
    key_rows: list[tuple[str, str, int]] = []
    name_rows: list[tuple[object, ...]] = []
    text_rows: list[tuple[object, ...]] = []
    for doc_id, doc in enumerate(ordered, start=1):
        doc_rows.append((doc_id, doc.type, doc.ref_id, doc.report_id, doc.name,
                         "\n".join(doc.aliases), doc.theme, doc.body))
        named = doc.type != "passage"  # passage labels are not names people type
        lines = doc.body.split("\n")
        if named:
            key_rows.extend(_keys(doc_id, doc))
            name_uni, name_bi = _streams([doc.name])
            alias_uni, alias_bi = _streams(doc.aliases)
            pinyin_any = [t for text in (doc.name, *doc.aliases) for t in suffix_tokens(text)[1]]
            name_rows.append((doc_id, name_uni, name_bi, alias_uni, alias_bi,
                              " ".join(dict.fromkeys(pinyin_any))))
            lines = [doc.name, *doc.aliases, *lines]
        text_rows.append((doc_id, *_streams(lines)))
    conn.executemany("INSERT INTO search_docs VALUES (?,?,?,?,?,?,?,?)", doc_rows)
    conn.executemany("INSERT INTO search_keys VALUES (?,?,?)", key_rows)
    conn.executemany("INSERT INTO search_names(rowid, name_uni, name_bi, alias_uni, alias_bi, py_any) "
                     "VALUES (?,?,?,?,?,?)", name_rows)
    conn.executemany("INSERT INTO search_text(rowid, text_uni, text_bi) VALUES (?,?,?)", text_rows)
    for table in ("search_names", "search_text"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    return len(doc_rows)
