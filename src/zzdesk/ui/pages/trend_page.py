"""历年趋势: one indicator across every loaded report, results and targets by year, with sources."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zzdesk.core.briefing import BriefingItem
from zzdesk.core.numbers import format_quantity
from zzdesk.core.records import FigureRecord
from zzdesk.core.trends import Trend, TrendPoint, indicator_trend, trend_keys
from zzdesk.export.fonts import role_font
from zzdesk.ui.data import AppData
from zzdesk.ui.figure_menu import attach_figure_menu
from zzdesk.ui.pages.base import Page
from zzdesk.ui.style import EXPECTED_COLOR, MUTED, RESULT_COLOR, TARGET_COLOR

COLUMNS = ("年份", "类型", "报告中的写法", "数值", "单位", "报告", "原句")
FIGURE_ROLE = Qt.ItemDataRole.UserRole + 20


def _tip(x: float, y: float, data: str) -> str:
    """A point's hover text: its own tooltip (what the report says, how to read the mark, the source)."""
    return data


def _label_place(point: TrendPoint, other: TrendPoint | None, role: str) -> tuple[tuple[float, float], float]:
    """Where a point's label goes (anchor, y): of a year's two points the higher one is labelled above and
    the lower below, a range's label beyond the end of its bar; a point inside the other's range bar is
    labelled to its lower left, clear of the bar and of the lines running on to the next year."""
    f = point.figure
    if other is not None and other.figure.value_high is not None and \
            other.figure.value <= point.plotted <= other.figure.value_high:
        return (1.2, -0.1), point.plotted
    higher = (other is None and role == "result") or (other is not None and point.plotted >= other.plotted)
    if higher:
        return (0.5, 1.3), f.value if f.value_high is None else f.value_high
    return (0.5, -0.3), f.value


class TrendPage(Page):
    title = "历年趋势"

    def __init__(self, data: AppData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.figures = data.store.figures()  # every loaded report, not only the selected one
        self.reports = data.store.reports()
        self.trend: Trend | None = None
        self.ranges: list[pg.ErrorBarItem] = []  # the range bars now drawn (one item per series)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        self.header(layout, "历年趋势", "同一指标在已载入的各份报告中的实绩与目标；每个数字都列出报告和原句")
        row = QHBoxLayout()
        row.addWidget(QLabel("指标："))
        self.picker = QComboBox()
        self.picker.setEditable(False)
        self.picker.setMinimumWidth(260)
        for key in trend_keys(self.figures):
            self.picker.addItem(key, key)
        self.picker.currentIndexChanged.connect(lambda _: self.show_indicator(self.picker.currentData()))
        row.addWidget(self.picker)
        row.addStretch(1)
        self.add_button = QPushButton("加入简报")
        self.add_button.setToolTip("把这个指标的历年趋势（图表和表格）加入正在编辑的简报")
        self.add_button.clicked.connect(self._add)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(220)
        self.note = QLabel()
        self.note.setObjectName("sourceLine")
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)  # one line a figure; the whole sentence is the cell's tooltip
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(self._jump)
        attach_figure_menu(self.table, self._figure_at, lambda: self.reports)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.plot, 1)
        top_layout.addWidget(self.note)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.table)
        self.splitter.setSizes([340, 300])
        layout.addWidget(self.splitter, 1)
        if self.picker.count():
            self.show_indicator(self.picker.itemData(0))
        else:
            self.note.setText("还没有可以比较的指标。")

    def show_indicator(self, key: str | None) -> None:
        """Show indicator *key* (a canonical indicator name); unknown keys leave the page as it is."""
        trend = indicator_trend(self.figures, self.reports, key) if key else None
        if trend is None:
            return
        self.trend = trend
        index = self.picker.findData(key)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.blockSignals(True)
            self.picker.setCurrentIndex(index)
            self.picker.blockSignals(False)
        self._draw(trend)
        self._fill_table(trend)

    # Chart ------------------------------------------------------------------------------------

    def _draw(self, trend: Trend) -> None:
        item = self.plot.getPlotItem()
        item.clear()
        years = trend.years
        font = role_font("ui", 9)
        results = [(y, p) for y in years if (p := trend.result_for(y)) is not None]
        targets = [(y, p) for y in years if (p := trend.target_for(y)) is not None]
        self.ranges = []
        for points, color, style, symbol, name in (
                (targets, TARGET_COLOR, Qt.PenStyle.DashLine, "s", "目标"),
                (results, RESULT_COLOR, Qt.PenStyle.SolidLine, "o", "实绩")):  # results on top
            if not points:
                continue
            xs, ys = [y for y, _ in points], [p.plotted for _, p in points]
            item.addItem(pg.PlotDataItem(xs, ys, pen=pg.mkPen(color, width=2, style=style), name=name))
            spans = [(y, p.plotted, p.figure.value, top) for y, p in points
                     if (top := p.figure.value_high) is not None]
            if spans:  # a range is a bar from its low end to its high end, the line through its midpoint
                x, mid, lows, highs = (np.array(column, dtype=float) for column in zip(*spans, strict=True))
                bars = pg.ErrorBarItem(x=x, y=mid, bottom=mid - lows, top=highs - mid, beam=0.12,
                                       pen=pg.mkPen(color, width=2))
                item.addItem(bars)
                self.ranges.append(bars)
            item.addItem(pg.ScatterPlotItem(
                xs, ys, symbol=symbol, size=9, pen=pg.mkPen(color, width=2 if symbol == "s" else 1),
                brush=[pg.mkBrush("w" if symbol == "s" else EXPECTED_COLOR if p.figure.kind == "expected" else color)
                       for _, p in points],
                data=[p.tooltip for _, p in points], hoverable=True, tip=_tip, name=name))
        result_at, target_at = dict(results), dict(targets)
        for points, color, role in ((results, RESULT_COLOR, "result"), (targets, TARGET_COLOR, "target")):
            for year, point in points:
                suffix = "（预计）" if point.figure.kind == "expected" else ""
                other = (target_at if role == "result" else result_at).get(year)
                anchor, y = _label_place(point, other, role)
                label = pg.TextItem(point.said + suffix, color=QColor(color), anchor=anchor)
                label.setFont(font)
                label.setToolTip(point.tooltip)
                label.setPos(year, y)
                item.addItem(label)
        values = [v for _, p in (*results, *targets) for v in (p.figure.value, p.figure.value_high) if v is not None]
        if values:
            low, high = min(values), max(values)
            pad = (high - low) * 0.35 or abs(high) * 0.3 or 1.0
            item.setYRange(low - pad, high + pad, padding=0)
        if years:
            item.setXRange(years[0] - 0.6, years[-1] + 0.6, padding=0)
        bottom = item.getAxis("bottom")
        bottom.setTicks([[(y, f"{y}年") for y in years], []])
        bottom.setStyle(tickFont=font)
        left = item.getAxis("left")
        left.setStyle(tickFont=font)
        left.setLabel(f"单位：{trend.unit}", color=MUTED)
        item.showGrid(x=False, y=True, alpha=0.15)
        chart = trend.chart()
        others = sorted({p.figure.unit for p in trend.points} - {trend.unit})
        extra = [f"图中只画单位为“{trend.unit}”的数；表中另有单位为“{'、'.join(others)}”的数。"] if others else []
        ranged = any(p.figure.value_high is not None for p in trend.points)
        legend = "实线圆点为实绩（浅色为预计数），虚线方框为目标" + (
            "；带横头的竖线为报告给出的区间（如5%—5.5%），线和标记画在区间中点" if ranged else "")
        legend += "。鼠标停在点上可看原句和出处。"
        self.note.setText("\n".join((legend, chart.source,
                                     *chart.notes, *extra)))

    # Table ------------------------------------------------------------------------------------

    def _fill_table(self, trend: Trend) -> None:
        self.table.setRowCount(len(trend.points))
        for row, point in enumerate(trend.points):
            f = point.figure
            number = format_quantity(f.value, "", high=f.value_high)  # a range stays a range: 5—5.5, not 5
            cells = (f"{f.period}年", point.label.removeprefix(f"{f.period}年"), point.said, number,
                     f.unit, f"《{point.report.title}》（{point.report.year}年）", f.quote)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(FIGURE_ROLE, f.id)
                cell.setToolTip(text)
                if column == 3:
                    cell.setData(Qt.ItemDataRole.TextAlignmentRole,
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                self.table.setItem(row, column, cell)

    def _figure_at(self, pos: QPoint) -> FigureRecord | None:
        cell = self.table.itemAt(pos)
        if cell is None or self.trend is None:
            return None
        return next((p.figure for p in self.trend.points if p.figure.id == cell.data(FIGURE_ROLE)), None)

    def _jump(self) -> None:
        cell = self.table.currentItem()
        if cell is not None:
            self.figureActivated.emit(int(cell.data(FIGURE_ROLE)))

    def _add(self) -> None:
        if self.trend is not None:
            self.briefingItem.emit(BriefingItem("trend", self.trend.key))

    def cell_text(self, row: int, column: int) -> str:
        cell = self.table.item(row, column)
        return cell.text() if cell is not None else ""
