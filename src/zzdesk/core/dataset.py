"""The whole data set, or one report's, as one JSON-ready document (schema zzdesk.export/1).

Every figure carries its content key and its own report's key, title and year, so no number
can be read under another report's name.
"""

from __future__ import annotations

from typing import Any

from zzdesk.core.desk import Desk

EXPORT_SCHEMA = "zzdesk.export/1"


def export_document(desk: Desk, report: str | None = None) -> dict[str, Any]:
    """Everything loaded, or only *report* (a key or `latest`) and the entities it mentions."""
    reports = desk.reports() if report is None else [desk.report(report)]
    by_id = {r.id: r for r in reports}
    passages = {p.id for p in desk.passages() if p.report_id in by_id}
    return {
        "schema": EXPORT_SCHEMA,
        "reports": [
            {"id": r.slug, "key": r.key, "title": r.title, "region": r.region, "year": r.year,
             "attribution": r.attribution}
            for r in reports
        ],
        "themes": [
            {"id": t.id, "report": by_id[t.report_id].slug, "report_key": by_id[t.report_id].key, "name": t.name,
             "order": t.order}
            for t in desk.themes() if t.report_id in by_id
        ],
        "figures": [
            {"id": f.id, "key": f.key, "report": by_id[f.report_id].slug, "report_key": by_id[f.report_id].key,
             "report_title": by_id[f.report_id].title, "report_year": by_id[f.report_id].year, "theme": f.theme,
             "indicator": f.indicator, "period": f.period, "kind": f.kind, "value": f.value,
             "unit": f.unit, "qualifier": f.qualifier, "quote": f.quote,
             "written": f.written, "cumulative": f.cumulative}
            for f in desk.figures() if f.report_id in by_id
        ],
        "entities": [
            {"id": e.id, "key": e.key, "name": e.name, "aliases": list(e.aliases), "type": e.type,
             "themes": list(e.themes), "quotes": [m.quote for m in e.mentions if m.passage_id in passages]}
            for e in desk.entities() if report is None or any(m.passage_id in passages for m in e.mentions)
        ],
    }
