"""Where the window is: a report, a page and the item shown there, by stable keys.

Keys (not row ids or pixels) so a place still finds its item after the pages were made anew
for another report, and a place names its report, so going back to it selects that report
first: an item is only ever shown under its own report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from zzdesk.core.records import FigureRecord
from zzdesk.ui.data import AppData
from zzdesk.ui.pages.list_page import ListPage
from zzdesk.ui.pages.report_page import ReportPage
from zzdesk.ui.pages.theme_page import ThemePage
from zzdesk.ui.report_text import ReportText


@dataclass(frozen=True)
class Place:
    report: str  # the report's key
    page: str  # the page's key in the navigation
    item: str = ""  # "figure:KEY", "entity:KEY", "passage:KEY" (the text read) or "indicator:NAME"
    title: str = field(default="", compare=False)  # the report's title, for saying it is gone


class Window(Protocol):
    data: AppData

    @property
    def pages(self) -> Mapping[str, QWidget]: ...

    def current_key(self) -> str: ...

    def show_page(self, key: str) -> QWidget: ...

    def select_report(self, report_id: int | None, page: str | None = None) -> None: ...


def place_of(window: Window) -> Place:
    report, key = window.data.report, window.current_key()
    return Place(report.key, key, _item_on(window.pages.get(key)), report.title)


def go_to(window: Window, place: Place) -> str | None:
    """Show *place*: its report, its page, its item. None when done, else why it could not be."""
    data = window.data
    report = data.report_by_key(place.report)
    if report is None:
        return f"《{place.title}》已删除，跳过了它的浏览记录"
    if report.id != data.report.id:
        window.select_report(report.id, place.page)
    page = window.show_page(place.page)
    _show_item(data, page, place.item)
    return None


def _item_on(page: QWidget | None) -> str:
    if isinstance(page, ListPage):
        record = page.current_record()
        if record is None:
            return ""
        return f"{'figure' if isinstance(record, FigureRecord) else 'entity'}:{record.key}"
    if isinstance(page, ThemePage):
        figure = page.data.figure_by_id.get(page.shown_figure or 0)
        return f"figure:{figure.key}" if figure is not None else _passage_read(page.text)
    if isinstance(page, ReportPage):
        return _passage_read(page.text)
    indicator = getattr(getattr(page, "picker", None), "currentData", lambda: None)()  # 历年趋势
    return f"indicator:{indicator}" if isinstance(indicator, str) and indicator else ""


def _passage_read(text: ReportText) -> str:
    """The paragraph at the top of the view: where the reader was."""
    step = max(1, text.fontMetrics().height())
    for y in range(4, min(text.viewport().height(), 40 * step), step):  # below a heading, if one is on top
        passage = text.data.passage_by_id.get(text.passage_at(QPoint(8, y)) or 0)
        if passage is not None:
            return f"passage:{passage.key}"
    return ""


def _show_item(data: AppData, page: QWidget, item: str) -> None:
    kind, _, key = item.partition(":")
    if not key:
        return
    if isinstance(page, ListPage):
        record = data.figure_by_key.get(key) if kind == "figure" else data.entity_by_key.get(key)
        if record is not None:
            select_in_list(page, record.id)
    elif isinstance(page, ThemePage) and kind == "figure" and key in data.figure_by_key:
        page.select_figure(data.figure_by_key[key].id)  # refuses a figure of another report
    elif isinstance(page, ThemePage | ReportPage) and kind == "passage" and key in data.passage_by_key:
        passage = data.passage_by_key[key]
        if passage.report_id == data.report.id:
            page.text.scrollToAnchor(f"p{passage.id}")
    elif kind == "indicator" and hasattr(page, "show_indicator"):
        page.show_indicator(key)


def select_in_list(page: ListPage, record_id: int, keep_filters: bool = True) -> bool:
    """Select a row of *page*; when the filters hide it (or *keep_filters* is False) they are cleared."""
    if keep_filters and page.select_id(record_id):
        return True
    page.filter.clear()
    page.theme_box.setCurrentIndex(0)
    page.category_box.setCurrentIndex(0)
    page.apply_filters()
    return page.select_id(record_id)
