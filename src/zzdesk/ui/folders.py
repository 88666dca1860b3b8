"""File dialogs that start where the person last saved or opened a file (at first: 文档/Documents),
and a confirmation that stays in the status bar after every export, with the file's path."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

_settings: QSettings | None = None  # the window's settings file; set once the main window exists
KEY = "folders/last"


def use_settings(settings: QSettings) -> None:
    global _settings
    _settings = settings


def documents_folder() -> Path:
    """文档 when it exists; else the home folder (a dialog told a missing folder opens in the program's own)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def last_folder() -> Path:
    """The folder of the last file saved or opened, while it exists; else 文档."""
    stored = _settings.value(KEY) if _settings is not None else None
    if isinstance(stored, str) and stored and Path(stored).is_dir():
        return Path(stored)
    return documents_folder()


def remember(path: Path) -> None:
    if _settings is not None:
        _settings.setValue(KEY, str(path.parent))
        _settings.sync()


def save_path(parent: QWidget, caption: str, name: str, pattern: str) -> Path | None:
    """Ask where to save *name*, starting in the last folder used; None if cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(last_folder() / name), pattern)
    if not chosen:
        return None
    remember(Path(chosen))
    return Path(chosen)


def open_path(parent: QWidget, caption: str, pattern: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, caption, str(last_folder()), pattern)
    if not chosen:
        return None
    remember(Path(chosen))
    return Path(chosen)


def announce(widget: QWidget, message: str) -> None:
    """A message in the window's status bar that stays until the next one (no timeout)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message)
