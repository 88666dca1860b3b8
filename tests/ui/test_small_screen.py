"""On a small screen (the offscreen test screen is smaller than 1366×768) every window fits on it,
and the navigation has no empty strip beside it."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from zzdesk.ui.data import AppData
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.composer_page import ComposerPage


def free_area() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def fits(widget: QWidget) -> bool:
    area = free_area()
    return widget.width() <= area.width() and widget.height() <= area.height()


def test_the_window_and_the_print_preview_fit_on_the_screen(data: AppData, qtbot: QtBot, user_home: Path) -> None:
    assert free_area().height() < 900  # the sizes asked for are larger: the test means something
    window = MainWindow(data, user_home / "window.ini")  # a first start: no remembered size
    qtbot.addWidget(window)
    assert fits(window), window.size()
    page = window.show_page("composer")
    assert isinstance(page, ComposerPage)
    dialog = page.preview_dialog()
    qtbot.addWidget(dialog)
    assert fits(dialog), dialog.size()


def test_the_navigation_has_no_empty_strip_beside_it(window: MainWindow) -> None:
    window.resize(1366, 768)
    assert window.splitter.sizes()[0] == window.nav.width()
    assert window.stack.geometry().left() <= window.nav.geometry().right() + window.splitter.handleWidth() + 1


def test_the_briefing_fields_are_never_squeezed_over_each_other(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1366, 728)  # a 1366×768 screen, less the title bar
    page = window.show_page("composer")
    assert isinstance(page, ComposerPage)
    qtbot.waitExposed(page)
    form = page.fonts_label.parentWidget()
    assert form is not None
    lines = [w for w in form.findChildren(QWidget) if w.isVisibleTo(form) and w.parentWidget() is form]
    for label in (page.fonts_label, page.notes_label):
        assert label.height() >= label.heightForWidth(label.width()), "a wrapped line is cut"
    for one, other in combinations(lines, 2):  # each label and field has room of its own
        assert not one.geometry().intersects(other.geometry()), (one, other)
