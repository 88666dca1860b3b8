"""概览: the headline indicators as cards, a chart of last year's results against this
year's targets, and a way into each theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from zzdesk.core.briefing import BriefingItem
from zzdesk.core.charts import headline_chart
from zzdesk.core.indicators import headline_pairs
from zzdesk.ui.cards import Card, indicator_card
from zzdesk.ui.data import AppData
from zzdesk.ui.figure_menu import attach_card_menus, figure_entries_by_id
from zzdesk.ui.pages.base import Page, grid_of

if TYPE_CHECKING:
    from zzdesk.ui.chart_view import ChartView


class OverviewPage(Page):
    title = "概览"

    def __init__(self, data: AppData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        report = data.report
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        self.header(layout, f"《{report.title}》", f"{report.region} · {report.year}年 · {report.kind}。"
                    f"{report.attribution}")
        layout.addWidget(self._section("主要指标"))
        pairs = headline_pairs(data.report_figures)
        self.cards = [indicator_card(p) for p in pairs]
        for card in self.cards:
            card.activated.connect(self.figureActivated)
        attach_card_menus(self.cards, data.figure_by_id.get, lambda: data.reports, self.trendRequested.emit)
        layout.addLayout(grid_of(list(self.cards), 3))
        # Charts need pyqtgraph (and numpy), a sixth of a second to import: the cards paint
        # first and the chart follows right after, in the space kept for it.
        self._chart_spec = headline_chart(pairs, report.title, report.year)
        self._chart_views: list[ChartView] | None = None
        self._chart_pending = False
        self._chart_slot = QVBoxLayout()
        self._placeholder = QLabel("图表载入中……")
        self._placeholder.setObjectName("pageSubtitle")
        self._placeholder.setMinimumHeight(360)
        self._chart_slot.addWidget(self._placeholder)
        layout.addLayout(self._chart_slot)
        layout.addWidget(self._section("主题"))
        theme_cards: list[QWidget] = []
        for name in data.theme_names():
            theme_cards.append(self._theme_card(name))
        layout.addLayout(grid_of(theme_cards, 4))
        layout.addStretch(1)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    @property
    def charts(self) -> list[ChartView]:
        if self._chart_views is None:
            from zzdesk.ui.chart_view import ChartView

            entries = figure_entries_by_id(self.data.figure_by_id.get, lambda: self.data.reports,
                                           self.trendRequested.emit)
            self._chart_views = [ChartView(self._chart_spec, figure_entries=entries)] if self._chart_spec else []
            self._placeholder.hide()
            for view in self._chart_views:
                self._chart_slot.addWidget(view)
                view.addRequested.connect(lambda _key: self.briefingItem.emit(BriefingItem("headlines", "")))
        return self._chart_views

    def event(self, event: QEvent) -> bool:
        # Build the chart once the cards are on screen: after the first paint, not before it.
        if event.type() == QEvent.Type.Paint and self._chart_views is None and not self._chart_pending:
            self._chart_pending = True
            QTimer.singleShot(0, lambda: self.charts)
        return super().event(event)

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-size:16px;font-weight:bold;color:#7a1f1f;margin-top:8px")
        return label

    def _theme_card(self, name: str) -> Card:
        card = Card(None)
        figures = self.data.figures_of(name)
        entities = self.data.entities_of(name)
        card.add(name, "cardTitle")
        card.add(f"{len(figures)} 项指标 · {len(entities)} 个项目、企业和举措", "cardNote")
        link = card.add(f"<a href='theme'>查看{name} →</a>", "cardNote")
        link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        link.linkActivated.connect(lambda _=None, n=name: self.themeRequested.emit(n))
        return card
