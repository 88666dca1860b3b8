"""What can be found: one search document per theme, passage, figure and entity."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from zzdesk.core.search.kinds import TYPE_LABELS, TYPE_ORDER

__all__ = ["TYPE_LABELS", "TYPE_ORDER", "SearchDoc", "collect_documents"]


@dataclass(frozen=True)
class SearchDoc:
    type: str
    ref_id: int
    report_id: int | None
    name: str
    aliases: tuple[str, ...]
    theme: str | None
    body: str
    value: float | None = None  # a figure's number, so typing it finds the figure

    def static_rank(self) -> tuple[int, int, str]:
        """Earlier is better when two results match equally well."""
        return (TYPE_ORDER.index(self.type), len(self.name), self.name)


def collect_documents(session: sqlite3.Connection, report_id: int | None = None,
                      entity_ids: set[int] | None = None) -> list[SearchDoc]:
    """Every searchable item of a report database.

    With *report_id*, only that report's themes, passages and figures and the entities it
    mentions; with *entity_ids* too, those entities as well (an index update after an import).
    """
    from zzdesk.core import queries  # only when indexing: searching needs no records

    docs: list[SearchDoc] = []
    all_passages = queries.passages(session)
    passage_reports = {p.id: p.report_id for p in all_passages}
    mine = [p for p in all_passages if report_id is None or p.report_id == report_id]
    for theme in queries.themes(session):
        if report_id is not None and theme.report_id != report_id:
            continue
        texts = [p.text for p in mine if p.report_id == theme.report_id and p.theme == theme.name]
        docs.append(SearchDoc("theme", theme.id, theme.report_id, theme.name, (), theme.name, "\n".join(texts)))
    reports = {r.id: r for r in queries.reports(session)}
    for p in mine:
        label = f"{p.theme or '报告'}·{reports[p.report_id].section_label(p.section)}·第{p.order}段"
        docs.append(SearchDoc("passage", p.id, p.report_id, label, (), p.theme, p.text))
    for f in queries.figures(session):
        if report_id is None or f.report_id == report_id:
            docs.append(SearchDoc("figure", f.id, f.report_id, f.indicator, (), f.theme, f.quote, f.value))
    for e in queries.entities(session):
        mentioned_in = [passage_reports.get(m.passage_id) for m in e.mentions]
        if report_id is not None and report_id not in mentioned_in and e.id not in (entity_ids or ()):
            continue
        # An entity belongs to the report that first mentions it (the one its hit names).
        docs.append(SearchDoc(e.type, e.id, mentioned_in[0] if mentioned_in else None, e.name, e.aliases,
                              e.themes[0] if e.themes else None, "\n".join(e.quotes)))
    return docs
