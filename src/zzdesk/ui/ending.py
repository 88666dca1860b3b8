"""Being asked to end: SIGTERM (logout, shutdown), SIGINT (Ctrl+C in a terminal) and the session's end.

A Python signal handler runs only when Python code runs, and Qt's event loop runs none while it
waits; so the signal also writes its number to a pipe (`signal.set_wakeup_fd`) that a
QSocketNotifier watches (on Windows, which wants a socket there and nothing here opens one, a
quarter-second timer lets the handler run), and the window is closed from the event loop, through its normal close:
pending briefing edits and the window's size and state are saved first of all, in case the system
does not wait.  Background work follows quitting.py (a parse stops; an export or an import is
finished first), but for at most GRACE_S seconds: systemd and desktop sessions kill what is left
after 90 s, and every writer is all-or-nothing (atomic files, SQLite transactions), so work cut
off there is simply not done, never half-done.  A second signal ends at once, after saving.
On Windows the session's end arrives as commitDataRequest (WM_QUERYENDSESSION) and, after it, the
application quits without closing its windows: both save the same things.
"""

from __future__ import annotations

import logging
import os
import signal

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from zzdesk.ui import tasks
from zzdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

GRACE_S = 20.0  # how long background work may still finish once the system asked us to end
ABANDONED = 1  # exit status when work had to be left unfinished
SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


class Ending(QObject):
    """Ends *window* politely when the system asks; `uninstall()` gives the signals back."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.requested = False
        self.abandoned = False
        self._pending: list[int] = []
        self._previous = {number: signal.signal(number, self._noted) for number in SIGNALS}
        self._pipe: tuple[int, int] | None = None
        self._previous_fd = -1
        self._waker: QObject
        if os.name == "posix":
            self._pipe = os.pipe()
            for end in self._pipe:
                os.set_blocking(end, False)
            self._previous_fd = signal.set_wakeup_fd(self._pipe[1], warn_on_full_buffer=False)
            notifier = QSocketNotifier(self._pipe[0], QSocketNotifier.Type.Read, self)
            notifier.activated.connect(self._woken)
            self._waker = notifier
        else:
            ticker = QTimer(self, interval=250)
            ticker.timeout.connect(self._woken)
            ticker.start()
            self._waker = ticker
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.commitDataRequest.connect(self.session_ending)
        app.aboutToQuit.connect(self.quitting)

    def uninstall(self) -> None:
        if isinstance(self._waker, QSocketNotifier):
            self._waker.setEnabled(False)  # before its pipe is closed
        elif isinstance(self._waker, QTimer):
            self._waker.stop()
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        if self._pipe is not None:
            signal.set_wakeup_fd(self._previous_fd)
            for end in self._pipe:
                os.close(end)
            self._pipe = None

    def _noted(self, number: int, _frame: object) -> None:
        """The Python side of a signal: only noted; the event loop acts on it (`_woken`)."""
        self._pending.append(number)

    def _woken(self) -> None:
        received = list(self._pending)
        self._pending.clear()
        while self._pipe is not None:
            try:
                chunk = os.read(self._pipe[0], 64)
            except (BlockingIOError, InterruptedError):
                break
            if not chunk:
                break
            received += chunk
        for number in dict.fromkeys(received):
            if number in SIGNALS:
                self.request_end(signal.Signals(number).name)

    def request_end(self, why: str) -> None:
        """Save now, then close as the user's 退出 would; a second request ends at once."""
        if self.requested:
            log.warning("再次收到 %s：不再等待后台任务", why)
            self._abandon()
            return
        self.requested = True
        log.info("收到 %s：保存后退出", why)
        self.window.save_now()  # before anything may wait: the system may not wait for us
        self.window.close()
        if self.window.isVisible():  # work is being finished first (quitting.py)
            QTimer.singleShot(int(GRACE_S * 1000), self, self._abandon)

    def _abandon(self) -> None:
        if not self.window.isVisible():
            return
        unfinished = "；".join(tasks.running())
        if unfinished:
            log.warning("未能完成就退出：%s", unfinished)
        self.abandoned = True
        self.window.save_now()
        QApplication.exit(ABANDONED)

    def session_ending(self, _manager: object = None) -> None:
        """The session asks whether it may end (WM_QUERYENDSESSION, XSMP SaveYourself): save all now."""
        self.window.save_now()

    def quitting(self) -> None:
        if self.window.isVisible():  # the application quits without the window's close (a session's end)
            self.window.save_now()

