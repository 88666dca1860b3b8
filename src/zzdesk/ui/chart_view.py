"""A ChartSpec drawn with pyqtgraph: horizontal bars, so long Chinese names stay readable.

Results are solid, targets hatched: the difference survives a black-and-white
printer.  Every chart carries its title, unit, value labels and source line.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QMessageBox, QVBoxLayout, QWidget

from zzdesk.core.charts import RANGE_LEGEND, ChartSpec
from zzdesk.core.safe_files import SaveError, atomic_path
from zzdesk.export.fonts import role_font
from zzdesk.ui.folders import announce, save_path
from zzdesk.ui.style import EXPECTED_COLOR, MUTED, RESULT_COLOR, TARGET_COLOR

BAR_PX = 22  # height of one bar on screen
EXPORT_SCALE = 2.0


def bar_brush(role: str, kind: str) -> QBrush:
    if role == "target":
        return QBrush(QColor(TARGET_COLOR), Qt.BrushStyle.BDiagPattern)
    return QBrush(QColor(EXPECTED_COLOR if kind == "expected" else RESULT_COLOR))


def swatch(role: str, kind: str = "actual") -> QPixmap:
    pixmap = QPixmap(28, 14)
    pixmap.fill(Qt.GlobalColor.white)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor(TARGET_COLOR if role == "target" else RESULT_COLOR)))
    painter.setBrush(bar_brush(role, kind))
    painter.drawRect(0, 0, 27, 13)
    painter.end()
    return pixmap


def range_swatch(role: str) -> QPixmap:
    """The legend mark of a range: a line with an upright tick at each end, as the chart draws it."""
    pixmap = QPixmap(28, 14)
    pixmap.fill(Qt.GlobalColor.white)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor(TARGET_COLOR if role == "target" else RESULT_COLOR), 2))
    painter.drawLine(1, 7, 26, 7)
    painter.drawLine(1, 1, 1, 13)
    painter.drawLine(26, 1, 26, 13)
    painter.end()
    return pixmap


class ChartView(QWidget):
    """One chart with its title, legend, plot and source line."""

    saved = Signal(str)
    addRequested = Signal(str)  # the chart's key, for "加入简报"

    def __init__(self, spec: ChartSpec, parent: QWidget | None = None,
                 figure_entries: Callable[[QMenu, int], None] | None = None) -> None:
        """*figure_entries* adds a figure's own entries (copy with source…) to the menu of its bar."""
        super().__init__(parent)
        self.spec = spec
        self.figure_entries = figure_entries
        self.bar_rows: list[tuple[float, float, int]] = []  # (centre, half height, figure id) in plot units
        self.setObjectName("chart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        title = QLabel(spec.title)
        title.setFont(role_font("ui", 12, bold=True))
        layout.addWidget(title)
        layout.addLayout(self._legend())
        self.plot = self._plot()
        layout.addWidget(self.plot)
        source = QLabel("\n".join((spec.source, *spec.notes)))
        source.setObjectName("sourceLine")
        source.setWordWrap(True)
        layout.addWidget(source)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setToolTip("右键可保存为 PNG 或复制图片；在柱条上右键可复制它的数字、原句和出处")

    def _legend(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        for series in self.spec.series:
            icon = QLabel()
            icon.setPixmap(swatch(series.role))
            row.addWidget(icon)
            row.addWidget(QLabel(series.name))
            row.addSpacing(12)
        if any(b is not None and b.kind == "expected" for s in self.spec.series for b in s.bars):
            icon = QLabel()
            icon.setPixmap(swatch("result", "expected"))
            row.addWidget(icon)
            row.addWidget(QLabel("预计数"))
        ranged = [s.role for s in self.spec.series for b in s.bars if b is not None and b.high is not None]
        if ranged:
            icon = QLabel()
            icon.setPixmap(range_swatch(ranged[0]))
            row.addWidget(icon)
            row.addWidget(QLabel(RANGE_LEGEND))
        row.addStretch(1)
        return row

    def _plot(self) -> pg.PlotWidget:
        spec = self.spec
        plot = pg.PlotWidget(background="w")
        plot.setMouseEnabled(x=False, y=False)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        item = plot.getPlotItem()
        n, s = len(spec.categories), max(1, len(spec.series))
        band = 0.8 / s
        values: list[float] = []
        font = role_font("ui", 9)
        for index, series in enumerate(spec.series):
            centers, widths, brushes = [], [], []
            spans: list[tuple[float, float, float]] = []  # (y, low, high) of each range
            for row, bar in enumerate(series.bars):
                if bar is None:
                    continue
                y = (n - 1 - row) + 0.4 - (index + 0.5) * band
                self.bar_rows.append((y, band / 2, bar.figure_id))
                centers.append(y)
                widths.append(bar.value)
                brushes.append(bar_brush(series.role, bar.kind))
                values.append(bar.value)
                if bar.high is not None:  # the bar reaches the range's low end, a bracket spans it to the high end
                    spans.append((y, bar.value, bar.high))
                    values.append(bar.high)
                label = pg.TextItem(f" {bar.label}{'（预计）' if bar.kind == 'expected' else ''}",
                                    color=QColor("#222222"), anchor=(0, 0.5))
                label.setFont(font)
                label.setPos(max(bar.value, bar.high or 0, 0), y)
                item.addItem(label)
            if centers:
                pen = pg.mkPen(TARGET_COLOR if series.role == "target" else RESULT_COLOR, width=1)
                item.addItem(pg.BarGraphItem(x0=[0] * len(centers), y=centers, height=band * 0.9,
                                             width=widths, brushes=brushes, pen=pen))
            if spans:
                ys, lows, highs = (np.array(column, dtype=float) for column in zip(*spans, strict=True))
                middle = (lows + highs) / 2
                item.addItem(pg.ErrorBarItem(x=middle, y=ys, left=middle - lows, right=highs - middle,
                                             beam=band * 0.7, pen=pg.mkPen(
                                                 TARGET_COLOR if series.role == "target" else RESULT_COLOR, width=2)))
        low = min([0.0, *values])
        high = max([0.0, *values]) or 1.0
        item.setXRange(low * 1.1, high * 1.45, padding=0)
        item.setYRange(-0.6, n - 0.4, padding=0)
        left = item.getAxis("left")
        left.setTicks([[(n - 1 - i, name) for i, name in enumerate(spec.categories)], []])
        left.setStyle(tickFont=role_font("ui", 9), tickLength=0)
        left.setTextPen(QColor("#222222"))
        bottom = item.getAxis("bottom")
        bottom.setStyle(tickFont=font)
        bottom.setTextPen(QColor(MUTED))
        bottom.setLabel(f"单位：{spec.unit}", color=MUTED)
        bottom.label.setFont(font)
        item.showGrid(x=True, y=False, alpha=0.15)
        plot.setMinimumHeight(70 + n * s * BAR_PX)
        plot.setMaximumHeight(90 + n * s * BAR_PX)
        return plot

    def sizeHint(self) -> QSize:
        return QSize(560, 150 + len(self.spec.categories) * max(1, len(self.spec.series)) * BAR_PX)

    def image(self, scale: float = EXPORT_SCALE) -> QPixmap:
        """The whole chart (title, legend, source line included) at *scale* times screen size."""
        pixmap = QPixmap(self.size() * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.white)
        self.render(pixmap)
        return pixmap

    def save_png(self, path: str) -> bool:
        """Write the chart to *path* whole or not at all (SaveError says why, in one line)."""
        with atomic_path(path) as temp:
            if not self.image().save(str(temp), "PNG"):
                raise SaveError(f"无法写入 {path}：图片没有保存")
        self.saved.emit(path)
        return True

    def figure_at(self, pos: QPoint) -> int | None:
        """The figure id of the bar at *pos* (this widget's coordinates): the bar's whole row across the
        plot counts, so a short bar or its value label is as easy to hit as a long one."""
        inside = self.plot.mapFrom(self, pos)
        box = self.plot.getPlotItem().getViewBox()
        scene = self.plot.mapToScene(inside)
        if not box.sceneBoundingRect().contains(scene):
            return None
        y = box.mapSceneToView(QPointF(scene)).y()
        return next((fid for centre, half, fid in self.bar_rows if abs(y - centre) <= half), None)

    def _menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        figure_id = self.figure_at(pos)
        if figure_id is not None and self.figure_entries is not None:
            self.figure_entries(menu, figure_id)
            menu.addSeparator()
        menu.addAction("保存为 PNG…", self._save_dialog)
        menu.addAction("复制图片", lambda: QGuiApplication.clipboard().setPixmap(self.image()))
        menu.addSeparator()
        menu.addAction("加入简报", lambda: self.addRequested.emit(self.spec.key))
        menu.exec(self.mapToGlobal(pos))

    def _save_dialog(self) -> None:
        name = self.spec.title.replace("：", "-").replace("/", "-").replace("（", "(").replace("）", ")")
        target = save_path(self, "保存图表", f"{name}.png", "PNG 图片 (*.png)")
        if target is None:
            return
        try:
            self.save_png(str(target))
        except SaveError as exc:
            QMessageBox.warning(self, "无法保存", f"{exc}。请换一个位置。")
            return
        announce(self, f"已保存图表到 {target}")
