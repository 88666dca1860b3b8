"""Read-side queries over a report database, returning frozen records.

The tables and columns are defined once, in zzdesk.core.models; the reads here only name the columns
they take, and the list of those is made from the record each read fills (a field is read from the
column of the same name unless the read says otherwise), so neither a column list nor its order is
written down a second time.  tests/core/test_schema_reads.py checks every column a read names
against the models and runs every read on databases made from them.

The statements are plain SQL strings, put together once at import: reading needs none of SQLAlchemy,
and leaving it out of the start-up path saves a sixth of a second on every launch.  The same reads
serve the bundled reference database and the user's own.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zzdesk.core.records import (
    EntityRecord,
    FigureRecord,
    MentionRecord,
    PassageRecord,
    ReportRecord,
    ThemeRecord,
)


@dataclass(frozen=True)
class Join:
    table: str
    alias: str
    on: tuple[str, str]  # "alias.column" = "alias.column"
    outer: bool = False


@dataclass(frozen=True)
class Read:
    """SELECT the fields of *record* FROM *table* (and the tables joined to it), in *order*.

    A field is read from `alias.field` unless *columns* maps it to another column ("t.name") or *later*
    gives its value until other reads fill it in; *convert* turns SQLite's value into the field's type."""

    table: str
    alias: str
    record: type[Any]
    order: tuple[str, ...]
    columns: Mapping[str, str] = field(default_factory=dict)
    joins: tuple[Join, ...] = ()
    convert: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    later: Mapping[str, object] = field(default_factory=dict)

    @property
    def fields(self) -> list[str]:
        return [f.name for f in dataclasses.fields(self.record) if f.name not in self.later]

    @property
    def selected(self) -> list[str]:
        return [self.columns.get(name) or f"{self.alias}.{name}" for name in self.fields]

    def referenced(self) -> list[str]:
        """Every alias.column the statement names (for the schema check)."""
        return [*self.selected, *(c for j in self.joins for c in j.on), *self.order]

    def tables(self) -> dict[str, str]:
        return {self.alias: self.table, **{j.alias: j.table for j in self.joins}}

    def sql(self, where: Sequence[str] = ()) -> str:
        joins = "".join(f" {'LEFT ' if j.outer else ''}JOIN {j.table} {j.alias} ON {j.on[0]} = {j.on[1]}"
                        for j in self.joins)
        return (f"SELECT {', '.join(_quoted(c) for c in self.selected)} FROM {self.table} {self.alias}{joins}"
                + (" WHERE " + " AND ".join(where) if where else "")
                + f" ORDER BY {', '.join(_quoted(c) for c in self.order)}")

    def records(self, conn: sqlite3.Connection, where: Sequence[str] = (), args: Sequence[object] = ()
                ) -> list[Any]:
        names, convert = self.fields, self.convert
        return [self.record(**self.later, **{name: convert[name](value) if name in convert else value
                                             for name, value in zip(names, row, strict=True)})
                for row in conn.execute(self.sql(where), tuple(args))]


def _quoted(column: str) -> str:
    alias, name = column.split(".")
    return f'{alias}."{name}"'  # `end` is an SQL word


@dataclass(frozen=True)
class _EntityMention(MentionRecord):
    entity_id: int


@dataclass(frozen=True)
class _Alias:
    entity_id: int
    alias: str


REPORTS = Read("reports", "r", ReportRecord, order=("r.year", "r.key"))
THEMES = Read("themes", "t", ThemeRecord, order=("t.report_id", "t.position"), columns={"order": "t.position"})
PASSAGES = Read("passages", "p", PassageRecord, order=("p.report_id", "p.position"),
                columns={"theme": "t.name", "order": "p.position"},
                joins=(Join("themes", "t", ("t.id", "p.theme_id"), outer=True),))
FIGURES = Read("figures", "f", FigureRecord, order=("f.report_id", "f.position"),
               columns={"theme": "t.name", "report_title": "r.title"},
               joins=(Join("themes", "t", ("t.id", "f.theme_id")), Join("reports", "r", ("r.id", "f.report_id"))),
               convert={"value": float, "cumulative": bool})
MENTIONS = Read("mentions", "m", _EntityMention, order=("m.entity_id", "p.report_id", "p.position", "m.start"),
                columns={"theme": "t.name"},
                joins=(Join("passages", "p", ("p.id", "m.passage_id")),
                       Join("themes", "t", ("t.id", "p.theme_id"), outer=True)))
ALIASES = Read("entity_aliases", "a", _Alias, order=("a.entity_id", "a.position"))
ENTITIES = Read("entities", "e", EntityRecord, order=("e.id",),
                later={"aliases": (), "themes": (), "mentions": ()})
READS = (REPORTS, THEMES, PASSAGES, FIGURES, MENTIONS, ALIASES, ENTITIES)


def reports(conn: sqlite3.Connection) -> list[ReportRecord]:
    return REPORTS.records(conn)


def themes(conn: sqlite3.Connection) -> list[ThemeRecord]:
    return THEMES.records(conn)


def passages(conn: sqlite3.Connection) -> list[PassageRecord]:
    return PASSAGES.records(conn)


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
    return FIGURES.records(conn, where, args)


def entities(conn: sqlite3.Connection) -> list[EntityRecord]:
    mentions: dict[int, list[MentionRecord]] = {}
    for m in MENTIONS.records(conn):
        mentions.setdefault(m.entity_id, []).append(MentionRecord(m.passage_id, m.theme, m.quote))
    aliases: dict[int, list[str]] = {}
    for a in ALIASES.records(conn):
        aliases.setdefault(a.entity_id, []).append(a.alias)
    out: list[EntityRecord] = []
    for e in ENTITIES.records(conn):
        own = tuple(mentions.get(e.id, ()))
        out.append(dataclasses.replace(e, aliases=tuple(aliases.get(e.id, ())), mentions=own,
                                       themes=tuple(dict.fromkeys(m.theme for m in own if m.theme))))
    return out
