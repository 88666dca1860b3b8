"""The search tables' layout, apart from the code that fills them (which loads pypinyin).

Rows of search_docs are numbered best-first (static rank), so an FTS5 match read in rowid
order with a LIMIT returns the best candidates of its tier without sorting every match.
"""

from __future__ import annotations

import sqlite3

INDEX_VERSION = "2"
MAX_PREFIX = 16  # head keys are indexed by every prefix up to this length; longer input is a key range
DDL = (
    "DROP TABLE IF EXISTS search_docs",
    "DROP TABLE IF EXISTS search_keys",
    "DROP TABLE IF EXISTS search_names",
    "DROP TABLE IF EXISTS search_heads",
    "DROP TABLE IF EXISTS search_inside",
    "DROP TABLE IF EXISTS search_text",
    "DROP TABLE IF EXISTS search_words",
    "DROP TABLE IF EXISTS search_meta",
    """CREATE TABLE search_docs (
        id INTEGER PRIMARY KEY, type TEXT NOT NULL, ref_id INTEGER NOT NULL, report_id INTEGER,
        name TEXT NOT NULL, aliases TEXT NOT NULL, theme TEXT, body TEXT NOT NULL)""",
    # kind: name, alias, num (a figure's value); py/apy the primary pinyin and initials of a name/alias,
    # pyx/apyx those of its other readings.  Kind first: a range over one kind reads only that kind.
    """CREATE TABLE search_keys (kind TEXT NOT NULL, key TEXT NOT NULL, doc_id INTEGER NOT NULL,
        PRIMARY KEY (kind, key, doc_id)) WITHOUT ROWID""",
    # Names apart from text: a name tier must not wade through the doclists of common characters.
    """CREATE VIRTUAL TABLE search_names USING fts5(
        name_uni, name_bi, alias_uni, alias_bi, content='', tokenize='ascii')""",
    # Every prefix of a name's pinyin and initials as a token: a prefix is one doclist in rank order.
    """CREATE VIRTUAL TABLE search_heads USING fts5(head, content='', tokenize='ascii',
        detail='column')""",
    # Pinyin from the second syllable on (科技城 in 中原科技城), primary reading only, with a prefix
    # index for short input.
    """CREATE VIRTUAL TABLE search_inside USING fts5(inside, content='', tokenize='ascii',
        detail='column', prefix='1 2 3 4')""",
    """CREATE VIRTUAL TABLE search_text USING fts5(text_uni, text_bi, content='', tokenize='ascii')""",
    # Each two-character word of the text with its pinyin (kind py) and initials (kind in), so
    # pinyin typed for words inside the text (kjc, kejicheng) becomes the words it stands for.
    """CREATE TABLE search_words (kind TEXT NOT NULL, key TEXT NOT NULL, word TEXT NOT NULL,
        PRIMARY KEY (kind, key, word)) WITHOUT ROWID""",
    "CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)

# The first layout (until the boundary and ranking fixes): user databases and backups made then
# still hold it; it is read as foreign-database-safe and replaced by the next import.
LEGACY_CREATE = (
    """CREATE TABLE search_docs (
        id INTEGER PRIMARY KEY, type TEXT NOT NULL, ref_id INTEGER NOT NULL, report_id INTEGER,
        name TEXT NOT NULL, aliases TEXT NOT NULL, theme TEXT, body TEXT NOT NULL)""",
    """CREATE TABLE search_keys (key TEXT NOT NULL, kind TEXT NOT NULL, doc_id INTEGER NOT NULL,
        PRIMARY KEY (key, kind, doc_id)) WITHOUT ROWID""",
    """CREATE VIRTUAL TABLE search_names USING fts5(
        name_uni, name_bi, alias_uni, alias_bi, py_any, content='', tokenize='ascii')""",
    """CREATE VIRTUAL TABLE search_text USING fts5(text_uni, text_bi, content='', tokenize='ascii')""",
)


def has_index(conn: sqlite3.Connection) -> bool:
    """Whether *conn* holds search tables of this version (older ones are rebuilt, not updated)."""
    try:
        row = conn.execute("SELECT value FROM search_meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError:
        return False
    return row is not None and row[0] == INDEX_VERSION
