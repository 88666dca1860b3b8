"""Back and forward through the pages a person has seen: Alt+← / Alt+→ and the mouse's side buttons."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

MAX_ENTRIES = 100


class Navigable(Protocol):
    stack: QStackedWidget
    pages: dict[str, QWidget]

    def show_page(self, key: str) -> QWidget: ...


class PageHistory(QObject):
    """Remembers every page shown in *window*'s stack, in order."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.back_keys: list[str] = []
        self.forward_keys: list[str] = []
        self.current: str | None = None
        self._moving = False
        self.back_action = QAction("后退", window, shortcut=QKeySequence("Alt+Left"))
        self.back_action.triggered.connect(self.back)
        self.forward_action = QAction("前进", window, shortcut=QKeySequence("Alt+Right"))
        self.forward_action.triggered.connect(self.forward)
        for action in (self.back_action, self.forward_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        self._update_actions()
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def watch(self, stack: QStackedWidget) -> None:
        stack.currentChanged.connect(lambda _index: self.visited(self._key_of(stack.currentWidget())))

    def _key_of(self, page: QWidget | None) -> str | None:
        pages: dict[str, QWidget] = getattr(self.window, "pages", {})
        return next((key for key, widget in pages.items() if widget is page), None)

    def visited(self, key: str | None) -> None:
        if key is None or key == self.current or self._moving:
            if self._moving and key is not None:
                self.current = key
            return
        if self.current is not None:
            self.back_keys = [*self.back_keys, self.current][-MAX_ENTRIES:]
        self.forward_keys = []
        self.current = key
        self._update_actions()

    def back(self) -> None:
        self._move(self.back_keys, self.forward_keys)

    def forward(self) -> None:
        self._move(self.forward_keys, self.back_keys)

    def _move(self, source: list[str], target: list[str]) -> None:
        if not source:
            return
        key = source.pop()
        if self.current is not None:
            target.append(self.current)
        self._moving = True
        try:
            self.window.show_page(key)  # type: ignore[attr-defined]
        finally:
            self._moving = False
        self.current = key
        self._update_actions()

    def _update_actions(self) -> None:
        self.back_action.setEnabled(bool(self.back_keys))
        self.forward_action.setEnabled(bool(self.forward_keys))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        ours = isinstance(watched, QWidget) and watched.window() is self.window
        if event.type() == QEvent.Type.MouseButtonPress and ours:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.BackButton:
                self.back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.forward()
                return True
        return super().eventFilter(watched, event)
