"""Keeping a database's search index in step with its reports, one report at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

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


def update_for_report(conn: sqlite3.Connection, report_id: int, entity_ids: Iterable[int] = ()) -> None:
    """Re-index what report *report_id* touches, after it was added or removed.

    *entity_ids*: entities it mentioned before a removal (afterwards the database no longer
    says).  An index of an older layout, or none, is rebuilt whole instead.
    """
    if not has_index(conn):
        build_search_index(conn, collect_documents(conn))
        return
    entities = set(entity_ids) | mentioned_entities(conn, report_id)
    types = ",".join("?" * len(REPORT_TYPES))
    remove_documents(conn, f"report_id = ? AND type IN ({types})", (report_id, *REPORT_TYPES))
    ids = sorted(entities)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        remove_documents(conn, f"type IN ({','.join('?' * len(ENTITY_TYPES))}) "
                               f"AND ref_id IN ({','.join('?' * len(chunk))})", (*ENTITY_TYPES, *chunk))
    docs = collect_documents(conn, report_id=report_id, entity_ids=entities)
    add_documents(conn, sorted(docs, key=lambda d: d.static_rank()))
