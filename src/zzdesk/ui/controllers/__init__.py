"""What the menus do to the data (import, remove, restore, packs): small callers of core, no widgets of their own.

The main window wires its menu actions to these; each reports back through a `Host`
(the window): flush what is being typed, show the data again, say one line.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from zzdesk.ui import tasks
from zzdesk.ui.data import AppData


class Host(Protocol):
    data: AppData

    def dialog_parent(self) -> QWidget: ...

    def flush_edits(self) -> None:
        """Save whatever the user is typing (a briefing) before the data underneath changes."""

    def data_changed(self, select: int | None) -> None:
        """Read the data again and rebuild the pages, showing report *select* (None: the newest)."""

    def say(self, message: str) -> None:
        """One line in the status bar."""


def wait_for_writes(parent: QWidget) -> bool:
    """True (after saying so) while a background job writes the user's data: another write waits for it."""
    busy = tasks.writing()
    if busy:
        QMessageBox.information(parent, "请稍候", f"{'；'.join(busy)}\n完成后再试。")
    return bool(busy)
