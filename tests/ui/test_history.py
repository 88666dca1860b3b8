"""Back and forward carry the report, the page and the item: after a report switch Back returns to the
earlier report, and Back from a detail to the same row — never to another report's figures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.records import ReportRecord
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.list_page import ListPage
from zzdesk.ui.pages.theme_page import ThemePage

REPORT = Path(__file__).resolve().parents[1] / "data" / "reports" / "zhengzhou-2026-full.txt"


@pytest.fixture
def two(window: MainWindow, import_now: Callable[..., int | None]) -> tuple[MainWindow, ReportRecord, ReportRecord]:
    """The bundled report, shown, and one imported beside it."""
    bundled = window.data.report
    imported_id = import_now(window, read_report_bytes(REPORT.read_bytes(), REPORT.name))
    assert imported_id is not None
    pick(window, bundled)
    return window, bundled, window.data.report_by_id[imported_id]


def pick(window: MainWindow, report: ReportRecord) -> None:
    """Choose *report* in the toolbar's report chooser, as a person would."""
    window.report_box.setCurrentIndex(window.report_box.findData(report.id))
    assert window.data.report == report


def back(window: MainWindow, qtbot: QtBot) -> None:
    press(window, qtbot, Qt.Key.Key_Left)


def forward(window: MainWindow, qtbot: QtBot) -> None:
    press(window, qtbot, Qt.Key.Key_Right)


def press(window: MainWindow, qtbot: QtBot, key: Qt.Key) -> None:
    """Alt+key in the window, which has the keyboard again (an import's dialogs had taken it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)


def click_row(page: ListPage, row: int, qtbot: QtBot, double: bool = False) -> None:
    index = page.proxy.index(row, 0)
    page.table.scrollTo(index)
    center = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    if double:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=center)


def figures_page(window: MainWindow) -> ListPage:
    page = window.stack.currentWidget()
    assert window.current_key() == "figures" and isinstance(page, ListPage)
    return page


def test_back_after_a_report_switch_returns_to_the_earlier_report_page_and_row(two: tuple[MainWindow, ReportRecord,
                                                                               ReportRecord], qtbot: QtBot) -> None:
    window, bundled, imported = two
    window.show_page("figures")
    click_row(figures_page(window), 7, qtbot)
    chosen = figures_page(window).current_record()
    assert chosen is not None and chosen.report_id == bundled.id  # type: ignore[union-attr]
    before = figures_page(window)
    pick(window, imported)
    assert figures_page(window).current_record() is None  # the pages were made anew for the other report
    back(window, qtbot)
    assert window.data.report == bundled and bundled.title in window.windowTitle()
    page = figures_page(window)
    assert page is not before  # made anew again: the row below was found by its key, not kept by the widget
    assert page.current_record() == chosen
    assert all(page.model.record(r).report_id == bundled.id for r in range(page.model.rowCount()))
    forward(window, qtbot)
    assert window.data.report == imported and window.current_key() == "figures"


def test_back_from_a_detail_selects_the_same_row(two: tuple[MainWindow, ReportRecord, ReportRecord],
                                                 qtbot: QtBot) -> None:
    window, bundled, imported = two
    window.show_page("figures")
    click_row(figures_page(window), 4, qtbot, double=True)  # double-click: to the sentence in its theme
    assert window.current_key().startswith("theme:")
    theme_page = window.stack.currentWidget()
    assert isinstance(theme_page, ThemePage)
    chosen_id = theme_page.shown_figure
    assert chosen_id is not None
    chosen = window.data.figure_by_id[chosen_id]
    other = next(f for f in window.data.figures_of(theme_page.theme) if f.id != chosen_id)
    theme_page.select_figure(other.id)  # looking at another card there is not a step of its own
    pick(window, imported)
    back(window, qtbot)  # the theme page of the earlier report, with the card last looked at
    assert window.data.report == bundled and window.current_key() == f"theme:{theme_page.theme}"
    again = window.stack.currentWidget()
    assert isinstance(again, ThemePage) and again.shown_figure == other.id
    back(window, qtbot)
    record = figures_page(window).current_record()
    assert record is not None and record.key == chosen.key
    selected = figures_page(window).table.selectionModel().selectedRows()[0]
    assert figures_page(window).table.visualRect(selected).intersects(figures_page(window).table.viewport().rect())


def test_two_jumps_within_one_list_are_two_steps(window: MainWindow, qtbot: QtBot) -> None:
    first, second = [e for e in window.data.report_entities if e.type == "project"][:2]
    window.open_entity(first.id)
    window.open_entity(second.id)  # e.g. a search hit landing on the same list
    page = window.stack.currentWidget()
    assert isinstance(page, ListPage) and page.current_record().id == second.id  # type: ignore[union-attr]
    back(window, qtbot)
    assert page.current_record().id == first.id  # type: ignore[union-attr]
    forward(window, qtbot)
    assert page.current_record().id == second.id  # type: ignore[union-attr]


def test_a_removed_report_is_skipped_with_a_note(two: tuple[MainWindow, ReportRecord, ReportRecord], qtbot: QtBot,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window, bundled, imported = two
    window.show_page("figures")
    pick(window, imported)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    window.report_actions.remove_current()
    assert imported not in window.data.reports and window.data.report == bundled
    back(window, qtbot)  # the removed report's place is passed over; the one before it is shown
    assert window.data.report == bundled and window.current_key() == "figures"
    assert f"《{imported.title}》已删除" in window.statusBar().currentMessage()
