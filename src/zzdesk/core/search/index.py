"""The search tables: documents in rank order, lookup keys, FTS5 token indexes, text words.

Rows are inserted best-first, so an FTS5 match read in rowid order with a LIMIT returns
the best candidates of its tier without sorting every match.  Documents can be added and
removed one report at a time: a removed document leaves its FTS5 postings behind, but every
query joins search_docs, so they are never seen (and document ids are never reused).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from zzdesk.core.numbers import format_number
from zzdesk.core.search.documents import SearchDoc
from zzdesk.core.search.pinyin import char_syllable, name_pinyin
from zzdesk.core.search.schema import DDL, INDEX_VERSION
from zzdesk.core.search.tokens import SEPARATOR, fold_units, is_hanzi, key_of, number_key, unit_runs

_BATCH = 2000
_RUNS_KEPT = 4096  # distinct runs of text remembered while indexing (each costs some 600 bytes)
_NAMES_KEPT = 256  # names remembered: the same name comes in a run (documents are in rank order)
FTS_TABLES = ("search_names", "search_heads", "search_inside", "search_text")
# While a whole index is built: segments are not merged as they are written but once, by the
# 'optimize' that ends the build (crisismerge bounds how many pile up), and each is written from
# a larger batch of pending tokens.  100k records: 5.0 s of writing -> 3.8 s, +20 MiB.
_BULK_SETTINGS = (("automerge", 0), ("crisismerge", 64), ("hashsize", 4 << 20))


class _Tokens:
    """Unigram and bigram token streams of texts, each distinct run of Chinese characters cut once:
    text repeats (a name in every sentence that mentions it, set phrases): in report-like text
    four runs in ten have been met before.  The text's two-character words go to *words* (None: dropped)."""

    def __init__(self, words: set[str] | None) -> None:
        self.words = words
        self._runs: dict[str, tuple[str, str]] = {}

    def streams(self, texts: Iterable[str]) -> tuple[str, str]:
        uni: list[str] = []
        bi: list[str] = []
        runs = self._runs
        for run in unit_runs(fold_units("\n".join(texts))):  # a line break is a boundary like any other
            if isinstance(run, str):  # Chinese only: the common case, worth remembering
                cut = runs.get(run)
                if cut is None:
                    cut = self._cut(run)
                    if len(runs) >= _RUNS_KEPT:  # bounds the memory it takes (0: remember none)
                        runs.clear()
                    if _RUNS_KEPT:
                        runs[run] = cut
            else:
                cut = self._cut(run)
            uni.append(cut[0])
            bi.append(cut[1])
        glue = f" {SEPARATOR} "
        return glue.join(uni), glue.join(bi)

    def _cut(self, run: str | list[str]) -> tuple[str, str]:
        if len(run) == 1:
            return run[0], run[0]
        pairs = list(map(str.__add__, run[:-1], run[1:]))
        if self.words is not None:
            self.words.update(pairs)
        return " ".join(run), " ".join(pairs)


class _Named:
    """What the index keeps of one name and its aliases, apart from the document's id."""

    __slots__ = ("heads", "inside", "keys", "streams")

    def __init__(self, name: str, aliases: tuple[str, ...], tokens: _Tokens) -> None:
        if not aliases:  # most names: nothing to merge, every part is distinct already
            spoken = name_pinyin(name)
            self.keys = [("name", key_of(name)), *(("py", k) for k in spoken.keys),
                         *(("pyx", k) for k in spoken.other_keys)]
            self.heads = " ".join(spoken.heads)
            self.inside = " ".join(spoken.inside)
            self.streams = (*tokens.streams([name]), "", "")
            return
        keys: dict[tuple[str, str], None] = {("name", key_of(name)): None}
        keys.update((("alias", key_of(a)), None) for a in aliases)
        heads: dict[str, None] = {}
        inside: dict[str, None] = {}
        for text, kind in ((name, "py"), *((a, "apy") for a in aliases)):
            spoken = name_pinyin(text)
            keys.update(((kind, k), None) for k in spoken.keys)
            keys.update(((kind + "x", k), None) for k in spoken.other_keys)
            heads.update(dict.fromkeys(spoken.heads))
            inside.update(dict.fromkeys(spoken.inside))
        self.keys = list(keys)
        self.heads = " ".join(heads)
        self.inside = " ".join(inside)
        self.streams = (*tokens.streams([name]), *tokens.streams(aliases))


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
    for table in FTS_TABLES:
        for option, value in _BULK_SETTINGS:
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES (?, ?)", (option, value))
    count = add_documents(conn, sorted(docs, key=SearchDoc.static_rank))
    for table in FTS_TABLES:
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        # Back to FTS5's defaults for the small updates to come (imports): settings live in this table.
        conn.execute(f"DELETE FROM {table}_config WHERE k IN ({','.join('?' * len(_BULK_SETTINGS))})",
                     [option for option, _ in _BULK_SETTINGS])
    return count


def add_documents(conn: sqlite3.Connection, docs: Iterable[SearchDoc]) -> int:
    """Index *docs* after those already in the tables (in the order given); returns how many.

    One thread cuts the next batch while this one writes the last.  A batch goes to SQLite as one
    statement (each table's rows a JSON array), which runs without the GIL, so cutting and writing
    use two cores.  (Writing row by row, or a statement a table, takes the GIL back so often that
    the writer mostly waits for it.)
    """
    first = int(conn.execute("SELECT value FROM search_meta WHERE key = 'next_doc_id'").fetchone()[0])
    rows = _Rows()
    numbered = enumerate(docs, start=first)

    def cut_next() -> tuple[int, list[str]] | None:
        batch = list(itertools.islice(numbered, _BATCH))
        return (batch[-1][0] + 1, rows.of(batch)) if batch else None

    doc_id = first
    try:
        for statement in _BATCH_SINK:
            conn.execute(statement)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-index") as cutter:
            ahead = cutter.submit(cut_next)
            while (done := ahead.result()) is not None:
                ahead = cutter.submit(cut_next)
                doc_id, tables = done
                conn.execute(f"INSERT INTO temp.search_batch VALUES ({','.join('?' * len(tables))})", tables)
    finally:
        with contextlib.suppress(sqlite3.Error):  # the failure that brought us here is what to report
            conn.execute("DROP VIEW IF EXISTS temp.search_batch")  # and its trigger
    conn.executemany("INSERT OR IGNORE INTO search_words VALUES (?,?,?)", _word_rows(rows.words))
    conn.execute("UPDATE search_meta SET value = ? WHERE key = 'next_doc_id'", (str(doc_id),))
    return doc_id - first


# Each table's insert and the number of values in its rows, in the order _Rows.of gives them.
_TABLE_ROWS = (
    ("INSERT INTO search_docs", 8),
    ("INSERT OR IGNORE INTO search_keys", 3),
    ("INSERT INTO search_names(rowid, name_uni, name_bi, alias_uni, alias_bi)", 5),
    ("INSERT INTO search_heads(rowid, head)", 2),
    ("INSERT INTO search_inside(rowid, inside)", 2),
    ("INSERT INTO search_text(rowid, text_uni, text_bi)", 3),
)


def _batch_sink() -> tuple[str, str]:
    """A view that takes a batch (a JSON array of rows per table) and a trigger that writes it."""
    columns = [f"t{i}" for i in range(len(_TABLE_ROWS))]
    inserts = []
    for column, (insert, width) in zip(columns, _TABLE_ROWS, strict=True):
        values = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(width))
        inserts.append(f"{insert} SELECT {values} FROM json_each(NEW.{column});")
    nulls = ", ".join(["NULL"] * len(columns))
    return (f"CREATE TEMP VIEW IF NOT EXISTS search_batch({', '.join(columns)}) AS SELECT {nulls}",
            "CREATE TEMP TRIGGER IF NOT EXISTS search_batch_rows INSTEAD OF INSERT ON search_batch "
            f"BEGIN {' '.join(inserts)} END")


_BATCH_SINK = _batch_sink()


class _Rows:
    """Rows of the search tables, a batch at a time.  Documents come in rank order, so the same
    name comes in a run (a project and its figures, an entity in several reports): what a name
    gives is computed once per run of it."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.text = _Tokens(self.words)
        self.names = _Tokens(None)  # passage labels and names are not words of the text
        self._named: dict[tuple[str, tuple[str, ...]], _Named] = {}

    def named(self, doc: SearchDoc) -> _Named:
        key = (doc.name, doc.aliases)
        found = self._named.get(key)
        if found is None:
            found = _Named(doc.name, doc.aliases, self.names)
            if len(self._named) >= _NAMES_KEPT:
                self._named.clear()
            if _NAMES_KEPT:
                self._named[key] = found
        return found

    def of(self, batch: list[tuple[int, SearchDoc]]) -> list[str]:
        """The rows of each table for the documents of *batch*, as JSON arrays."""
        doc_rows, name_rows, head_rows, inside_rows, text_rows = [], [], [], [], []
        key_rows: list[tuple[str, str, int]] = []
        for doc_id, doc in batch:
            doc_rows.append((doc_id, doc.type, doc.ref_id, doc.report_id, doc.name,
                             "\n".join(doc.aliases), doc.theme, doc.body))
            lines = doc.body.split("\n")
            if doc.type != "passage":  # passage labels are not names people type
                named = self.named(doc)
                key_rows.extend((kind, k, doc_id) for kind, k in named.keys if k)
                if doc.value is not None:
                    number = number_key(format_number(doc.value))
                    if number:
                        key_rows.append(("num", number, doc_id))
                name_rows.append((doc_id, *named.streams))
                head_rows.append((doc_id, named.heads))
                inside_rows.append((doc_id, named.inside))
                # Names in the text too, so "anywhere" sees them -- unless the text already has them.
                lines = [*(n for n in (doc.name, *doc.aliases) if n not in doc.body), *lines]
            text_rows.append((doc_id, *self.text.streams(lines)))
        tables = (doc_rows, key_rows, name_rows, head_rows, inside_rows, text_rows)
        return [json.dumps(rows, ensure_ascii=False) for rows in tables]


def remove_documents(conn: sqlite3.Connection, where: str, args: Iterable[object] = ()) -> int:
    """Forget the documents matching *where* (SQL over search_docs); returns how many."""
    ids = [r[0] for r in conn.execute(f"SELECT id FROM search_docs WHERE {where}", tuple(args))]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM search_keys WHERE doc_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM search_docs WHERE id IN ({marks})", chunk)
    return len(ids)
