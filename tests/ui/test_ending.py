"""Asked to end (SIGTERM at logout, Ctrl+C in a terminal, the session's end): the real program saves the
briefing edit still waiting for its autosave and the window's size, and exits 0; work that will not
finish is left after the grace period, never waited for forever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMetaMethod, QSettings
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from zzdesk import paths
from zzdesk.core.briefing_store import list_briefings
from zzdesk.core.userdb import open_user_db
from zzdesk.ui import ending as ending_module
from zzdesk.ui.ending import Ending
from zzdesk.ui.main_window import MainWindow

# The real `zzdesk` start (cli.main), driven from inside its event loop as a person would: resize the
# window, type a briefing title, and say "ready".  The autosave waits an hour here, so the edit can only
# reach the database through the close path.  With "stuck", an import-like job that never ends runs too.
DRIVER = r"""
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from zzdesk.cli.main import main
from zzdesk.ui import ending, tasks
from zzdesk.ui.app import create_application
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages import composer_page

composer_page.AUTOSAVE_MS = 3_600_000
ending.GRACE_S = 1.0
stuck = "stuck" in sys.argv

def act():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not windows:
        QTimer.singleShot(50, act)
        return
    window = windows[0]
    window.composer().title_edit.setText("关机前的改动")  # made without being shown
    window.show_page("report")
    window.resize(654, 432)
    QApplication.processEvents()  # the size it takes (it stops at the window's least width)
    if stuck:
        tasks.run_in_background(threading.Event().wait, lambda _r: None, lambda _m: None, busy="正在导入…",
                                writes=True)
    print("ready", window.width(), window.height(), flush=True)

create_application()
QTimer.singleShot(0, act)
sys.exit(main([]))
"""


def run_and_signal(home: Path, number: int, *args: str) -> tuple[subprocess.CompletedProcess[str], tuple[int, int]]:
    """Start the program, signal it once it is ready: how it ended, and the window's size it had then."""
    env = {**os.environ, "ZZDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "-c", DRIVER, *args], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    word, *size = process.stdout.readline().split()
    assert word == "ready", process.stderr.read() if process.stderr else ""
    process.send_signal(number)
    try:
        out, err = process.communicate(timeout=60)  # a guard against hanging, not a speed limit
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    width, height = map(int, size)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err), (width, height)


def saved_titles(home: Path) -> list[str]:
    conn = open_user_db(home / paths.USER_DB_NAME)
    try:
        return [b.title for b in list_briefings(conn)]
    finally:
        conn.close()


def saved_size(home: Path, qapp: QApplication) -> tuple[int, int]:
    settings = QSettings(str(home / "window.ini"), QSettings.Format.IniFormat)
    probe = QMainWindow()
    assert probe.restoreGeometry(settings.value("window/geometry"))
    return probe.width(), probe.height()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_saves_the_pending_edit_and_the_window_then_exits_0(tmp_path: Path, number: int,
                                                                     qapp: QApplication) -> None:
    result, size = run_and_signal(tmp_path, number)
    assert size[1] == 432  # as resized (the width stops at the window's least)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
    assert "关机前的改动" in saved_titles(tmp_path)
    assert saved_size(tmp_path, qapp)[1] == size[1]  # the width is the screen's here (800 px offscreen)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    assert settings.value("window/page") == "report"


def test_work_that_never_finishes_is_left_after_the_grace_period(tmp_path: Path, qapp: QApplication) -> None:
    result, _size = run_and_signal(tmp_path, signal.SIGTERM, "stuck")
    assert result.returncode == ending_module.ABANDONED, result.stderr
    assert "关机前的改动" in saved_titles(tmp_path)  # saved before the wait began
    log = (tmp_path / "zzdesk.log").read_text(encoding="utf-8")
    assert "未能完成就退出：正在导入…" in log


def test_the_sessions_end_saves_without_closing(window: MainWindow, qtbot: QtBot, user_home: Path) -> None:
    """Windows asks (WM_QUERYENDSESSION → commitDataRequest) and then quits without closing the window."""
    ending = Ending(window)
    try:
        page = window.show_page("composer")
        page.title_edit.setText("注销前的改动")  # type: ignore[attr-defined]
        window.resize(612, 456)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        for signal_of_app in (app.commitDataRequest, app.aboutToQuit):  # a QSessionManager cannot be made here
            assert app.isSignalConnected(QMetaMethod.fromSignal(signal_of_app))
        ending.session_ending()
        assert "注销前的改动" in [b.title for b in list_briefings(window.data.store.user_db)]
        assert saved_size(user_home, app)[1] == window.height() == 456
        page.title_edit.setText("退出时的改动")  # type: ignore[attr-defined]
        app.aboutToQuit.emit()  # the window is still open: what it holds is saved
        assert "退出时的改动" in [b.title for b in list_briefings(window.data.store.user_db)]
    finally:
        ending.uninstall()
