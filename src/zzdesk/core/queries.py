"""Read-side queries over a report database, returning frozen records."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from zzdesk.core.models import Entity, Figure, Mention, Passage, Report, Theme
from zzdesk.core.records import (
    EntityRecord,
    FigureRecord,
    MentionRecord,
    PassageRecord,
    ReportRecord,
    ThemeRecord,
)


def reports(session: Session) -> list[ReportRecord]:
    rows = session.scalars(select(Report).order_by(Report.year, Report.slug))
    return [
        ReportRecord(id=r.id, slug=r.slug, title=r.title, region=r.region, year=r.year,
                     review_year=r.review_year, kind=r.kind, attribution=r.attribution)
        for r in rows
    ]


def themes(session: Session) -> list[ThemeRecord]:
    rows = session.scalars(select(Theme).order_by(Theme.report_id, Theme.position))
    return [ThemeRecord(id=t.id, report_id=t.report_id, name=t.name, order=t.position) for t in rows]


def passages(session: Session) -> list[PassageRecord]:
    stmt = (select(Passage, Theme.name).outerjoin(Theme, Passage.theme_id == Theme.id)
            .order_by(Passage.report_id, Passage.position))
    return [
        PassageRecord(id=p.id, report_id=p.report_id, theme=theme, section=p.section,
                      order=p.position, text=p.text)
        for p, theme in session.execute(stmt)
    ]


def figures(
    session: Session,
    theme: str | None = None,
    period: int | None = None,
    kinds: Sequence[str] | None = None,
) -> list[FigureRecord]:
    stmt = (select(Figure, Theme.name, Report.title)
            .join(Theme, Figure.theme_id == Theme.id)
            .join(Report, Figure.report_id == Report.id)
            .order_by(Figure.report_id, Figure.position))
    if theme is not None:
        stmt = stmt.where(Theme.name == theme)
    if period is not None:
        stmt = stmt.where(Figure.period == period)
    if kinds:
        stmt = stmt.where(Figure.kind.in_(list(kinds)))
    return [
        FigureRecord(
            id=f.id, report_id=f.report_id, report_title=title, theme=theme_name,
            indicator=f.indicator, period=f.period, kind=f.kind, value=f.value, unit=f.unit,
            qualifier=f.qualifier, cumulative=f.cumulative, written=f.written, quote=f.quote,
            passage_id=f.passage_id, start=f.start, end=f.end,
        )
        for f, theme_name, title in session.execute(stmt)
    ]


def entities(session: Session) -> list[EntityRecord]:
    mention_rows = session.execute(
        select(Mention.entity_id, Mention.passage_id, Mention.quote, Theme.name)
        .join(Passage, Mention.passage_id == Passage.id)
        .outerjoin(Theme, Passage.theme_id == Theme.id)
        .order_by(Mention.entity_id, Passage.report_id, Passage.position, Mention.start)
    )
    by_entity: dict[int, list[MentionRecord]] = {}
    for entity_id, passage_id, quote, theme in mention_rows:
        by_entity.setdefault(entity_id, []).append(
            MentionRecord(passage_id=passage_id, theme=theme, quote=quote))
    out: list[EntityRecord] = []
    for e in session.scalars(select(Entity).options(selectinload(Entity.aliases)).order_by(Entity.id)):
        mentions = tuple(by_entity.get(e.id, ()))
        themes_seen = tuple(dict.fromkeys(m.theme for m in mentions if m.theme))
        out.append(EntityRecord(
            id=e.id, name=e.name, type=e.type, aliases=tuple(a.alias for a in e.aliases),
            themes=themes_seen, mentions=mentions,
        ))
    return out
