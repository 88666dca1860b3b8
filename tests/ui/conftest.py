from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from zzdesk import paths
from zzdesk.core.store import DataStore
from zzdesk.ui import tasks
from zzdesk.ui.app import create_application
from zzdesk.ui.data import AppData
from zzdesk.ui.main_window import MainWindow


@pytest.fixture
def data(user_home: Path, qapp: object) -> Iterator[AppData]:
    create_application()
    store = DataStore(paths.reference_db_path(), user_home / "user.sqlite")
    yield AppData(store)
    store.close()


@pytest.fixture
def import_now(qtbot: QtBot) -> Callable[..., int | None]:
    """Import through the window's menu code and wait until it is over: the new report's id, or None."""

    def run(window: MainWindow, source: str | Path, review: bool = False) -> int | None:
        told: list[int | None] = []
        window.report_actions.import_text(source, review=review, then=told.append)
        qtbot.waitUntil(lambda: bool(told), timeout=60_000)
        return told[0]

    return run


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Holds a background job until the test opens it; always opened at the end, so no thread is left waiting."""
    event = threading.Event()
    yield event
    event.set()
    tasks.wait_all(20_000)


@pytest.fixture
def window(data: AppData, qtbot: QtBot, user_home: Path) -> MainWindow:
    win = MainWindow(data, user_home / "window.ini")
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def _choose_from_menu(text: str) -> None:
    """Pick *text* in the context menu that is about to open (as a person would, with the mouse)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu opened"
        action = next(a for a in menu.actions() if a.text() == text)
        action.trigger()
        menu.close()

    QTimer.singleShot(50, pick)


@pytest.fixture
def choose_from_menu() -> Callable[[str], None]:
    return _choose_from_menu


def _right_click(widget: QWidget, pos: QPoint) -> None:
    """A right-click as the window system delivers it: a context-menu event to the widget under the pointer
    (for a table, its viewport), which Qt passes on as it would for a person's click."""
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos)))


@pytest.fixture
def right_click() -> Callable[[QWidget, QPoint], None]:
    return _right_click
