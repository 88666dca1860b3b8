"""Back and forward through the places a person has seen: Alt+← / Alt+→ and the mouse's side buttons.

A place is a report, a page of it and the item shown there (see places.py), so Back after
switching reports returns to the earlier report, and Back from a detail to the same row.
Every jump is one step: `step()` wraps it, and the place before it is remembered only when the
jump actually led somewhere else.  A place whose report has since been removed is skipped
(with a note), never shown under another report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from zzdesk.ui.places import Place

MAX_ENTRIES = 100  # each way; the oldest fall off


class PageHistory(QObject):
    """Remembers the places left behind in *window*; *where* reads the place shown now, *go* returns
    to one (None, or a note saying why it could not)."""

    def __init__(self, window: QMainWindow, where: Callable[[], Place], go: Callable[[Place], str | None],
                 say: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self._where, self._go, self._say = where, go, say
        self.back_places: list[Place] = []
        self.forward_places: list[Place] = []
        self._depth = 0  # jumps within a jump (open_entity shows a page) are one step
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

    @contextmanager
    def step(self) -> Iterator[None]:
        """Around one jump: the place before it goes on the back list if the jump went elsewhere."""
        outermost = self._depth == 0 and not self._moving
        before = self._where() if outermost else None
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if before is not None and self._where() != before:
            self.back_places = _bounded([*self.back_places, before])
            self.forward_places = []
            self._update_actions()

    def back(self) -> None:
        self._move(self.back_places, self.forward_places)

    def forward(self) -> None:
        self._move(self.forward_places, self.back_places)

    def _move(self, source: list[Place], target: list[Place]) -> None:
        here = self._where()
        notes: list[str] = []
        while source:
            place = source.pop()
            if place == here:
                continue
            self._moving = True
            try:
                note = self._go(place)
            finally:
                self._moving = False
            if note is None:
                target[:] = _bounded([*target, here])
                break
            notes.append(note)
        if notes:
            self._say("；".join(dict.fromkeys(notes)))
        self._update_actions()

    def _update_actions(self) -> None:
        self.back_action.setEnabled(bool(self.back_places))
        self.forward_action.setEnabled(bool(self.forward_places))

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


def _bounded(places: list[Place]) -> list[Place]:
    return places[-MAX_ENTRIES:]
