"""build-db: the reference database, regenerated from data/source/.

The build writes a new file beside the target and renames it into place, so
a failed build never leaves a half-written database behind.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.orm import Session

from zzdesk.core.db import open_writable
from zzdesk.core.models import (
    SCHEMA_VERSION,
    Base,
    Entity,
    EntityAlias,
    Figure,
    Mention,
    Meta,
    Passage,
    Report,
    Theme,
)
from zzdesk.core.search.documents import collect_documents
from zzdesk.core.search.index import build_search_index
from zzdesk.core.source import SourceError, SourceReport, load_source, source_files


def _add_report(session: Session, src: SourceReport, entities: dict[str, Entity]) -> None:
    report = Report(
        slug=src.slug, title=src.title, region=src.region, year=src.year,
        review_year=src.review_year, kind=src.kind, attribution=src.attribution,
        source_text=src.raw_text, text_sha256=src.text_sha256,
    )
    session.add(report)
    session.flush()
    themes: dict[str, Theme] = {}
    for position, name in enumerate(src.themes, start=1):
        themes[name] = Theme(report_id=report.id, name=name, position=position)
        session.add(themes[name])
    session.flush()
    passages: list[Passage] = []
    for position, p in enumerate(src.passages, start=1):
        passage = Passage(
            report_id=report.id, theme_id=themes[p.theme].id if p.theme else None,
            section=p.section, position=position, text=p.text,
        )
        session.add(passage)
        passages.append(passage)
    session.flush()

    def locate(quote: str) -> tuple[Passage, int]:
        for passage in passages:
            at = passage.text.find(quote)
            if at >= 0:
                return passage, at
        raise SourceError(f"quote 不在原文中：{quote}")

    for position, f in enumerate(src.figures, start=1):
        passage, at = locate(f.quote)
        start = at + f.quote.index(f.phrase) + f.phrase.index(f.written)
        session.add(Figure(
            report_id=report.id, theme_id=themes[f.theme].id, passage_id=passage.id,
            position=position, indicator=f.indicator, period=f.period, kind=f.kind,
            value=f.value, unit=f.unit, qualifier=f.qualifier, cumulative=f.cumulative,
            written=f.written, quote=f.quote, start=start, end=start + len(f.written),
        ))
    for e in src.entities:
        entity = entities.get(e.name)
        if entity is None:
            entity = Entity(name=e.name, type=e.type)
            entity.aliases = [EntityAlias(alias=a, position=i) for i, a in enumerate(e.aliases)]
            session.add(entity)
            session.flush()
            entities[e.name] = entity
        for quote in e.quotes:
            passage, at = locate(quote)
            session.add(Mention(
                entity_id=entity.id, passage_id=passage.id, quote=quote,
                start=at, end=at + len(quote),
            ))


def build_reference_db(source_dir: Path, out_path: Path) -> Path:
    """Build the reference database from every report in *source_dir*."""
    files = source_files(source_dir)
    if not files:
        raise SourceError(f"{source_dir} 中没有报告数据（*.yaml）")
    reports = [load_source(path) for path in files]
    tmp = out_path.with_name(out_path.name + ".building")
    tmp.unlink(missing_ok=True)
    engine = open_writable(tmp)
    try:
        Base.metadata.create_all(engine)
        with Session(engine) as session, session.begin():
            session.add(Meta(key="schema_version", value=str(SCHEMA_VERSION)))
            entities: dict[str, Entity] = {}
            for src in sorted(reports, key=lambda r: (r.year, r.slug)):
                _add_report(session, src, entities)
    finally:
        engine.dispose()
    with sqlite3.connect(tmp) as conn:
        build_search_index(conn, collect_documents(conn))
    conn.close()
    # Shipped read-only: rollback journal (never WAL), compacted.
    with sqlite3.connect(tmp) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    with sqlite3.connect(tmp, isolation_level=None) as conn:
        conn.execute("VACUUM")
    conn.close()
    os.replace(tmp, out_path)
    return out_path
