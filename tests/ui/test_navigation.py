"""Moving around as in an office program: back/forward, find in page, the wheel over charts, nav width."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.overview import OverviewPage
from zzdesk.ui.pages.report_page import ReportPage


def test_back_and_forward_with_keys_and_mouse_buttons(window: MainWindow, qtbot: QtBot) -> None:
    for key in ("theme:稳中求进", "report", "figures"):
        window.show_page(key)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_key() == "report"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_key() == "theme:稳中求进"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_key() == "report"
    page = window.stack.currentWidget()
    for button, expected in ((Qt.MouseButton.BackButton, "theme:稳中求进"),
                             (Qt.MouseButton.ForwardButton, "report")):
        press = QMouseEvent(QMouseEvent.Type.MouseButtonPress, QPointF(20, 20), QPointF(20, 20), button, button,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(page, press)
        assert window.current_key() == expected
    window.show_page("overview")  # a new page after going back drops what was ahead
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_key() == "overview"


def test_ctrl_f_finds_in_the_report_text_and_ctrl_k_stays_global(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("report")
    assert isinstance(page, ReportPage)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.find_bar.isVisible() and page.find_bar.field.hasFocus()
    page.find_bar.field.setText("科技城")  # Chinese by setText: key clicks cannot type it
    assert page.find_bar.count.text().startswith("第 1 / ") and len(page.find_bar.matches) >= 3
    first = page.text.textCursor().position()
    qtbot.keyClick(page.find_bar.field, Qt.Key.Key_Return)
    assert page.text.textCursor().position() > first and page.text.textCursor().selectedText() == "科技城"
    qtbot.keyClick(page.find_bar.field, Qt.Key.Key_Escape)
    assert not page.find_bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    window.show_page("overview")  # no text to find in: Ctrl+F is the global search
    window.search.clearFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()


def test_wheel_over_a_chart_scrolls_the_page(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1366, 600)  # short enough that the overview scrolls
    page = window.show_page("overview")
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: bool(page.charts))
    chart = page.charts[0]
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    scroll.verticalScrollBar().setValue(0)
    target = chart.plot.viewport()
    center = QPointF(target.rect().center())
    wheel = QWheelEvent(center, QPointF(target.mapToGlobal(center.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(target, wheel)
    assert scroll.verticalScrollBar().value() > 0


def test_long_theme_names_are_not_cut_in_the_navigation(window: MainWindow) -> None:
    nav = window.nav
    widest = max(nav.fontMetrics().horizontalAdvance(nav.item(i).text()) for i in range(nav.count()))
    assert nav.width() >= min(widest, 320)
    nav.addItem("    关于加快建设国家区域科技创新中心和先进制造业高地的实施意见")
    from zzdesk.ui.fit import NAV_MAX, fit_list_width

    fit_list_width(nav)
    assert nav.width() == NAV_MAX and nav.item(nav.count() - 1).toolTip().startswith("关于加快")


def test_a_search_that_finds_nothing_leaves_nothing_selected(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("report")
    assert isinstance(page, ReportPage)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    for typed in ("5", "55", "556", "5565.9"):  # as typed, one key at a time: 5565.9 is in no report
        page.find_bar.field.setText(typed)
    assert page.find_bar.count.text() == "没有找到"
    assert not page.text.textCursor().hasSelection()  # the “5” found on the way is not shown as a match


def test_each_match_is_shown_mid_view_not_on_the_edge(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("report")
    assert isinstance(page, ReportPage)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page.find_bar.field.setText("郑州")  # all through the text
    middle, line = page.text.viewport().height() / 2, page.text.fontMetrics().height()
    moved = 0
    for _ in page.find_bar.matches:
        qtbot.keyClick(page.find_bar.field, Qt.Key.Key_Return)
        bar, y = page.text.verticalScrollBar(), page.text.cursorRect().center().y()
        if bar.value() == 0:
            assert y <= middle + line  # the text cannot scroll further up
        elif bar.value() == bar.maximum():
            assert y >= middle - line  # nor further down
        else:
            assert abs(y - middle) <= line, (y, middle)
            moved += 1
    assert moved
