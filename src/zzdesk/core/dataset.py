"""The whole data set as one JSON-ready document (schema zzdesk.export/1)."""

from __future__ import annotations

from typing import Any

from zzdesk.core.store import DataStore

EXPORT_SCHEMA = "zzdesk.export/1"


def export_document(store: DataStore) -> dict[str, Any]:
    reports = store.reports()
    slug_of = {r.id: r.slug for r in reports}
    return {
        "schema": EXPORT_SCHEMA,
        "reports": [
            {"id": r.slug, "title": r.title, "region": r.region, "year": r.year,
             "attribution": r.attribution}
            for r in reports
        ],
        "themes": [
            {"id": t.id, "report": slug_of[t.report_id], "name": t.name, "order": t.order}
            for t in store.themes()
        ],
        "figures": [
            {"id": f.id, "report": slug_of[f.report_id], "theme": f.theme,
             "indicator": f.indicator, "period": f.period, "kind": f.kind, "value": f.value,
             "unit": f.unit, "qualifier": f.qualifier, "quote": f.quote,
             "written": f.written, "cumulative": f.cumulative}
            for f in store.figures()
        ],
        "entities": [
            {"id": e.id, "name": e.name, "aliases": list(e.aliases), "type": e.type,
             "themes": list(e.themes), "quotes": list(e.quotes)}
            for e in store.entities()
        ],
    }
