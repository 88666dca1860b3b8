"""Everything the window shows, read once from the store and indexed for lookups.

Several reports are loaded at once; the window shows one of them.  `figures`,
`passages` and `entities` hold every loaded report (for views that compare
reports, and for looking up saved briefing items); the `report_*` members hold
only the selected report's records, and every page that speaks for one report
reads those, so no number appears under another report's name or year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from zzdesk.core.records import EntityRecord, FigureRecord, PassageRecord, ReportRecord, ThemeRecord, mentioned_in
from zzdesk.core.search import SearchHit
from zzdesk.core.store import DataStore
from zzdesk.core.targets import TargetCheck, check_targets

FIGURE_LIKE = ("figure", "passage", "theme")  # search hits that belong to exactly one report


@dataclass
class AppData:
    store: DataStore
    reports: list[ReportRecord] = field(default_factory=list)
    themes: list[ThemeRecord] = field(default_factory=list)
    passages: list[PassageRecord] = field(default_factory=list)
    figures: list[FigureRecord] = field(default_factory=list)
    entities: list[EntityRecord] = field(default_factory=list)

    selected_report: int | None = None

    def __post_init__(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read everything again (after an import, a removal or a restore)."""
        self.reports = self.store.reports()
        self.themes = self.store.themes()
        self.passages = self.store.passages()
        self.figures = self.store.figures()
        self.entities = self.store.entities()
        self.figure_by_id = {f.id: f for f in self.figures}
        self.figure_by_key = {f.key: f for f in self.figures}
        # An entity's key names the report it is mentioned in: one entry per report that mentions it.
        self.entity_by_key = {e.key: e for r in self.reports
                              for e in mentioned_in(self.entities, r.key, self._passage_ids(r.id))}
        self.passage_by_key = {p.key: p for p in self.passages}
        self.entity_by_id = {e.id: e for e in self.entities}
        self.passage_by_id = {p.id: p for p in self.passages}
        self.report_by_id = {r.id: r for r in self.reports}
        self._scope()

    def select(self, report_id: int | None) -> None:
        """Show another report (None: the newest)."""
        self.selected_report = report_id
        self._scope()
        self.store.select(self.report.key)  # the Desk's own default (pinning briefing items) follows

    def _scope(self) -> None:
        report_id = self.report.id
        self._figures = [f for f in self.figures if f.report_id == report_id]
        self._passages = [p for p in self.passages if p.report_id == report_id]
        self._entities = mentioned_in(self.entities, self.report.key, self._passage_ids(report_id))
        self._entity_by_id = {e.id: e for e in self._entities}
        self._entity_by_name = {e.name: e for e in self._entities}
        self._scoped_to = report_id

    def _passage_ids(self, report_id: int) -> set[int]:
        return {p.id for p in self.passages if p.report_id == report_id}

    def _scoped(self) -> None:
        if self._scoped_to != self.report.id:  # selected_report was set directly
            self._scope()

    @property
    def report_figures(self) -> list[FigureRecord]:
        self._scoped()
        return self._figures

    @property
    def report_passages(self) -> list[PassageRecord]:
        self._scoped()
        return self._passages

    @property
    def report_entities(self) -> list[EntityRecord]:
        """Entities the selected report mentions, each with only its mentions there."""
        self._scoped()
        return self._entities

    @property
    def report(self) -> ReportRecord:
        """The report shown: the one picked in the switcher, else the newest."""
        if self.selected_report is not None and self.selected_report in self.report_by_id:
            return self.report_by_id[self.selected_report]
        return self.reports[-1]

    def report_by_key(self, key: str) -> ReportRecord | None:
        return next((r for r in self.reports if key in (r.key, r.slug)), None)

    def theme_names(self) -> list[str]:
        return [t.name for t in self.themes if t.report_id == self.report.id]

    def figures_of(self, theme: str) -> list[FigureRecord]:
        return [f for f in self.report_figures if f.theme == theme]

    def passages_of(self, theme: str | None) -> list[PassageRecord]:
        return [p for p in self.report_passages if p.theme == theme]

    def entities_of(self, theme: str) -> list[EntityRecord]:
        return [e for e in self.report_entities if theme in e.themes]

    def report_entity(self, entity_id: int) -> EntityRecord | None:
        """An entity as the selected report mentions it (only its mentions there), or None."""
        self._scoped()
        return self._entity_by_id.get(entity_id)

    def in_report(self, figure: FigureRecord) -> bool:
        return figure.report_id == self.report.id

    def figures_in(self, passage_id: int) -> list[FigureRecord]:
        return [f for f in self.figures if f.passage_id == passage_id]

    def target_checks(self) -> list[TargetCheck]:
        """Targets set in the selected report, and targets its results answer: each side keeps its report."""
        report_id = self.report.id
        return [c for c in check_targets(self.figures, self.reports)
                if c.target_report.id == report_id or (c.actual_report is not None and c.actual_report.id == report_id)]

    def search(self, query: str, types: Sequence[str] | None = None, limit: int = 50) -> list[SearchHit]:
        """Search hits of the selected report only; an entity is found when this report mentions it."""
        self._scoped()
        hits: list[SearchHit] = []
        for hit in self.store.search(query, types=types, limit=max(limit * 4, 200)):
            if hit.type in FIGURE_LIKE:
                if hit.report_id == self.report.id:
                    hits.append(hit)
                continue
            entity = self._entity_by_name.get(hit.name)
            if entity is not None and all(h.id != entity.id or h.type != hit.type for h in hits):
                hits.append(hit.replace(id=entity.id) if hit.report_id == self.report.id else self._here(hit, entity))
        return hits[:limit]

    def hits_elsewhere(self, query: str) -> int:
        """How many hits *query* has in the loaded reports other than the selected one."""
        return sum(1 for hit in self.store.search(query, limit=200) if hit.report_id not in (None, self.report.id))

    def _here(self, hit: SearchHit, entity: EntityRecord) -> SearchHit:
        """*hit* found in another report's words, told in the selected report's: its mention there,
        under this report's title and year (the other report's sentence is never shown as this one's)."""
        from zzdesk.core.search.engine import make_snippet

        mention = entity.mentions[0]
        snippet, marks = make_snippet(mention.quote, [entity.name, *entity.aliases], fallback=entity.name)
        return hit.replace(id=entity.id, theme=mention.theme, snippet=snippet, marks=marks, report_id=self.report.id,
                           report_title=self.report.title, report_year=self.report.year)

    def source_of(self, passage_id: int) -> str:
        passage = self.passage_by_id[passage_id]
        report = self.report_by_id[passage.report_id]
        where = "·".join(x for x in (passage.theme, report.section_label(passage.section)) if x)
        return f"《{report.title}》（{report.year}年，{report.region}）{where}"
