"""历年趋势 from the 指标 page and a card's menu; copying a figure with its sentence and source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from zzdesk.core.importing import commit_import
from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.parsing.report import parse_report
from zzdesk.ui.data import AppData
from zzdesk.ui.figure_menu import COPY_TEXT, TREND_TEXT
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.theme_page import ThemePage
from zzdesk.ui.pages.trend_page import TrendPage

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


# The offscreen platform cannot raise a popup or grab the keyboard for it; the menu works all the same.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_card_menu_copies_with_source_and_opens_the_trend(window: MainWindow, data: AppData, qtbot: QtBot,
                                                           choose_from_menu: Callable[[str], None]) -> None:
    page = window.show_page("theme:稳中求进")
    assert isinstance(page, ThemePage)
    figure = next(f for f in data.figures if f.indicator == "地区生产总值增速" and f.kind == "actual")
    card = page.cards[figure.id]
    qtbot.waitExposed(card)
    choose_from_menu(COPY_TEXT)
    card.customContextMenuRequested.emit(QPoint(5, 5))
    copied = QGuiApplication.clipboard().text()
    assert "增长5.7%" in copied and figure.quote in copied and "《政府工作报告里的“郑实践”》（2025年）" in copied
    choose_from_menu(TREND_TEXT)
    card.customContextMenuRequested.emit(QPoint(5, 5))
    trend = window.stack.currentWidget()
    assert isinstance(trend, TrendPage) and trend.picker.currentData() == "地区生产总值增速"


def test_trend_page_lists_every_report_and_goes_to_a_briefing(window: MainWindow, data: AppData,
                                                                  qtbot: QtBot) -> None:
    for name in ("zhengzhou-2026-full.txt", "zhengzhou-2027-brief.txt"):
        text = read_report_bytes((REPORTS / name).read_bytes(), name)
        commit_import(data.store.user_db, parse_report(text, data.store.entities()), data.store.reference)
    data.reload()
    window.pages.pop("trend", None)
    window.open_trend("地区生产总值增速")
    page = window.stack.currentWidget()
    assert isinstance(page, TrendPage)
    years = {page.cell_text(r, 0) for r in range(page.table.rowCount())}
    reports = {page.cell_text(r, 5) for r in range(page.table.rowCount())}
    assert years == {"2024年", "2025年", "2026年", "2027年"} and len(reports) == 3
    assert all(page.cell_text(r, 6) for r in range(page.table.rowCount()))  # every row has its sentence
    page.add_button.click()
    composer = window.composer()
    items = [composer.items.item(i).text() for i in range(composer.items.count())]  # type: ignore[attr-defined]
    assert "历年趋势：地区生产总值增速（表格与图表）" in items
