"""Right-click on anything that shows a figure: copy it with its sentence and source, see its trend."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QWidget

from zzdesk.core.citation import figure_citation
from zzdesk.core.records import FigureRecord, ReportRecord
from zzdesk.core.trends import indicator_key
from zzdesk.ui.cards import Card

COPY_TEXT = "复制数字、原句和出处"
TREND_TEXT = "查看历年趋势"


def copy_figure(figure: FigureRecord, reports: list[ReportRecord]) -> str:
    """Put the figure's citation on the clipboard; returns the text."""
    report = next((r for r in reports if r.id == figure.report_id), None)
    text = figure_citation(figure, report)
    QGuiApplication.clipboard().setText(text)
    return text


def figure_actions(menu: QMenu, figure: FigureRecord, reports: list[ReportRecord],
                   open_trend: Callable[[str], None] | None) -> None:
    """The figure's entries, added to *menu* (a widget's own menu, or a new one)."""
    menu.addAction(COPY_TEXT, lambda: copy_figure(figure, reports))
    if open_trend is not None:
        menu.addAction(TREND_TEXT, lambda: open_trend(indicator_key(figure)))


def figure_entries_by_id(figure_by_id: Callable[[int], FigureRecord | None],
                         reports: Callable[[], list[ReportRecord]],
                         open_trend: Callable[[str], None] | None) -> Callable[[QMenu, int], None]:
    """The figure entries for a view that knows only figure ids (a chart's bars)."""
    def add(menu: QMenu, figure_id: int) -> None:
        figure = figure_by_id(figure_id)
        if figure is not None:
            figure_actions(menu, figure, reports(), open_trend)

    return add


def attach_figure_menu(widget: QWidget, figure_of: Callable[[QPoint], FigureRecord | None],
                       reports: Callable[[], list[ReportRecord]],
                       open_trend: Callable[[str], None] | None = None,
                       standard: Callable[[QPoint], QMenu | None] | None = None) -> None:
    """Right-click on *widget*: the figure under the pointer (*figure_of*), after *standard* entries.

    A table or text view takes the click itself (never its viewport, which hands it up unasked), and
    reports the pointer in its viewport's coordinates."""
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    anchor = widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget

    def show(pos: QPoint) -> None:
        figure = figure_of(pos)
        menu = (standard(pos) if standard else None) or QMenu(widget)
        if figure is not None:
            if menu.actions():
                menu.addSeparator()
            figure_actions(menu, figure, reports(), open_trend)
        if menu.actions():
            menu.exec(anchor.mapToGlobal(pos))

    widget.customContextMenuRequested.connect(show)


def attach_card_menus(cards: Iterable[Card], figure_by_id: Callable[[int], FigureRecord | None],
                      reports: Callable[[], list[ReportRecord]], open_trend: Callable[[str], None]) -> None:
    """Right-click on an indicator or figure card: copy with source, or open the indicator's trend."""
    def under(card: Card) -> Callable[[QPoint], FigureRecord | None]:
        return lambda pos: figure_by_id(card.figure_at(pos) or 0)

    for card in cards:
        if card.figure_id is not None:
            attach_figure_menu(card, under(card), reports, open_trend)
