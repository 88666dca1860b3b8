"""What a new user meets on a 1366×768 screen: find matches that read apart from the clickable figures,
a 指标 list that fits without a sideways scrollbar, and a chart bar that copies its figure with its source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QStyleOptionToolButton, QWidget
from pytestqt.qtbot import QtBot

from zzdesk.core.indicators import describe
from zzdesk.ui.chart_view import ChartView
from zzdesk.ui.data import AppData
from zzdesk.ui.figure_menu import COPY_TEXT
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.list_page import ListPage
from zzdesk.ui.pages.overview import OverviewPage
from zzdesk.ui.pages.report_page import ReportPage

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
SMALL = (1366, 728)  # a 1366×768 screen, less the title bar


def with_2026(window: MainWindow, import_now: Callable[..., int | None], year: int) -> None:
    """The 2026 report imported beside the bundled 2025 one, then the report of *year* chosen."""
    assert import_now(window, REPORTS / "zhengzhou-2026-full.txt") is not None
    box = window.report_box
    box.setCurrentIndex(next(i for i in range(box.count()) if f" {year}年" in box.itemText(i)))
    assert window.data.report.year == year


def link_colours(page: ReportPage) -> set[str]:
    """The backgrounds of the figures' links in the text (yellow, and the one looked at in orange)."""
    colours, block = set(), page.text.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt: QTextCharFormat = it.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref().startswith("figure:"):
                colours.add(fmt.background().color().name())
            it += 1
        block = block.next()
    return colours


def test_find_matches_are_not_the_yellow_of_the_figures(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("report")
    assert isinstance(page, ReportPage)
    figure = window.data.report_figures[0]
    page.show_passage(figure.passage_id, figure.id)  # one figure looked at: its orange is no match's colour
    page.find_bar.open()
    page.find_bar.field.setText("科技城")
    page.find_bar.next()
    selections = page.text.extraSelections()
    assert len(selections) == len(page.find_bar.matches) >= 3
    found = [s.format.background().color().name() for s in selections]  # type: ignore[attr-defined]
    current = found[page.find_bar.current]
    others = {c for i, c in enumerate(found) if i != page.find_bar.current}
    links = link_colours(page)
    assert len(links) == 2, links  # the figures' yellow and the looked-at figure's orange are both there
    assert len(others) == 1 and not others & links and current not in links
    assert current not in others
    darker = QColor(current).lightness() < QColor(next(iter(others))).lightness()
    assert darker, "the match Enter went to stands out from the others"


def assert_fits(page: ListPage) -> None:
    table, header = page.table, page.table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    assert header.length() <= table.viewport().width()
    for column in range(header.count()):
        if not table.isColumnHidden(column):
            title = page.model.columns[column].title
            assert header.sectionSize(column) >= header.sectionSizeHint(column), f"{title} is cut"


@pytest.mark.parametrize("key", ["figures", "projects"])
def test_the_lists_fit_a_small_screen_without_a_sideways_scrollbar(
        window: MainWindow, qtbot: QtBot, import_now: Callable[..., int | None], key: str) -> None:
    with_2026(window, import_now, 2025)
    window.resize(*SMALL)
    page = window.show_page(key)
    assert isinstance(page, ListPage)
    qtbot.waitExposed(page)
    QApplication.processEvents()
    assert_fits(page)
    quote = next(i for i, c in enumerate(page.model.columns) if c.title == "原文")
    show_quote = next(a for a in page.columns_button.menu().actions() if a.text() == "原文")
    show_quote.setChecked(True)  # the long sentences too: cut short with "…", whole in the tooltip
    QApplication.processEvents()
    assert not page.table.isColumnHidden(quote)
    assert_fits(page)
    index = page.proxy.index(0, quote)
    assert page.proxy.data(index) and page.proxy.data(index, 3) == page.proxy.data(index)  # 3: ToolTipRole


def test_the_columns_button_shows_its_text_beside_its_arrow(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(*SMALL)
    page = window.show_page("figures")
    assert isinstance(page, ListPage)
    qtbot.waitExposed(page)
    button = page.columns_button
    option = QStyleOptionToolButton()
    button.initStyleOption(option)
    arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    # the text is centred and the menu's arrow sits at the right edge: room for an arrow on each side
    assert button.fontMetrics().horizontalAdvance(button.text()) + 2 * arrow <= button.width()


def menu_entries_then(choose: str | None, seen: list[str]) -> None:
    """Note the entries of the menu about to open, then pick *choose* (or just close it)."""
    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu opened"
        seen.extend(a.text() for a in menu.actions())
        action = next((a for a in menu.actions() if a.text() == choose), None)
        if action is not None:
            action.trigger()
        menu.close()

    QTimer.singleShot(50, pick)


def bar_point(chart: ChartView, row: int) -> QPoint:
    """Where bar *row* of *chart* is on its plot's viewport (halfway along the bar)."""
    centre, _half, figure_id = chart.bar_rows[row]
    box = chart.plot.getPlotItem().getViewBox()
    figure_value = next(b.value for s in chart.spec.series for b in s.bars if b and b.figure_id == figure_id)
    scene = box.mapViewToScene(QPointF(figure_value / 2, centre))
    return chart.plot.mapFromScene(scene)


# The offscreen platform cannot raise a popup or grab the keyboard for it; the menu works all the same.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_a_right_click_on_a_bar_copies_its_figure_with_its_source(
        window: MainWindow, data: AppData, qtbot: QtBot, import_now: Callable[..., int | None],
        right_click: Callable[[QWidget, QPoint], None]) -> None:
    with_2026(window, import_now, 2026)  # the imported report: its own title and year in the copy
    window.resize(*SMALL)
    page = window.show_page("overview")
    assert isinstance(page, OverviewPage)
    chart = page.charts[0]
    qtbot.waitExposed(chart)
    QApplication.processEvents()
    QGuiApplication.clipboard().setText("")
    for row in range(len(chart.bar_rows)):
        figure = data.figure_by_id[chart.bar_rows[row][2]]
        seen: list[str] = []
        menu_entries_then(COPY_TEXT, seen)
        right_click(chart.plot.viewport(), bar_point(chart, row))
        assert COPY_TEXT in seen and "复制图片" in seen
        copied = QGuiApplication.clipboard().text()
        assert describe(figure) in copied and f"原句：“{figure.quote}”" in copied
        assert "出处：《郑州市2026年政府工作报告》（2026年）" in copied, copied
    seen = []
    menu_entries_then(None, seen)
    right_click(chart, QPoint(5, 5))  # the chart's title: the picture, no figure
    assert "复制图片" in seen and COPY_TEXT not in seen
