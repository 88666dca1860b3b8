"""Read-side queries over a report database, returning frozen records.

Plain SQL on a sqlite3 connection: the schema is defined by the typed models
in zzdesk.core.models, but reading needs none of the ORM, and leaving
SQLAlchemy out of the start-up path saves a sixth of a second on every launch.
The same queries serve the bundled reference database and the user's own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from zzdesk.core.records import (
    EntityRecord,
    FigureRecord,
    MentionRecord,
    PassageRecord,
    ReportRecord,
    ThemeRecord,
)


def reports(conn: sqlite3.Connection) -> list[ReportRecord]:
    rows = conn.execute("SELECT slug, title, region, year, review_year, kind, attribution, id, key, "
                        "review_label, plan_label FROM reports ORDER BY year, key")
    return [ReportRecord(*row) for row in rows]


def themes(conn: sqlite3.Connection) -> list[ThemeRecord]:
    rows = conn.execute("SELECT id, report_id, name, position FROM themes ORDER BY report_id, position")
    return [ThemeRecord(*row) for row in rows]


def passages(conn: sqlite3.Connection) -> list[PassageRecord]:
    rows = conn.execute(
        "SELECT p.id, p.report_id, t.name, p.section, p.position, p.text, p.key "
        "FROM passages p LEFT JOIN themes t ON t.id = p.theme_id ORDER BY p.report_id, p.position")
    return [PassageRecord(*row) for row in rows]


def figures(conn: sqlite3.Connection, theme: str | None = None, period: int | None = None,
            kinds: Sequence[str] | None = None) -> list[FigureRecord]:
    where: list[str] = []
    args: list[object] = []
    if theme is not None:
        where.append("t.name = ?")
        args.append(theme)
    if period is not None:
        where.append("f.period = ?")
        args.append(period)
    if kinds:
        where.append(f"f.kind IN ({','.join('?' * len(kinds))})")
        args.extend(kinds)
    sql = ("SELECT f.id, f.report_id, r.title, t.name, f.indicator, f.period, f.kind, f.value, f.unit, "
           "f.qualifier, f.cumulative, f.written, f.quote, f.passage_id, f.start, f.end, f.value_high, f.key "
           "FROM figures f JOIN themes t ON t.id = f.theme_id JOIN reports r ON r.id = f.report_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY f.report_id, f.position")
    return [
        FigureRecord(id=r[0], report_id=r[1], report_title=r[2], theme=r[3], indicator=r[4], period=r[5],
                     kind=r[6], value=float(r[7]), unit=r[8], qualifier=r[9], cumulative=bool(r[10]),
                     written=r[11], quote=r[12], passage_id=r[13], start=r[14], end=r[15], value_high=r[16],
                     key=r[17])
        for r in conn.execute(sql, args)
    ]


def entities(conn: sqlite3.Connection) -> list[EntityRecord]:
    mentions: dict[int, list[MentionRecord]] = {}
    for entity_id, passage_id, quote, theme in conn.execute(
        "SELECT m.entity_id, m.passage_id, m.quote, t.name FROM mentions m "
        "JOIN passages p ON p.id = m.passage_id LEFT JOIN themes t ON t.id = p.theme_id "
        "ORDER BY m.entity_id, p.report_id, p.position, m.start"
    ):
        mentions.setdefault(entity_id, []).append(MentionRecord(passage_id, theme, quote))
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in conn.execute("SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, position"):
        aliases.setdefault(entity_id, []).append(alias)
    out: list[EntityRecord] = []
    for entity_id, name, type_, key in conn.execute("SELECT id, name, type, key FROM entities ORDER BY id"):
        own = tuple(mentions.get(entity_id, ()))
        out.append(EntityRecord(
            id=entity_id, name=name, type=type_, aliases=tuple(aliases.get(entity_id, ())),
            themes=tuple(dict.fromkeys(m.theme for m in own if m.theme)), mentions=own, key=key,
        ))
    return out
