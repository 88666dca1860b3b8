"""Everything the window shows, read once from the store and indexed for lookups."""

from __future__ import annotations

from dataclasses import dataclass, field

from zzdesk.core.records import EntityRecord, FigureRecord, PassageRecord, ReportRecord, ThemeRecord
from zzdesk.core.store import DataStore


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
        """Read everything again (after an import or a removal)."""
        self.reports = self.store.reports()
        self.themes = self.store.themes()
        self.passages = self.store.passages()
        self.figures = self.store.figures()
        self.entities = self.store.entities()
        self.figure_by_id = {f.id: f for f in self.figures}
        self.figure_by_key = {f.key: f for f in self.figures}
        self.entity_by_key = {e.key: e for e in self.entities}
        self.passage_by_key = {p.key: p for p in self.passages}
        self.entity_by_id = {e.id: e for e in self.entities}
        self.passage_by_id = {p.id: p for p in self.passages}
        self.report_by_id = {r.id: r for r in self.reports}

    @property
    def report(self) -> ReportRecord:
        """The report shown: the one picked in the switcher, else the newest."""
        if self.selected_report is not None and self.selected_report in self.report_by_id:
            return self.report_by_id[self.selected_report]
        return self.reports[-1]

    def theme_names(self) -> list[str]:
        return [t.name for t in self.themes if t.report_id == self.report.id]

    def figures_of(self, theme: str) -> list[FigureRecord]:
        return [f for f in self.figures if f.theme == theme and f.report_id == self.report.id]

    def passages_of(self, theme: str | None) -> list[PassageRecord]:
        return [p for p in self.passages if p.theme == theme and p.report_id == self.report.id]

    def figures_in(self, passage_id: int) -> list[FigureRecord]:
        return [f for f in self.figures if f.passage_id == passage_id]

    def source_of(self, passage_id: int) -> str:
        passage = self.passage_by_id[passage_id]
        report = self.report_by_id[passage.report_id]
        where = "·".join(x for x in (passage.theme, report.section_label(passage.section)) if x)
        return f"《{report.title}》（{report.year}年，{report.region}）{where}"
