"""Saved briefings in the user's database: list, load, save, duplicate, delete, restore.

Each has a key (random, made once) by which the CLI and other PCs name it; its items name their
data by content key and its spec lists the reports it was built from.
"""

from __future__ import annotations

import sqlite3
import uuid
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
    key: str = ""
    reports: tuple[str, ...] = ()  # keys of the reports it was built from


def new_key() -> str:
    return uuid.uuid4().hex[:12]


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def list_briefings(conn: sqlite3.Connection) -> list[SavedBriefingInfo]:
    rows = conn.execute("SELECT id, title, template, updated, key, spec_json FROM briefings "
                        "ORDER BY updated DESC, id DESC")
    return [SavedBriefingInfo(row[0], row[1], row[2], row[3], row[4], BriefingSpec.from_json(row[5]).used_reports())
            for row in rows]


def find_briefing(conn: sqlite3.Connection, key: str) -> int | None:
    """The row of the briefing with *key* (or, from older scripts, with that number)."""
    row = conn.execute("SELECT id FROM briefings WHERE key = ? OR CAST(id AS TEXT) = ? ORDER BY key = ? DESC",
                       (key, key, key)).fetchone()
    return None if row is None else int(row[0])


def key_of(conn: sqlite3.Connection, briefing_id: int) -> str:
    row = conn.execute("SELECT key FROM briefings WHERE id = ?", (briefing_id,)).fetchone()
    if row is None:
        raise KeyError(f"没有编号为 {briefing_id} 的简报")
    return str(row[0])


def load_briefing(conn: sqlite3.Connection, briefing_id: int) -> BriefingSpec:
    row = conn.execute("SELECT spec_json FROM briefings WHERE id = ?", (briefing_id,)).fetchone()
    if row is None:
        raise KeyError(f"没有编号为 {briefing_id} 的简报")
    return BriefingSpec.from_json(row[0])


def save_briefing(conn: sqlite3.Connection, spec: BriefingSpec, briefing_id: int | None = None,
                  key: str | None = None) -> int:
    """Insert (no id; under *key*, when a deleted briefing comes back, else a new one) or update; one
    transaction, so a briefing is saved whole or not at all."""
    now = _now()
    with lock_for(conn, "保存简报"), conn:  # a restore cannot take its safety copy mid-save, then lose it
        if briefing_id is None:
            cursor = conn.execute(
                "INSERT INTO briefings (key, title, template, spec_json, created, updated) VALUES (?, ?, ?, ?, ?, ?)",
                (key or new_key(), spec.title, spec.template, spec.to_json(), now, now))
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
