"""Bullet charts for targets: one row per indicator, the result as a bar, the target as a
tick across it, and the status in words (so black-and-white print keeps the meaning)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from zzdesk.core.briefing import TargetRow
from zzdesk.export.chart_painter import raster
from zzdesk.export.fonts import role_font

ROW_MM = 7.0
STATUS_COLOURS = {"达标": QColor("#2e7d32"), "未达标": QColor("#c62828"), "待核实": QColor("#9a6a00"),
                  "无数据": QColor("#777777")}


def values_text(row: TargetRow, short: bool = False) -> str:
    """实绩 / 目标, each with the report it is from: 5.6%〔2026年报告〕 / 6%左右〔2025年报告〕, or on a narrow
    page 5.6%〔2026〕 / 6%左右〔2025〕 (the chart's title then says what the brackets hold)."""

    def labelled(value: str, report: str) -> str:
        return f"{value}〔{report.removesuffix('年报告') if short else report}〕" if report else value

    return f"{labelled(row.actual, row.actual_report)} / {labelled(row.target, row.target_report)}"


def bullets_height_mm(rows: Sequence[TargetRow]) -> float:
    return 10 + ROW_MM * len([r for r in rows if r.actual_value is not None])


def paint_bullets(painter: QPainter, rows: Sequence[TargetRow], rect: QRectF, dpi: float, title: str = "") -> None:
    mm = dpi / 25.4
    rows = [r for r in rows if r.actual_value is not None]
    device = painter.device()
    label_font = QFont(role_font("songti", 9), device)
    title_font = QFont(role_font("heiti", 11), device)
    metrics = QFontMetricsF(label_font, device)
    painter.save()
    label_w = max((metrics.horizontalAdvance(f"{r.indicator}（{r.period}）") for r in rows), default=0) + 3 * mm
    status_w = metrics.horizontalAdvance("未达标 ") + 2 * mm
    for short in (False, True):  # the reports' names in full when the bars keep a third of the width
        values = [values_text(r, short) for r in rows]
        values_w = max((metrics.horizontalAdvance(v) for v in values), default=0) + 3 * mm
        bar_left, bar_w = rect.left() + label_w, rect.width() - label_w - status_w - values_w
        if bar_w >= rect.width() / 3:
            break
    bar_w = max(bar_w, 10 * mm)
    painter.setFont(title_font)
    painter.setPen(QColor("#222222"))
    heading = title or "目标与实绩（竖线为目标）"
    if short and any(r.target_report or r.actual_report for r in rows):
        heading = heading.removesuffix("）") + "；〔〕内为数字所出自报告的年份）"
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), 8 * mm), Qt.AlignmentFlag.AlignVCenter, heading)
    top = rect.top() + 10 * mm
    painter.setFont(label_font)
    for index, row in enumerate(rows):
        y = top + index * ROW_MM * mm
        actual = row.actual_value or 0.0
        scale = bar_w / (max(actual, row.target_value) * 1.15 or 1)
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(rect.left(), y, label_w - 2 * mm, ROW_MM * mm),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{row.indicator}（{row.period}）")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor("#e8e8e8")))
        painter.drawRect(QRectF(bar_left, y + 1.2 * mm, bar_w, ROW_MM * mm - 2.4 * mm))
        painter.setBrush(QBrush(QColor("#1f4e79")))
        painter.drawRect(QRectF(bar_left, y + 2.3 * mm, max(actual, 0) * scale, ROW_MM * mm - 4.6 * mm))
        target_x = bar_left + row.target_value * scale
        painter.setPen(QPen(QColor("#000000"), 0.6 * mm))
        painter.drawLine(QPointF(target_x, y + 0.8 * mm), QPointF(target_x, y + ROW_MM * mm - 0.8 * mm))
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(bar_left + bar_w + 1.5 * mm, y, values_w, ROW_MM * mm), Qt.AlignmentFlag.AlignVCenter,
                         values[index])
        painter.setPen(STATUS_COLOURS.get(row.status, QColor("#222222")))
        painter.drawText(QRectF(rect.right() - status_w, y, status_w, ROW_MM * mm),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, row.status)
    painter.restore()


def bullets_image(rows: Sequence[TargetRow], width_mm: float, dpi: int = 300) -> QImage:
    """The bullet charts as a raster at *dpi*, for Word documents."""
    return raster(width_mm, bullets_height_mm(rows), dpi, lambda painter, rect: paint_bullets(painter, rows, rect, dpi))
