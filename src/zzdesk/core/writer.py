"""The one path that writes a report into a database: build-db (curated sources) and import (parsed texts).

Statements come from the table definitions in zzdesk.core.models, so the schema is written down
once; rows go through plain sqlite3 on the caller's connection and inside the caller's
transaction.  Figures are stored in the order of the report text (passage, then offset) and
every row gets its content key (zzdesk.core.keys), so neither depends on the order of a source
file or of a parse.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from zzdesk.core import keys
from zzdesk.core.models import Base
from zzdesk.core.records import ReportFacts


class PassageLike(Protocol):
    @property
    def theme(self) -> str | None: ...
    @property
    def section(self) -> str: ...
    @property
    def text(self) -> str: ...


class FigureLike(Protocol):
    """A figure located in the report: ParsedFigure has exactly this shape."""

    @property
    def theme(self) -> str: ...
    @property
    def indicator(self) -> str: ...
    @property
    def period(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def value_high(self) -> float | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def qualifier(self) -> str | None: ...
    @property
    def cumulative(self) -> bool: ...
    @property
    def written(self) -> str: ...
    @property
    def quote(self) -> str: ...
    @property
    def passage(self) -> int: ...  # index into ReportContent.passages
    @property
    def start(self) -> int: ...  # offset of `written` in that passage's text


class EntityLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def quotes(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class ReportContent(ReportFacts):
    """Everything stored about one report, whichever way it came in."""

    review_label: str
    plan_label: str
    source_text: str
    text_sha256: str
    themes: Sequence[str]
    passages: Sequence[PassageLike]
    figures: Sequence[FigureLike]
    entities: Sequence[EntityLike]


@dataclass(frozen=True)
class Written:
    id: int
    key: str


def _insert(conn: sqlite3.Connection, table: str, row: Mapping[str, object], or_ignore: bool = False) -> None:
    columns = Base.metadata.tables[table].columns
    unknown = set(row) - set(columns.keys())
    if unknown:
        raise KeyError(f"{table} 没有列 {sorted(unknown)}")
    names = ", ".join(f'"{name}"' for name in row)
    conn.execute(f"INSERT {'OR IGNORE ' if or_ignore else ''}INTO {table} ({names}) "
                 f"VALUES ({', '.join('?' * len(row))})", tuple(row.values()))


class _Ids:
    """Next free id per table, never below *base* (imported rows start at 1,000,000)."""

    def __init__(self, conn: sqlite3.Connection, base: int) -> None:
        self.conn, self.base = conn, base
        self.next: dict[str, int] = {}

    def __call__(self, table: str) -> int:
        if table not in self.next:
            top = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
            self.next[table] = max(int(top) + 1, self.base)
        self.next[table] += 1
        return self.next[table] - 1


def taken_report_keys(*connections: sqlite3.Connection | None) -> set[str]:
    return {row[0] for conn in connections if conn is not None for row in conn.execute("SELECT key FROM reports")}


def passage_keys(report: str, texts: Iterable[str]) -> list[str]:
    """One key per paragraph; a paragraph repeated word for word gets its occurrence number."""
    seen: Counter[str] = Counter()
    out = []
    for text in texts:
        seen[text] += 1
        key = keys.passage_key(report, text)
        out.append(key if seen[text] == 1 else f"{key}~{seen[text]}")
    return out


def write_report(conn: sqlite3.Connection, content: ReportContent, id_base: int = 1,
                 other_keys: Iterable[str] = ()) -> Written:
    """Insert one report with its themes, passages, figures, entities and mentions (no commit)."""
    ids = _Ids(conn, id_base)
    report_id = ids("reports")
    report_key = keys.unique_report_key(content.region, content.year, content.title, content.text_sha256,
                                        taken_report_keys(conn) | set(other_keys))
    _insert(conn, "reports", {
        "id": report_id, "slug": content.slug, "key": report_key, "title": content.title,
        "region": content.region, "year": content.year, "review_year": content.review_year, "kind": content.kind,
        "attribution": content.attribution, "review_label": content.review_label,
        "plan_label": content.plan_label, "source_text": content.source_text,
        "text_sha256": content.text_sha256})
    theme_ids: dict[str, int] = {}
    for position, name in enumerate(content.themes, start=1):
        theme_ids[name] = ids("themes")
        _insert(conn, "themes", {"id": theme_ids[name], "report_id": report_id, "name": name, "position": position})
    passage_ids: list[int] = []
    for position, (passage, key) in enumerate(
            zip(content.passages, passage_keys(report_key, (p.text for p in content.passages)), strict=True),
            start=1):
        passage_ids.append(ids("passages"))
        _insert(conn, "passages", {
            "id": passage_ids[-1], "report_id": report_id, "theme_id": theme_ids.get(passage.theme or ""),
            "section": passage.section, "position": position, "text": passage.text, "key": key})
    _write_figures(conn, ids, report_id, report_key, content, theme_ids, passage_ids)
    _write_entities(conn, ids, content, passage_ids)
    return Written(report_id, report_key)


def _write_figures(conn: sqlite3.Connection, ids: _Ids, report_id: int, report_key: str, content: ReportContent,
                   theme_ids: Mapping[str, int], passage_ids: Sequence[int]) -> None:
    kept = sorted((f for f in content.figures if f.theme in theme_ids),  # a theme the reviewer removed
                  key=lambda f: (f.passage, f.start, f.indicator))
    figure_keys = keys.figure_keys(report_key, [(f.indicator, f.period, f.kind, f.written, f.quote) for f in kept])
    for position, (f, key) in enumerate(zip(kept, figure_keys, strict=True), start=1):
        _insert(conn, "figures", {
            "id": ids("figures"), "report_id": report_id, "theme_id": theme_ids[f.theme],
            "passage_id": passage_ids[f.passage], "position": position, "key": key, "indicator": f.indicator,
            "period": f.period, "kind": f.kind, "value": f.value, "value_high": f.value_high, "unit": f.unit,
            "qualifier": f.qualifier, "cumulative": f.cumulative, "written": f.written, "quote": f.quote,
            "start": f.start, "end": f.start + len(f.written)})


def _write_entities(conn: sqlite3.Connection, ids: _Ids, content: ReportContent, passage_ids: Sequence[int]) -> None:
    for e in content.entities:
        row = conn.execute("SELECT id FROM entities WHERE name = ?", (e.name,)).fetchone()
        if row is None:
            entity_id = ids("entities")
            _insert(conn, "entities", {"id": entity_id, "name": e.name, "type": e.type,
                                       "key": keys.entity_row_key(e.name)})
            for position, alias in enumerate(e.aliases):
                _insert(conn, "entity_aliases", {"id": ids("entity_aliases"), "entity_id": entity_id,
                                                 "alias": alias, "position": position})
        else:
            entity_id = int(row[0])
        for quote in e.quotes:
            for index, passage in enumerate(content.passages):
                at = passage.text.find(quote)
                if at >= 0:
                    _insert(conn, "mentions", {"id": ids("mentions"), "entity_id": entity_id,
                                               "passage_id": passage_ids[index], "quote": quote, "start": at,
                                               "end": at + len(quote)}, or_ignore=True)
                    break
