"""Work off the GUI thread, with a busy cursor and a status message while it runs.

A job is a plain function that touches no widget: the caller reads everything it
needs from the window first (on the GUI thread) and hands the job only those
values, so nothing a user changes while it runs can reach a half-written file.
A job that writes the user's data opens its own database connection.
The window asks `running()` before it closes, stops what may be stopped (`cancel_all`:
a parse, which has written nothing) and waits for `idle` for the rest (see quitting.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication, Qt

from zzdesk.core.errors import UserError

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], busy: str, cancel: Callable[[], None] | None,
                 writes: bool) -> None:
        super().__init__()
        self.work = work
        self.busy = busy
        self.cancel = cancel
        self.writes = writes
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except UserError as exc:  # a failure the user can cause: its one line, no traceback
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: reported to the user, and logged with its traceback
            log.exception("后台任务失败")
            self.signals.failed.emit(str(exc) or exc.__class__.__name__)
        else:
            self.signals.done.emit(result)


class _Notifier(QObject):
    idle = Signal()  # the last running job has finished and its result was handled


notifier: _Notifier | None = None
_running: set[_Task] = set()
status_sink: Callable[[str], None] | None = None  # the main window's status bar, when there is one


def _notifier() -> _Notifier:
    global notifier
    if notifier is None:
        notifier = _Notifier()
    return notifier


def running() -> list[str]:
    """What is still being done, in the words shown while it runs."""
    return [task.busy for task in _running]


def writing() -> list[str]:
    """Jobs that write the user's data: another write (an import, a restore) waits for them."""
    return [task.busy for task in _running if task.writes]


def cancel_all() -> None:
    """Ask every job that can stop early (it has written nothing) to stop; the others run to their end."""
    for task in list(_running):
        if task.cancel is not None:
            task.cancel()


def when_idle(callback: Callable[[], None]) -> None:
    """Call *callback* once nothing runs any more (at once if nothing runs now)."""
    if not _running:
        callback()
        return
    signal = _notifier().idle

    def once() -> None:
        signal.disconnect(once)
        callback()

    signal.connect(once)


def wait_all(timeout_ms: int = -1) -> bool:
    """Block until every job has returned (the last safety net at exit); False on timeout."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def run_in_background(work: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[str], None], busy: str = "正在处理…",
                      cancel: Callable[[], None] | None = None, writes: bool = False) -> None:
    """Run *work* in the thread pool; *on_done* or *on_error* then runs on the GUI thread.

    *cancel* asks the work to stop early (it then returns normally); *writes* marks work that
    writes the user's data."""
    task = _Task(work, busy, cancel, writes)
    _running.add(task)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    if status_sink:
        status_sink(busy)

    def finish(handle: Callable[[], None]) -> None:
        QGuiApplication.restoreOverrideCursor()
        if status_sink:
            status_sink("")
        try:
            handle()
        finally:
            _running.discard(task)
            if not _running:
                _notifier().idle.emit()

    task.signals.done.connect(lambda result: finish(lambda: on_done(result)))
    task.signals.failed.connect(lambda message: finish(lambda: on_error(message)))
    task.setAutoDelete(False)
    QThreadPool.globalInstance().start(task)
