"""Sizes that fit: widths that follow their content, so names are never cut (long theme names of an
imported report), and windows no larger than the screen (1366×768 is common on office PCs)."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHeaderView,
    QListWidget,
    QStyle,
    QStyleOptionToolButton,
    QTableView,
    QToolButton,
    QWidget,
)

NAV_MIN, NAV_MAX = 190, 360
COLUMN_MAX = 160  # a short column (年份, 数值, 别名…) no wider than this; longer text is elided, its tooltip whole
FRAME = 40  # the window system's title bar and borders, outside the size a window asks for


def fit_list_width(view: QListWidget, minimum: int = NAV_MIN, maximum: int = NAV_MAX) -> None:
    """Make *view* as wide as its widest item (within limits); longer items get a tooltip."""
    margin = 2 * view.frameWidth() + 36  # item padding and the selection bar
    widest = max((view.fontMetrics().horizontalAdvance(view.item(i).text()) for i in range(view.count())),
                 default=0)
    view.setFixedWidth(max(minimum, min(maximum, widest + margin)))
    for i in range(view.count()):
        item = view.item(i)
        item.setToolTip(item.text().strip())


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Give *window* its preferred size, or the screen's free area (less the frame) where that is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(width, area.width() - FRAME // 4), min(height, area.height() - FRAME)
    window.resize(width, height)


def fit_columns(table: QTableView, stretch: Collection[str]) -> None:
    """Columns that fit the table's width, so no horizontal scrollbar: the columns titled in *stretch*
    (the long text: names, 原文) share the width the others leave; the others are as wide as their
    contents, at most COLUMN_MAX, and never narrower than their header. Cut text ends in "…" and
    shows whole in its tooltip (the models give every cell one)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    model = table.model()
    for column in range(header.count()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        if title in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.resizeColumnToContents(column)
        width = min(header.sectionSize(column), COLUMN_MAX)
        header.resizeSection(column, max(width, header.sectionSizeHint(column)))


def fit_menu_button(button: QToolButton) -> None:
    """Room for a tool button's text beside the arrow of its menu, which the style draws over the text
    of a narrow button (a one-character "列" was half hidden)."""
    option = QStyleOptionToolButton()
    button.initStyleOption(option)
    arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    button.setMinimumWidth(button.sizeHint().width() + arrow)
