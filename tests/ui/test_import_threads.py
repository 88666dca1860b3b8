"""An import as the window runs it: the parse and the commit run off the GUI thread, the window keeps
answering, and closing the window mid-import stops the parse or finishes the commit — the report is
then stored whole or not at all."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from zzdesk.core import importing
from zzdesk.core.parsing.report import ParsedReport, parse_report
from zzdesk.ui import import_dialog, tasks
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.quitting import FinishingDialog

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
FULL = (REPORTS / "zhengzhou-2026-full.txt").read_text(encoding="utf-8")


@pytest.fixture
def held_commit(monkeypatch: pytest.MonkeyPatch, gate: threading.Event) -> list[threading.Thread]:
    """The import's store step waits for the gate; the list gets the thread it ran on."""
    threads: list[threading.Thread] = []
    store = importing.store_import

    def slow(*args: Any) -> Any:
        threads.append(threading.current_thread())
        assert gate.wait(20), "the test never let the commit go on"
        return store(*args)

    monkeypatch.setattr(importing, "store_import", slow)
    return threads


def stored(user_db: Path, title_like: str) -> tuple[int, int, int]:
    """(reports, figures, passages) of the imported report, read on a connection of the test's own."""
    conn = sqlite3.connect(user_db)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM reports WHERE title LIKE ?", (f"%{title_like}%",))]
        if not ids:
            return (0, 0, 0)
        figures = conn.execute("SELECT count(*) FROM figures WHERE report_id = ?", ids).fetchone()[0]
        passages = conn.execute("SELECT count(*) FROM passages WHERE report_id = ?", ids).fetchone()[0]
        return (len(ids), figures, passages)
    finally:
        conn.close()


def ticker() -> tuple[QTimer, list[int]]:
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    return timer, ticks


def test_the_commit_runs_off_the_gui_thread_while_the_window_answers(
        window: MainWindow, qtbot: QtBot, gate: threading.Event, held_commit: list[threading.Thread],
        user_home: Path) -> None:
    told: list[int | None] = []
    window.report_actions.import_text(FULL, review=False, then=told.append)
    qtbot.waitUntil(lambda: bool(held_commit), timeout=30_000)  # the commit has started, and is held
    timer, ticks = ticker()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=10_000)  # the GUI thread serves events meanwhile
    assert tasks.writing() and not told
    assert held_commit[0] is not threading.main_thread()
    window.show_page("figures")  # and the window can be used
    gate.set()
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    timer.stop()
    assert told[0] is not None and window.data.report.id == told[0]
    expected = parse_report(FULL, window.data.entities)
    assert stored(user_home / "user.sqlite", expected.title) == (1, len(expected.figures), len(expected.passages))


def test_closing_during_the_commit_waits_and_stores_the_whole_report(
        window: MainWindow, qtbot: QtBot, gate: threading.Event, held_commit: list[threading.Thread],
        user_home: Path) -> None:
    expected = parse_report(FULL, window.data.entities)
    window.report_actions.import_text(FULL, review=False)
    qtbot.waitUntil(lambda: bool(held_commit), timeout=30_000)
    window.close()
    assert window.isVisible()  # not while the report is being written
    dialog = window.findChild(FinishingDialog)
    assert dialog is not None and dialog.isVisible() and "正在导入" in dialog.labelText()
    assert stored(user_home / "user.sqlite", expected.title) == (0, 0, 0)
    gate.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert stored(user_home / "user.sqlite", expected.title) == (1, len(expected.figures), len(expected.passages))


def test_closing_during_the_parse_stops_it_and_stores_nothing(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, user_home: Path) -> None:
    started, stopped = threading.Event(), threading.Event()
    parse = import_dialog.parse_report

    def slow_parse(text: str, entities: object, themes: object, should_stop: Callable[[], bool]) -> ParsedReport:
        started.set()
        assert not should_stop()
        while not should_stop():  # a long parse, until it is stopped
            started.wait(0.01)
        stopped.set()
        return parse(text, entities, themes, should_stop)  # type: ignore[arg-type]

    monkeypatch.setattr(import_dialog, "parse_report", slow_parse)
    told: list[int | None] = []
    window.report_actions.import_text(FULL, review=False, then=told.append)
    assert started.wait(20)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert stopped.is_set() and told == [None]
    assert stored(user_home / "user.sqlite", "") == (0, 0, 0)  # no report at all
