"""The mouse wheel scrolls the page even while the pointer is over a chart.

Charts are fixed views (no zoom), yet a graphics view takes every wheel event it gets: the
page under it stopped scrolling.  An application-wide filter hands such events to the
nearest scrolling area around the chart.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QGraphicsView, QWidget


class WheelThroughCharts(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return super().eventFilter(watched, event)
        chart = _chart_around(watched)
        if chart is None:
            return super().eventFilter(watched, event)
        area = _scroll_area_around(chart)
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)
        return True  # a chart never zooms or pans on the wheel


def _chart_around(widget: QWidget) -> QGraphicsView | None:
    current: QWidget | None = widget
    while current is not None:
        if isinstance(current, QGraphicsView):
            return current
        current = current.parentWidget()
    return None


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    current = widget.parentWidget()
    while current is not None:
        if isinstance(current, QAbstractScrollArea) and not isinstance(current, QGraphicsView):
            return current
        current = current.parentWidget()
    return None


_installed: WheelThroughCharts | None = None


def install() -> None:
    """Once per application."""
    global _installed
    app = QApplication.instance()
    if _installed is None and app is not None:
        _installed = WheelThroughCharts(app)
        app.installEventFilter(_installed)
