"""Entity keys name their report and type: a saved briefing's entity item, which named the entity by its
name alone, gets the key of that entity as the report it was composed on mentions it.

The report is the one the item was pinned to; for an item without one (converted from row ids), the
first report the briefing records that mentions the entity, else the newest report that does.  The
type comes from the user's imported reports, then from the reference data.  An entity no loaded
report mentions keeps a key that resolves to nothing, so the item prints as missing.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from alembic import op

from zzdesk.core import keys
from zzdesk.core.migrations.reference import open_reference

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

MENTIONS = ("SELECT e.name, e.type, r.year, r.key FROM entities e JOIN mentions m ON m.entity_id = e.id "
            "JOIN passages p ON p.id = m.passage_id JOIN reports r ON r.id = p.report_id")


class Known:
    """Who mentions which entity, in both databases: name -> type, and name -> reports (newest first)."""

    def __init__(self, reference: sqlite3.Connection | None) -> None:
        rows = list(op.get_bind().exec_driver_sql(MENTIONS).fetchall())
        reference_rows = list(reference.execute(MENTIONS)) if reference is not None else []
        self.types: dict[str, str] = {}
        self.reports: dict[str, list[str]] = {}
        for name, type_, _, _ in rows + reference_rows:
            self.types.setdefault(name, type_)  # the user's imports first, as the program shows them
        for name, _, _, report in sorted(rows + reference_rows, key=lambda r: -r[2]):
            if report not in self.reports.setdefault(name, []):
                self.reports[name].append(report)
        every = list(op.get_bind().exec_driver_sql("SELECT year, key FROM reports").fetchall())
        every += list(reference.execute("SELECT year, key FROM reports")) if reference is not None else []
        self.newest = max(every)[1] if every else ""

    def key(self, name: str, pinned: str, recorded: list[str]) -> str:
        mentioning = self.reports.get(name, [])
        report = pinned or next((r for r in recorded if r in mentioning), "") or next(iter(mentioning), "")
        return keys.entity_key(report or self.newest, self.types.get(name, ""), name)


def _rekey(spec: dict[str, Any], known: Known) -> dict[str, Any]:
    recorded = [r for r in spec.get("reports", ()) if isinstance(r, str)]
    items = []
    for item in spec.get("items", ()):
        if (isinstance(item, dict) and item.get("kind") == "entity" and isinstance(item.get("ref"), str)
                and keys.SEPARATOR not in item["ref"]):
            pinned = item["report"] if isinstance(item.get("report"), str) else ""
            item = {**item, "ref": known.key(item["ref"], pinned, recorded), "report": ""}
            report = keys.report_of(item["ref"])
            if report and report not in recorded:
                recorded.append(report)
        items.append(item)
    return {**spec, "items": items, "reports": recorded}


def upgrade() -> None:
    reference = open_reference()
    try:
        known = Known(reference)
        for briefing_id, spec_json in op.get_bind().exec_driver_sql("SELECT id, spec_json FROM briefings").fetchall():
            try:
                spec = json.loads(spec_json)
            except (TypeError, ValueError):
                continue  # not something zzdesk wrote: left for the loader to refuse
            if isinstance(spec, dict):
                op.get_bind().exec_driver_sql("UPDATE briefings SET spec_json = ? WHERE id = ?",
                                              (json.dumps(_rekey(spec, known), ensure_ascii=False), briefing_id))
    finally:
        if reference is not None:
            reference.close()
