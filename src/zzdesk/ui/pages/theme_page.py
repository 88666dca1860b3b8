"""A theme: its 【郑州实践】 review and its plan, figures marked in the text, figure
cards, and the charts its figures call for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from zzdesk.core.briefing import BriefingItem
from zzdesk.core.charts import theme_charts
from zzdesk.ui.cards import figure_card
from zzdesk.ui.data import AppData
from zzdesk.ui.detail import figure_html
from zzdesk.ui.figure_menu import attach_card_menus, attach_figure_menu, figure_entries_by_id
from zzdesk.ui.pages.base import Page, grid_of
from zzdesk.ui.report_text import ReportText


class ThemePage(Page):
    def __init__(self, data: AppData, theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data, self.theme, self.title = data, theme, theme
        figures = data.figures_of(theme)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        entities = data.entities_of(theme)
        self.header(layout, theme, f"{len(figures)} 项指标 · {len(entities)} 个项目、企业和举措 · "
                    "点击文中标出的数字或右侧卡片查看原句")
        add = QPushButton("加入简报")
        add.setToolTip("把这个主题（原文、指标和图表）加入正在编辑的简报")
        add.clicked.connect(lambda: self.briefingItem.emit(BriefingItem("theme", theme)))
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QSplitter(Qt.Orientation.Vertical)
        self.text = ReportText(data, data.passages_of(theme))
        self.text.figureClicked.connect(self.select_figure)
        self.text.addPassage.connect(
            lambda pid: self.briefingItem.emit(BriefingItem("passage", data.passage_by_id[pid].key)))
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(lambda url: self._open(url.toString()))
        self.detail.setHtml("<p style='color:#666'>选择一个指标，这里显示它的原句和出处。</p>")
        self.shown_figure: int | None = None
        attach_figure_menu(self.detail, lambda _pos: self.data.figure_by_id.get(self.shown_figure or 0),
                           lambda: self.data.reports, self.trendRequested.emit,
                           standard=lambda _pos: self.detail.createStandardContextMenu())
        left.addWidget(self.text)
        left.addWidget(self.detail)
        left.setSizes([520, 200])
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._figures_panel(figures))
        self.splitter.setSizes([560, 640])
        layout.addWidget(self.splitter, 1)

    def _figures_panel(self, figures: list) -> QScrollArea:  # type: ignore[type-arg]
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        self.cards = {f.id: figure_card(f) for f in figures}
        for card in self.cards.values():
            card.activated.connect(self.select_figure)
        attach_card_menus(self.cards.values(), self.data.figure_by_id.get, lambda: self.data.reports,
                          self.trendRequested.emit)
        title = QLabel("指标")
        title.setStyleSheet("font-size:15px;font-weight:bold;color:#7a1f1f")
        column.addWidget(title)
        column.addLayout(grid_of(list(self.cards.values()), 2))
        from zzdesk.ui.chart_view import ChartView  # pyqtgraph: loaded with the first chart

        report = self.data.report
        entries = figure_entries_by_id(self.data.figure_by_id.get, lambda: self.data.reports,
                                       self.trendRequested.emit)
        self.charts = [ChartView(spec, figure_entries=entries)
                       for spec in theme_charts(figures, report.title, report.year, self.theme)]
        if self.charts:
            title = QLabel("图表")
            title.setStyleSheet("font-size:15px;font-weight:bold;color:#7a1f1f;margin-top:10px")
            column.addWidget(title)
        for chart in self.charts:
            column.addWidget(chart)
            chart.addRequested.connect(lambda key: self.briefingItem.emit(BriefingItem("chart", key)))
        column.addStretch(1)
        scroll.setWidget(body)
        self.figure_scroll = scroll
        return scroll

    def select_figure(self, figure_id: int) -> None:
        figure = self.data.figure_by_id.get(figure_id)
        if figure is None or not self.data.in_report(figure):
            return
        for fid, card in self.cards.items():
            card.set_selected(fid == figure_id)
        if figure_id in self.cards:
            self.figure_scroll.ensureWidgetVisible(self.cards[figure_id])
        self.text.show_passage(figure.passage_id, figure_id)
        self.detail.setHtml(figure_html(self.data, figure))
        self.shown_figure = figure_id

    def show_passage(self, passage_id: int, figure_id: int = 0) -> None:
        if figure_id:
            self.select_figure(figure_id)
        else:
            self.text.show_passage(passage_id)

    def _open(self, link: str) -> None:
        kind, _, value = link.partition(":")
        if kind == "passage" and value.isdigit():
            self.text.show_passage(int(value))
