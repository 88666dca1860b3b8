"""Work off the GUI thread, with a busy cursor and a status message while it runs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication, Qt

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the user, and logged with its traceback
            log.exception("后台任务失败")
            self.signals.failed.emit(str(exc) or exc.__class__.__name__)
        else:
            self.signals.done.emit(result)


_running: set[_Task] = set()
status_sink: Callable[[str], None] | None = None  # the main window's status bar, when there is one


def run_in_background(work: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[str], None], busy: str = "正在处理…") -> None:
    task = _Task(work)
    _running.add(task)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    if status_sink:
        status_sink(busy)

    def finish() -> None:
        _running.discard(task)
        QGuiApplication.restoreOverrideCursor()
        if status_sink:
            status_sink("")

    def done(result: object) -> None:
        finish()
        on_done(result)

    def failed(message: str) -> None:
        finish()
        on_error(message)

    task.signals.done.connect(done)
    task.signals.failed.connect(failed)
    task.setAutoDelete(False)
    QThreadPool.globalInstance().start(task)
