"""历年趋势 from the 指标 page and a card's menu; copying a figure with its sentence and source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget
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


def gdp_trend_with(window: MainWindow, data: AppData, *names: str) -> TrendPage:
    """The 地区生产总值增速 trend once the reports *names* (test fixtures) are imported too."""
    for name in names:
        text = read_report_bytes((REPORTS / name).read_bytes(), name)
        commit_import(data.store.user_db, parse_report(text, data.store.entities()), data.store.reference)
    data.reload()
    window.pages.pop("trend", None)
    window.open_trend("地区生产总值增速")
    page = window.stack.currentWidget()
    assert isinstance(page, TrendPage)
    return page


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
    page = gdp_trend_with(window, data, "zhengzhou-2026-full.txt", "zhengzhou-2027-brief.txt")
    years = {page.cell_text(r, 0) for r in range(page.table.rowCount())}
    reports = {page.cell_text(r, 5) for r in range(page.table.rowCount())}
    assert years == {"2024年", "2025年", "2026年", "2027年"} and len(reports) == 3
    assert all(page.cell_text(r, 6) for r in range(page.table.rowCount()))  # every row has its sentence
    page.add_button.click()
    composer = window.composer()
    items = [composer.items.item(i).text() for i in range(composer.items.count())]  # type: ignore[attr-defined]
    assert "历年趋势：地区生产总值增速（表格与图表）" in items


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_right_click_on_a_cards_target_line_copies_the_target(window: MainWindow, qtbot: QtBot,
                                                                choose_from_menu: Callable[[str], None],
                                                                right_click: Callable[[QWidget, QPoint], None]) -> None:
    page = window.show_page("overview")
    card = next(c for c in page.cards if c.findChildren(QLabel)[0].text() == "地区生产总值")  # type: ignore[attr-defined]
    qtbot.waitExposed(card)
    lines = {label.text(): label for label in card.findChildren(QLabel)}
    for line, expected in (("2025年目标：增长6%左右", "增长6%左右（2025年目标）"),
                           ("2024年实绩：增长5.7%", "增长5.7%（2024年实绩）")):
        QGuiApplication.clipboard().clear()
        choose_from_menu(COPY_TEXT)
        right_click(lines[line], lines[line].rect().center())  # the label under the pointer, as a person clicks
        assert QGuiApplication.clipboard().text().startswith(f"地区生产总值增速：{expected}\n")


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_right_click_on_a_trend_row_copies_that_rows_figure(window: MainWindow, qtbot: QtBot,
                                                            choose_from_menu: Callable[[str], None],
                                                            right_click: Callable[[QWidget, QPoint], None]) -> None:
    window.open_trend("地区生产总值增速")
    page = window.stack.currentWidget()
    assert isinstance(page, TrendPage)
    qtbot.waitExposed(page.table)
    row = page.table.rowCount() - 1
    said, quote = page.cell_text(row, 2), page.table.item(row, 6).toolTip()  # type: ignore[union-attr]
    choose_from_menu(COPY_TEXT)
    right_click(page.table.viewport(), page.table.visualItemRect(page.table.item(row, 0)).center())
    copied = QGuiApplication.clipboard().text()
    assert said in copied.split("\n")[0] and quote and f"原句：“{quote}”" in copied


def test_a_target_range_keeps_both_ends_in_the_trend_table(window: MainWindow, data: AppData) -> None:
    page = gdp_trend_with(window, data, "zhengzhou-2026-full.txt")
    row = next(r for r in range(page.table.rowCount()) if page.cell_text(r, 2) == "增长5%—5.5%")
    assert page.cell_text(row, 3) == "5—5.5"  # not 5: the report set a range


def test_a_target_range_is_drawn_as_a_range_in_the_trend_chart(window: MainWindow, data: AppData) -> None:
    page = gdp_trend_with(window, data, "zhengzhou-2026-full.txt")
    [bars] = page.ranges  # only the targets have a range
    x, y = bars.opts["x"], bars.opts["y"]
    [at] = [i for i, year in enumerate(x) if year == 2026]
    assert (y[at] - bars.opts["bottom"][at], y[at] + bars.opts["top"][at]) == pytest.approx((5, 5.5))
    items = page.plot.getPlotItem().items
    spots = {(s.pos().x(), s.pos().y()): s.data() for item in items if isinstance(item, pg.ScatterPlotItem)
             for s in item.points()}
    tip = spots[(2026, 5.25)]  # the target's mark stands at the middle of its bar
    quote = next(p.figure.quote for p in page.trend.points if p.said == "增长5%—5.5%")  # type: ignore[union-attr]
    assert tip.startswith("2026年目标：增长5%—5.5%\n区间5—5.5%") and quote in tip and "（2026年" in tip
    assert "“左右”：约为6%" in spots[(2025, 6)]
    assert "区间" in page.note.text()  # the note under the chart says what the bar means
