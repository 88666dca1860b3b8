"""build-db: the reference database, regenerated from data/source/.

The build writes a new file beside the target and renames it into place, so
a failed build never leaves a half-written database behind.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from zzdesk.core.db import open_writable
from zzdesk.core.keys import DEFAULT_PLAN_LABEL, default_review_label
from zzdesk.core.models import SCHEMA_VERSION, Base
from zzdesk.core.search.documents import collect_documents
from zzdesk.core.search.index import build_search_index
from zzdesk.core.source import SourceError, SourceFigure, SourceReport, load_source, source_files
from zzdesk.core.writer import ReportContent, write_report


@dataclass(frozen=True)
class _LocatedFigure(SourceFigure):
    passage: int = 0
    start: int = 0
    value_high: float | None = None


def _content(src: SourceReport) -> ReportContent:
    """A curated source as the writer takes it: each figure located in its passage."""

    def locate(quote: str) -> tuple[int, int]:
        for index, passage in enumerate(src.passages):
            at = passage.text.find(quote)
            if at >= 0:
                return index, at
        raise SourceError(f"quote 不在原文中：{quote}")

    figures = []
    for f in src.figures:
        index, at = locate(f.quote)
        figures.append(_LocatedFigure(**{name: getattr(f, name) for name in SourceFigure.__dataclass_fields__},
                                      passage=index, start=at + f.quote.index(f.phrase) + f.phrase.index(f.written)))
    return ReportContent(
        slug=src.slug, title=src.title, region=src.region, year=src.year, review_year=src.review_year,
        kind=src.kind, attribution=src.attribution, review_label=src.review_label or default_review_label(src.region),
        plan_label=src.plan_label or DEFAULT_PLAN_LABEL, source_text=src.raw_text, text_sha256=src.text_sha256,
        themes=src.themes, passages=src.passages, figures=figures, entities=src.entities)


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
    finally:
        engine.dispose()
    with sqlite3.connect(tmp) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        for src in sorted(reports, key=lambda r: (r.year, r.slug)):
            write_report(conn, _content(src))
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
