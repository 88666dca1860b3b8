"""The search tables: documents in rank order, lookup keys, FTS5 token indexes, text words.

Rows are inserted best-first, so an FTS5 match read in rowid order with a LIMIT returns
the best candidates of its tier without sorting every match.  Documents can be added and
removed one report at a time: a removed document leaves its FTS5 postings behind, but every
query joins search_docs, so they are never seen (and document ids are never reused).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator

from zzdesk.core.numbers import format_number
from zzdesk.core.search.documents import SearchDoc
from zzdesk.core.search.pinyin import char_syllable, name_pinyin
from zzdesk.core.search.schema import DDL, INDEX_VERSION
from zzdesk.core.search.tokens import SEPARATOR, fold, is_hanzi, key_of, number_key, unit_runs

_BATCH = 2000
FTS_TABLES = ("search_names", "search_heads", "search_inside", "search_text")


def _streams(texts: Iterable[str], words: set[str]) -> tuple[str, str]:
    """Unigram and bigram token streams of *texts*; the text's two-character words go to *words*."""
    uni: list[str] = []
    bi: list[str] = []
    for run in unit_runs(fold("\n".join(texts))):  # a line break is a boundary like any other
        if len(run) > 1:
            pairs = list(map(str.__add__, run[:-1], run[1:]))
            words.update(pairs)
            bi.append(" ".join(pairs))
        else:
            bi.append(run[0])
        uni.append(" ".join(run))
    glue = f" {SEPARATOR} "
    return glue.join(uni), glue.join(bi)


def _name_rows(doc_id: int, doc: SearchDoc) -> tuple[list[tuple[str, str, int]], tuple[object, ...],
                                                      tuple[object, ...]]:
    """Lookup keys, head-prefix row and inside-pinyin row of a named document."""
    keys: dict[tuple[str, str], None] = {("name", key_of(doc.name)): None}
    keys.update((("alias", key_of(a)), None) for a in doc.aliases)
    heads: dict[str, None] = {}
    inside: dict[str, None] = {}
    for text, kind in ((doc.name, "py"), *((a, "apy") for a in doc.aliases)):
        spoken = name_pinyin(text)
        keys.update(((kind, k), None) for k in spoken.keys)
        keys.update(((kind + "x", k), None) for k in spoken.other_keys)
        heads.update(dict.fromkeys(spoken.heads))
        inside.update(dict.fromkeys(spoken.inside))
    if doc.value is not None:
        keys[("num", number_key(format_number(doc.value)))] = None
    return ([(kind, k, doc_id) for (kind, k) in keys if k],
            (doc_id, " ".join(heads)),
            (doc_id, " ".join(inside)))


def _word_rows(words: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    for word in words:
        if not all(is_hanzi(ch) for ch in word):
            continue
        syllables = [char_syllable(ch) for ch in word]
        if all(syllables):
            yield ("py", "".join(syllables), word)
            yield ("in", "".join(s[0] for s in syllables), word)


def build_search_index(conn: sqlite3.Connection, docs: Iterable[SearchDoc]) -> int:
    """(Re)create the search tables in *conn* from *docs*; returns the document count."""
    for statement in DDL:
        conn.execute(statement)
    conn.execute("INSERT INTO search_meta VALUES ('version', ?), ('next_doc_id', '1')", (INDEX_VERSION,))
    count = add_documents(conn, sorted(docs, key=SearchDoc.static_rank))
    for table in FTS_TABLES:
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    return count


def add_documents(conn: sqlite3.Connection, docs: Iterable[SearchDoc]) -> int:
    """Index *docs* after those already in the tables (in the order given); returns how many."""
    first = int(conn.execute("SELECT value FROM search_meta WHERE key = 'next_doc_id'").fetchone()[0])
    words: set[str] = set()
    doc_id = first
    numbered = enumerate(docs, start=first)
    while batch := list(itertools.islice(numbered, _BATCH)):
        _insert_batch(conn, batch, words)
        doc_id = batch[-1][0] + 1
    conn.executemany("INSERT OR IGNORE INTO search_words VALUES (?,?,?)", _word_rows(words))
    conn.execute("UPDATE search_meta SET value = ? WHERE key = 'next_doc_id'", (str(doc_id),))
    return doc_id - first


def _insert_batch(conn: sqlite3.Connection, batch: list[tuple[int, SearchDoc]], words: set[str]) -> None:
    doc_rows, key_rows, name_rows, head_rows, inside_rows, text_rows = [], [], [], [], [], []
    for doc_id, doc in batch:
        doc_rows.append((doc_id, doc.type, doc.ref_id, doc.report_id, doc.name,
                         "\n".join(doc.aliases), doc.theme, doc.body))
        lines = doc.body.split("\n")
        if doc.type != "passage":  # passage labels are not names people type
            keys, heads, inside = _name_rows(doc_id, doc)
            key_rows.extend(keys)
            unused: set[str] = set()
            name_rows.append((doc_id, *_streams([doc.name], unused), *_streams(doc.aliases, unused)))
            head_rows.append(heads)
            inside_rows.append(inside)
            # Names in the text too, so "anywhere" sees them -- unless the text already has them.
            lines = [*(n for n in (doc.name, *doc.aliases) if n not in doc.body), *lines]
        text_rows.append((doc_id, *_streams(lines, words)))
    conn.executemany("INSERT INTO search_docs VALUES (?,?,?,?,?,?,?,?)", doc_rows)
    conn.executemany("INSERT OR IGNORE INTO search_keys VALUES (?,?,?)", key_rows)
    conn.executemany("INSERT INTO search_names(rowid, name_uni, name_bi, alias_uni, alias_bi) VALUES (?,?,?,?,?)",
                     name_rows)
    conn.executemany("INSERT INTO search_heads(rowid, head) VALUES (?,?)", head_rows)
    conn.executemany("INSERT INTO search_inside(rowid, inside) VALUES (?,?)", inside_rows)
    conn.executemany("INSERT INTO search_text(rowid, text_uni, text_bi) VALUES (?,?,?)", text_rows)


def remove_documents(conn: sqlite3.Connection, where: str, args: Iterable[object] = ()) -> int:
    """Forget the documents matching *where* (SQL over search_docs); returns how many."""
    ids = [r[0] for r in conn.execute(f"SELECT id FROM search_docs WHERE {where}", tuple(args))]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM search_keys WHERE doc_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM search_docs WHERE id IN ({marks})", chunk)
    return len(ids)
