"""A ChartSpec drawn with QPainter for paper: vector bars, crisp at any resolution.

Same reading rules as on screen: horizontal bars, results solid, targets
hatched (so black-and-white printers keep the difference), value labels as
the report words them, title, unit and source line.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPaintDevice, QPainter, QPen

from zzdesk.core.charts import RANGE_LEGEND, ChartSpec
from zzdesk.export.fonts import role_font

RESULT = QColor("#1f4e79")
EXPECTED = QColor("#6f8fb0")
TARGET = QColor("#c0504d")
INK = QColor("#222222")
GREY = QColor("#666666")

BAR_MM = 4.2  # one bar's height on paper
LABEL_PT = 9.0


def brush(role: str, kind: str, scale: float) -> QBrush:
    if role == "target":
        b = QBrush(TARGET, Qt.BrushStyle.BDiagPattern)
        b.setTransform(b.transform().scale(scale, scale))  # hatch spacing in paper units, not device pixels
        return b
    return QBrush(EXPECTED if kind == "expected" else RESULT)


def chart_height_mm(spec: ChartSpec) -> float:
    bars = len(spec.categories) * max(1, len(spec.series))
    return 7 + 6 + bars * BAR_MM + len(spec.categories) * 1.5 + 9 + 4.5 * (1 + len(spec.notes))


def _font(device: QPaintDevice, role: str, size: float, bold: bool = False) -> QFont:
    font = role_font(role, size, bold)
    return QFont(font, device)


def paint_chart(painter: QPainter, spec: ChartSpec, rect: QRectF, dpi: float) -> None:
    """Draw *spec* inside *rect* (device units of a device with *dpi* dots per inch)."""
    mm = dpi / 25.4
    device = painter.device()
    painter.save()
    title_font = _font(device, "heiti", 11)
    label_font = _font(device, "songti", LABEL_PT)
    small_font = _font(device, "songti", 8)
    metrics = QFontMetricsF(label_font, device)

    y = rect.top()
    painter.setFont(title_font)
    painter.setPen(INK)
    painter.drawText(QRectF(rect.left(), y, rect.width(), 7 * mm), Qt.AlignmentFlag.AlignLeft
                     | Qt.AlignmentFlag.AlignVCenter, spec.title)
    y += 7 * mm
    # Legend: a swatch per series, with the same fill as the bars.
    x = rect.left()
    painter.setFont(label_font)
    legend = [(s.name, s.role, "actual") for s in spec.series]
    if any(b is not None and b.kind == "expected" for s in spec.series for b in s.bars):
        legend.append(("预计数", "result", "expected"))
    ranged = [s.role for s in spec.series for b in s.bars if b is not None and b.high is not None]
    if ranged:
        legend.append((RANGE_LEGEND, ranged[0], "range"))
    for name, role, kind in legend:
        box = QRectF(x, y + 1.2 * mm, 7 * mm, 3.4 * mm)
        if kind == "range":
            _bracket(painter, box, QPen(TARGET if role == "target" else RESULT, 0.35 * mm))
        else:
            painter.setPen(QPen(TARGET if role == "target" else RESULT, 0.2 * mm))
            painter.setBrush(brush(role, kind, mm / 4))
            painter.drawRect(box)
        painter.setPen(INK)
        text_w = metrics.horizontalAdvance(name)
        painter.drawText(QRectF(x + 8.5 * mm, y, text_w + 2 * mm, 6 * mm), Qt.AlignmentFlag.AlignVCenter, name)
        x += 8.5 * mm + text_w + 6 * mm
    y += 6 * mm

    label_w = max(metrics.horizontalAdvance(c) for c in spec.categories) + 2 * mm
    plot = QRectF(rect.left() + label_w, y, rect.width() - label_w, 0)
    series = max(1, len(spec.series))
    row_h = series * BAR_MM * mm + 1.5 * mm
    plot.setHeight(len(spec.categories) * row_h)
    values = [v for s in spec.series for b in s.bars if b is not None for v in (b.value, b.high) if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values]) or 1.0
    value_labels = [metrics.horizontalAdvance(" " + b.label + ("（预计）" if b.kind == "expected" else ""))
                    for s in spec.series for b in s.bars if b is not None]
    span_w = plot.width() - max(value_labels, default=0) - 1 * mm
    scale = span_w / (high - low)
    zero_x = plot.left() + (0 - low) * scale

    # Grid and axis ticks at round steps.
    step = _nice_step((high - low) / 5)
    painter.setFont(small_font)
    tick = math.ceil(low / step) * step
    while tick <= high + 1e-9:
        tx = plot.left() + (tick - low) * scale
        painter.setPen(QPen(QColor("#dddddd"), 0.15 * mm))
        painter.drawLine(QPointF(tx, plot.top()), QPointF(tx, plot.bottom()))
        painter.setPen(GREY)
        painter.drawText(QRectF(tx - 8 * mm, plot.bottom() + 0.5 * mm, 16 * mm, 4 * mm),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, _tick(tick))
        tick += step

    painter.setFont(label_font)
    for row, category in enumerate(spec.categories):
        top = plot.top() + row * row_h + 0.75 * mm
        painter.setPen(INK)
        painter.drawText(QRectF(rect.left(), top, label_w - 1.5 * mm, series * BAR_MM * mm),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, category)
        for index, s in enumerate(spec.series):
            bar = s.bars[row]
            if bar is None:
                continue
            bar_top = top + index * BAR_MM * mm + 0.3 * mm
            width = bar.value * scale
            box = QRectF(zero_x, bar_top, width, BAR_MM * mm - 0.6 * mm).normalized()
            painter.setPen(QPen(TARGET if s.role == "target" else RESULT, 0.2 * mm))
            painter.setBrush(brush(s.role, bar.kind, mm / 4))
            painter.drawRect(box)
            end = box.right()
            if bar.high is not None:  # the bar reaches the range's low end, a bracket spans it to the high end
                span = QRectF(zero_x + bar.value * scale, box.top(), (bar.high - bar.value) * scale, box.height())
                _bracket(painter, span.normalized(), QPen(TARGET if s.role == "target" else RESULT, 0.35 * mm))
                end = max(end, span.normalized().right())
            painter.setPen(INK)
            text = " " + bar.label + ("（预计）" if bar.kind == "expected" else "")
            painter.drawText(QRectF(max(end, zero_x), bar_top, span_w, BAR_MM * mm),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
    painter.setPen(QPen(INK, 0.25 * mm))
    painter.drawLine(QPointF(zero_x, plot.top()), QPointF(zero_x, plot.bottom()))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

    y = plot.bottom() + 4.5 * mm
    painter.setFont(small_font)
    painter.setPen(GREY)
    painter.drawText(QRectF(plot.left(), y, plot.width(), 4.5 * mm), Qt.AlignmentFlag.AlignHCenter,
                     f"单位：{spec.unit}")
    y += 4.5 * mm
    for line in (spec.source, *spec.notes):
        painter.drawText(QRectF(rect.left(), y, rect.width(), 4.5 * mm), Qt.AlignmentFlag.AlignLeft, line)
        y += 4.5 * mm
    painter.restore()


def _bracket(painter: QPainter, box: QRectF, pen: QPen) -> None:
    """A range as printed: a line across *box* with an upright tick at each end (├──┤)."""
    painter.setPen(pen)
    middle = box.center().y()
    painter.drawLine(QPointF(box.left(), middle), QPointF(box.right(), middle))
    for x in (box.left(), box.right()):
        painter.drawLine(QPointF(x, box.top()), QPointF(x, box.bottom()))


def raster(width_mm: float, height_mm: float, dpi: int, paint: Callable[[QPainter, QRectF], None]) -> QImage:
    """What *paint* draws, as a white-background raster at *dpi* (Word documents take pictures)."""
    mm = dpi / 25.4
    image = QImage(int(width_mm * mm), int(height_mm * mm), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(int(dpi / 0.0254))
    image.setDotsPerMeterY(int(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


def chart_image(spec: ChartSpec, width_mm: float, dpi: int = 300) -> QImage:
    """The chart as a raster at *dpi*, e.g. for Word documents."""
    return raster(width_mm, chart_height_mm(spec), dpi, lambda painter, rect: paint_chart(painter, spec, rect, dpi))


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _tick(value: float) -> str:
    return f"{value:g}"
