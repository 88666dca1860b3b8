"""Closing the window while an export runs: say so, wait for the file to be finished, then close.

Nothing is cut off half-written: the job always runs to its end.  The user may
choose to keep the window open instead; it then closes only when asked again.
When the system asks the program to end (logout, shutdown: ending.py), the wait is at most
ending.GRACE_S seconds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from zzdesk.ui import tasks

TITLE = "正在完成…"
STAY = "不退出"


class FinishingDialog(QProgressDialog):
    """A busy bar naming what is being finished; closes the window once the work is done."""

    def __init__(self, window: QWidget, close: Callable[[], object]) -> None:
        work = "；".join(tasks.running()) or "正在完成"
        super().__init__(f"{work}\n完成后程序自动退出。", STAY, 0, 0, window)
        self.setWindowTitle(TITLE)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._close, self._stayed = close, False
        self.canceled.connect(self._stay)
        tasks.when_idle(self._finished)

    def _stay(self) -> None:
        self._stayed = True

    def _finished(self) -> None:
        if self._stayed:
            return
        self.hide()
        self.deleteLater()
        self._close()


def finish_then_close(window: QWidget) -> FinishingDialog:
    dialog = FinishingDialog(window, window.close)
    dialog.show()
    return dialog
