"""Content keys: imported reports, figures, passages and entities get keys; saved briefings name
their items by key instead of by row id.

Row ids of the reference data followed the order of its source file, so an item saved as
"figure 12" printed another figure after a rebuild.  Each old item is looked up, at migration
time, in the reference database the program runs with and in the user's imported reports; one
that cannot be found keeps its old id in a key that resolves to nothing, so it prints as missing.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from alembic import op

from zzdesk.core import keys
from zzdesk.core.migrations.reference import open_reference
from zzdesk.core.writer import passage_keys

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    "ALTER TABLE reports ADD COLUMN key VARCHAR(200) NOT NULL DEFAULT ''",
    "ALTER TABLE reports ADD COLUMN review_label VARCHAR(32) NOT NULL DEFAULT ''",
    "ALTER TABLE reports ADD COLUMN plan_label VARCHAR(32) NOT NULL DEFAULT ''",
    "ALTER TABLE passages ADD COLUMN key VARCHAR(220) NOT NULL DEFAULT ''",
    "ALTER TABLE figures ADD COLUMN key VARCHAR(400) NOT NULL DEFAULT ''",
    "ALTER TABLE entities ADD COLUMN key VARCHAR(128) NOT NULL DEFAULT ''",
    "ALTER TABLE briefings ADD COLUMN key VARCHAR(32) NOT NULL DEFAULT ''",
)
INDEXES = ("reports", "passages", "figures", "entities", "briefings")

Rows = list[tuple[Any, ...]]


def _rows(sql: str, *args: object) -> Rows:
    return list(op.get_bind().exec_driver_sql(sql, args).fetchall())


def _key_reports(reference_keys: set[str]) -> None:
    taken = set(reference_keys)
    reports = _rows("SELECT id, region, year, title, text_sha256 FROM reports ORDER BY id")
    for report_id, region, year, title, sha in reports:
        key = keys.unique_report_key(region, year, title, sha, taken)
        taken.add(key)
        op.get_bind().exec_driver_sql(
            "UPDATE reports SET key = ?, review_label = ?, plan_label = ? WHERE id = ?",
            (key, keys.default_review_label(region), keys.DEFAULT_PLAN_LABEL, report_id))
        passages = _rows("SELECT id, text FROM passages WHERE report_id = ? ORDER BY position", report_id)
        for (passage_id, _), passage_key in zip(passages, passage_keys(key, (t for _, t in passages)), strict=True):
            op.get_bind().exec_driver_sql("UPDATE passages SET key = ? WHERE id = ?", (passage_key, passage_id))
        figures = _rows("SELECT id, indicator, period, kind, written, quote FROM figures WHERE report_id = ?",
                        report_id)
        figure_keys = keys.figure_keys(key, [(f[1], f[2], f[3], f[4], f[5]) for f in figures])
        for (figure_id, *_), figure_key in zip(figures, figure_keys, strict=True):
            op.get_bind().exec_driver_sql("UPDATE figures SET key = ? WHERE id = ?", (figure_key, figure_id))
    op.get_bind().exec_driver_sql("UPDATE entities SET key = name")


def _lookups(reference: sqlite3.Connection | None) -> dict[str, dict[str, str]]:
    """Old item refs (row ids as text) to keys, for figures, passages and entities of both databases."""
    found: dict[str, dict[str, str]] = {"figure": {}, "passage": {}, "entity": {}}
    sources: list[Rows] = []
    for kind, table in (("figure", "figures"), ("passage", "passages"), ("entity", "entities")):
        sources = [_rows(f"SELECT id, key FROM {table}")]
        if reference is not None:
            sources.append(list(reference.execute(f"SELECT id, key FROM {table}")))
        for rows in sources:
            found[kind].update((str(row_id), key) for row_id, key in rows)
    return found


def _newest_report(reference: sqlite3.Connection | None) -> str:
    rows = _rows("SELECT year, key FROM reports")
    if reference is not None:
        rows += list(reference.execute("SELECT year, key FROM reports"))
    return max(rows)[1] if rows else ""


def _rekey(spec: dict[str, Any], lookups: dict[str, dict[str, str]], newest: str) -> dict[str, Any]:
    """Items by key; themes, charts and headlines were composed on the report then shown, the newest."""
    items = []
    for item in spec.get("items", ()):
        if not isinstance(item, dict) or not isinstance(item.get("kind"), str) or not isinstance(item.get("ref"), str):
            items.append(item)  # not something zzdesk wrote: left for the loader to refuse
            continue
        kind, ref = item["kind"], item["ref"]
        if kind in lookups:
            items.append({"kind": kind, "ref": lookups[kind].get(ref, f"#{ref}"), "report": ""})
        else:
            items.append({"kind": kind, "ref": ref, "report": newest})
    mine = [i for i in items if isinstance(i, dict) and "report" in i]
    used = {keys.report_of(i["ref"]) for i in mine if i["kind"] in ("figure", "passage") and "/" in i["ref"]}
    used |= {i["report"] for i in mine if i["report"]}
    return {**spec, "items": items, "reports": sorted(used)}


def _rekeyed(spec_json: str, lookups: dict[str, dict[str, str]], newest: str) -> str:
    try:
        spec = json.loads(spec_json)
    except (TypeError, ValueError):
        return spec_json  # not something zzdesk wrote: left as it is, for the loader to refuse
    return json.dumps(_rekey(spec, lookups, newest), ensure_ascii=False) if isinstance(spec, dict) else spec_json


def upgrade() -> None:
    for statement in COLUMNS:
        op.execute(statement)
    reference = open_reference()
    try:
        reference_keys = {r[0] for r in reference.execute("SELECT key FROM reports")} if reference else set()
        _key_reports(reference_keys)
        lookups, newest = _lookups(reference), _newest_report(reference)
        for briefing_id, spec_json in _rows("SELECT id, spec_json FROM briefings"):
            op.get_bind().exec_driver_sql("UPDATE briefings SET key = ?, spec_json = ? WHERE id = ?",
                                          (uuid.uuid4().hex[:12], _rekeyed(spec_json, lookups, newest), briefing_id))
    finally:
        if reference is not None:
            reference.close()
    for table in INDEXES:
        op.execute(f"CREATE UNIQUE INDEX ix_{table}_key ON {table} (key)")
