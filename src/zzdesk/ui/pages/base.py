"""What every page offers the main window: signals for jumping elsewhere."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    figureActivated = Signal(int)
    entityActivated = Signal(int)
    passageRequested = Signal(int, int)  # passage id, figure id (or 0)
    themeRequested = Signal(str)
    briefingItem = Signal(object)  # a BriefingItem to add to the briefing being composed
    trendRequested = Signal(str)  # an indicator key, for the 历年趋势 page

    title = ""

    def header(self, layout: QVBoxLayout, title: str, subtitle: str = "") -> None:
        label = QLabel(title)
        label.setObjectName("pageTitle")
        label.setWordWrap(True)
        layout.addWidget(label)
        if subtitle:
            sub = QLabel(subtitle)
            sub.setObjectName("pageSubtitle")
            sub.setWordWrap(True)
            layout.addWidget(sub)


def grid_of(widgets: list[QWidget], columns: int) -> QGridLayout:
    grid = QGridLayout()
    grid.setSpacing(10)
    for index, widget in enumerate(widgets):
        grid.addWidget(widget, index // columns, index % columns)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    return grid
