"""Keeping a database's search index in step with its reports, one report at a time.

`update_for_report` works inside the caller's transaction (an import indexes what it wrote in
the same transaction); `reindex_report` is the same work with its own connection, transaction
and writers' lock, for a worker thread: it takes only a path and ids.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from zzdesk.core.errors import UserError
from zzdesk.core.search.documents import TYPE_ORDER, collect_documents
from zzdesk.core.search.index import add_documents, build_search_index, remove_documents
from zzdesk.core.search.schema import has_index

REPORT_TYPES = ("theme", "passage", "figure")  # documents that belong to exactly one report
ENTITY_TYPES = tuple(t for t in TYPE_ORDER if t not in REPORT_TYPES)


def mentioned_entities(conn: sqlite3.Connection, report_id: int) -> set[int]:
    """Entities report *report_id* mentions (ask before removing it: their documents change)."""
    return {r[0] for r in conn.execute(
        "SELECT DISTINCT m.entity_id FROM mentions m JOIN passages p ON p.id = m.passage_id WHERE p.report_id = ?",
        (report_id,))}


class IndexUpdateFailed(UserError):
    """The search index could not be written (a full disk, a read-only folder, another writer)."""


def update_for_report(conn: sqlite3.Connection, report_id: int, entity_ids: Iterable[int] = ()) -> int:
    """Re-index what report *report_id* touches, after it was added or removed; returns how
    many documents were (re)indexed.

    *entity_ids*: entities it mentioned before a removal (afterwards the database no longer
    says).  An index of an older layout, or none, is rebuilt whole instead.
    """
    if not has_index(conn):
        return build_search_index(conn, collect_documents(conn))
    entities = set(entity_ids) | mentioned_entities(conn, report_id)
    types = ",".join("?" * len(REPORT_TYPES))
    remove_documents(conn, f"report_id = ? AND type IN ({types})", (report_id, *REPORT_TYPES))
    ids = sorted(entities)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        remove_documents(conn, f"type IN ({','.join('?' * len(ENTITY_TYPES))}) "
                               f"AND ref_id IN ({','.join('?' * len(chunk))})", (*ENTITY_TYPES, *chunk))
    docs = collect_documents(conn, report_id=report_id, entity_ids=entities)
    return add_documents(conn, sorted(docs, key=lambda d: d.static_rank()))


def reindex_report(db_path: Path, report_id: int, entity_ids: Iterable[int] = ()) -> int:
    """`update_for_report` on the database file *db_path*, in a connection of its own (opened and
    closed here, so any thread may call it), as one transaction under the writers' lock.

    All of it or, on any failure, none of it: a failure the user can cause raises
    IndexUpdateFailed with one Chinese line.  Returns how many documents were (re)indexed.
    """
    from zzdesk.core.db import failure_line
    from zzdesk.core.writers_lock import DataFolderReadOnly, WritersBusy, lock_for

    try:
        conn = sqlite3.connect(str(db_path), timeout=30)
    except sqlite3.Error as exc:
        raise IndexUpdateFailed(f"{failure_line(exc)}：搜索索引没有更新") from exc
    try:
        with lock_for(conn, "更新搜索索引"), conn:
            return update_for_report(conn, report_id, entity_ids)
    except sqlite3.Error as exc:
        raise IndexUpdateFailed(f"{failure_line(exc)}：搜索索引没有更新，原有数据没有改动") from exc
    except (WritersBusy, DataFolderReadOnly) as exc:
        raise IndexUpdateFailed(f"{exc}：搜索索引没有更新，原有数据没有改动") from exc
    finally:
        conn.close()
