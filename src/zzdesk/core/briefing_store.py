"""Saved briefings in the user's database: list, load, save, duplicate, delete, restore."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime

from zzdesk.core.briefing import BriefingSpec
from zzdesk.core.writers_lock import lock_for


@dataclass(frozen=True)
class SavedBriefingInfo:
    id: int
    title: str
    template: str
    updated: str


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def list_briefings(conn: sqlite3.Connection) -> list[SavedBriefingInfo]:
    rows = conn.execute("SELECT id, title, template, updated FROM briefings ORDER BY updated DESC, id DESC")
    return [SavedBriefingInfo(*row) for row in rows]


def load_briefing(conn: sqlite3.Connection, briefing_id: int) -> BriefingSpec:
    row = conn.execute("SELECT spec_json FROM briefings WHERE id = ?", (briefing_id,)).fetchone()
    if row is None:
        raise KeyError(f"没有编号为 {briefing_id} 的简报")
    return BriefingSpec.from_json(row[0])


def save_briefing(conn: sqlite3.Connection, spec: BriefingSpec, briefing_id: int | None = None) -> int:
    """Insert (no id) or update; one transaction, so a briefing is saved whole or not at all."""
    now = _now()
    with lock_for(conn, "保存简报"), conn:  # a restore cannot take its safety copy mid-save, then lose it
        if briefing_id is None:
            cursor = conn.execute(
                "INSERT INTO briefings (title, template, spec_json, created, updated) VALUES (?, ?, ?, ?, ?)",
                (spec.title, spec.template, spec.to_json(), now, now))
            return int(cursor.lastrowid or 0)
        conn.execute("UPDATE briefings SET title = ?, template = ?, spec_json = ?, updated = ? WHERE id = ?",
                     (spec.title, spec.template, spec.to_json(), now, briefing_id))
        return briefing_id


def duplicate_briefing(conn: sqlite3.Connection, briefing_id: int) -> int:
    spec = load_briefing(conn, briefing_id)
    return save_briefing(conn, replace(spec, title=f"{spec.title}（副本）"))


def delete_briefing(conn: sqlite3.Connection, briefing_id: int) -> BriefingSpec:
    """Delete and return what was deleted, so the caller can offer to undo."""
    spec = load_briefing(conn, briefing_id)
    with lock_for(conn, "删除简报"), conn:
        conn.execute("DELETE FROM briefings WHERE id = ?", (briefing_id,))
    return spec
