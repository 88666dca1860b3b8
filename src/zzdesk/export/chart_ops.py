"""Charts as page operations in millimetres, for writers that store vector drawing themselves (OFD).

The chart painters draw with a QPainter; `OpRecorder` stands in for one and records what they
draw — boxes, lines and text, each with its colour and face — so the OFD page holds the same
vector chart as the PDF rather than a picture of it.  Hatched fills (targets) become thin
diagonal lines clipped to their box, as a black-and-white printer would show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPen

from zzdesk.export.bullet_painter import paint_bullets
from zzdesk.export.chart_painter import paint_chart
from zzdesk.export.fonts import role_font
from zzdesk.export.page_layout import Face, PictureOp, RuleOp, TextOp

UNITS_PER_MM = 10  # the recorder's device: 254 dpi, so that Qt's whole-number DPI is exact
DPI = 25.4 * UNITS_PER_MM
HATCH_STEP = 2.0  # mm between the lines of a hatched fill, as Qt draws BDiagPattern on paper
ROLES = ("songti", "heiti", "fangsong", "kaiti", "xiaobiaosong")


@dataclass(frozen=True)
class BoxOp:
    x: float
    y: float
    w: float
    h: float
    fill: str | None  # colour, or None
    stroke: str | None
    stroke_width: float


ChartOp = TextOp | RuleOp | BoxOp


@lru_cache(maxsize=1)
def _device() -> QImage:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    return image


@lru_cache(maxsize=32)
def _role_of(family: str) -> str:
    return next((role for role in ROLES if role_font(role, 10).family() == family), "songti")


class OpRecorder:
    """The part of QPainter the chart painters use, recording operations in page millimetres."""

    def __init__(self, op: PictureOp) -> None:
        self.left, self.top, self.scale = op.x, op.y, op.scale
        self.ops: list[ChartOp] = []
        self._pen = QPen(QColor("#000000"))
        self._brush = QBrush()
        self._font = QFont()
        self._saved: list[tuple[QPen, QBrush, QFont]] = []

    # State ---------------------------------------------------------------------------------------------
    def device(self) -> QImage:
        return _device()

    def save(self) -> None:
        self._saved.append((QPen(self._pen), QBrush(self._brush), QFont(self._font)))

    def restore(self) -> None:
        self._pen, self._brush, self._font = self._saved.pop()

    def setFont(self, font: QFont) -> None:
        self._font = QFont(font)

    def setPen(self, pen: QPen | QColor | Qt.PenStyle) -> None:
        self._pen = QPen(pen)

    def setBrush(self, brush: QBrush) -> None:
        self._brush = QBrush(brush)

    # Geometry ------------------------------------------------------------------------------------------
    def _x(self, units: float) -> float:
        return self.left + units / UNITS_PER_MM * self.scale

    def _y(self, units: float) -> float:
        return self.top + units / UNITS_PER_MM * self.scale

    def _mm(self, units: float) -> float:
        return units / UNITS_PER_MM * self.scale

    def _stroke(self) -> tuple[str | None, float]:
        if self._pen.style() == Qt.PenStyle.NoPen:
            return None, 0.0
        return self._pen.color().name(), max(self._mm(self._pen.widthF()), 0.05)

    # Drawing -------------------------------------------------------------------------------------------
    def drawLine(self, a: QPointF, b: QPointF) -> None:
        colour, width = self._stroke()
        if colour is not None:
            self.ops.append(RuleOp(self._x(a.x()), self._y(a.y()), self._x(b.x()), self._y(b.y()), width, colour))

    def drawRect(self, rect: QRectF) -> None:
        x, y, w, h = self._x(rect.left()), self._y(rect.top()), self._mm(rect.width()), self._mm(rect.height())
        style = self._brush.style()
        colour = self._brush.color().name()
        stroke, width = self._stroke()
        self.ops.append(BoxOp(x, y, w, h, colour if style == Qt.BrushStyle.SolidPattern else None, stroke, width))
        if style == Qt.BrushStyle.BDiagPattern:
            self.ops += hatch(x, y, w, h, HATCH_STEP * self.scale, colour, 0.15 * self.scale)

    def drawText(self, rect: QRectF, flags: Qt.AlignmentFlag | int, text: str) -> None:
        colour, _ = self._stroke()
        if colour is None or not text:
            return
        metrics = QFontMetricsF(self._font, _device())
        advances = [metrics.horizontalAdvance(c) for c in text]
        width = sum(advances)
        align = Qt.AlignmentFlag(int(flags))
        if align & Qt.AlignmentFlag.AlignRight:
            x = rect.right() - width
        elif align & Qt.AlignmentFlag.AlignHCenter:
            x = rect.left() + (rect.width() - width) / 2
        else:
            x = rect.left()
        if align & Qt.AlignmentFlag.AlignVCenter:
            baseline = rect.top() + (rect.height() - metrics.ascent() - metrics.descent()) / 2 + metrics.ascent()
        else:
            baseline = rect.top() + metrics.ascent()
        placed = []  # spaces only move the pen: XML readers drop them from the ends of a text
        for char, advance in zip(text, advances, strict=True):
            if not char.isspace():
                placed.append((char, self._x(x)))
            x += advance
        if placed:
            face = Face(_role_of(self._font.family()), self._font.pointSizeF() * self.scale, self._font.bold())
            self.ops.append(TextOp("".join(c for c, _ in placed), tuple(x for _, x in placed), self._y(baseline),
                                   face, colour))


def hatch(x: float, y: float, w: float, h: float, step: float, colour: str, width: float) -> list[RuleOp]:
    """Lines rising to the right ("/") every *step* mm, clipped to the box."""
    lines = []
    c = x + y + step / 2
    while c < x + w + y + h:
        left, right = max(x, c - (y + h)), min(x + w, c - y)
        if right > left:
            lines.append(RuleOp(left, c - left, right, c - right, width, colour))
        c += step
    return lines


def picture_ops(op: PictureOp) -> list[ChartOp]:
    """The chart or bullet charts of *op*, as vector operations on the page."""
    recorder = OpRecorder(op)
    rect = QRectF(0, 0, op.w / op.scale * UNITS_PER_MM, op.h / op.scale * UNITS_PER_MM)
    if op.chart is not None:
        paint_chart(recorder, op.chart, rect, DPI)  # type: ignore[arg-type]
    else:
        paint_bullets(recorder, op.bullets, rect, DPI)  # type: ignore[arg-type]
    return recorder.ops
