"""Find in page (Ctrl+F in 报告原文): every match highlighted (green, apart from the yellow figures),
Enter / F3 for the next, Esc to close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from zzdesk.ui.style import FIND_CURRENT, FIND_MATCH


class FindBar(QWidget):
    """A find field over one text view; hidden until asked for."""

    def __init__(self, view: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("findBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 4)
        row.addWidget(QLabel("在本页查找："))
        self.field = QLineEdit()
        self.field.setPlaceholderText("输入要找的文字，Enter 找下一处")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.search)
        self.field.returnPressed.connect(self.next)
        row.addWidget(self.field, 1)
        self.count = QLabel()
        self.count.setObjectName("pageSubtitle")
        row.addWidget(self.count)
        for text, tip, slot in (("↑", "上一处（Shift+F3）", self.previous), ("↓", "下一处（F3）", self.next),
                                ("×", "关闭（Esc）", self.close_bar)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
        for keys, slot in (("F3", self.next), ("Shift+F3", self.previous), ("Esc", self.close_bar)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.matches: list[QTextCursor] = []
        self.current = -1
        self.hide()

    def open(self) -> None:
        selected = self.view.textCursor().selectedText()
        self.show()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.field.setFocus()
        self.field.selectAll()
        self.search(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.view.setExtraSelections([])
        self.view.setFocus()

    def search(self, text: str) -> None:
        self.matches = []
        document = self.view.document()
        if text:
            cursor = document.find(text, 0, QTextDocument.FindFlag(0))
            while not cursor.isNull():
                self.matches.append(cursor)
                cursor = document.find(text, cursor, QTextDocument.FindFlag(0))
        self.current = -1
        if self.matches:
            self._go(0)
        else:
            cursor = self.view.textCursor()  # the match of what was typed so far is no match of this
            cursor.clearSelection()
            self.view.setTextCursor(cursor)
            self._paint()
            self.count.setText("没有找到" if text else "")

    def next(self) -> None:
        if self.matches:
            self._go((self.current + 1) % len(self.matches))

    def previous(self) -> None:
        if self.matches:
            self._go((self.current - 1) % len(self.matches))

    def _go(self, index: int) -> None:
        self.current = index
        self.view.setTextCursor(self.matches[index])
        bar = self.view.verticalScrollBar()  # the match mid-view, with its sentence around it, not on the edge
        bar.setValue(bar.value() + self.view.cursorRect().center().y() - self.view.viewport().height() // 2)
        self._paint()
        self.count.setText(f"第 {index + 1} / {len(self.matches)} 处")

    def _paint(self) -> None:
        selections = []
        for index, cursor in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            fmt = QTextCharFormat()  # not the yellow of the figures' links: a match must read as a match
            if index == self.current:
                fmt.setBackground(QColor(FIND_CURRENT))
                fmt.setForeground(QColor("white"))
            else:
                fmt.setBackground(QColor(FIND_MATCH))
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.view.setExtraSelections(selections)


def find_in_page(page: QWidget) -> bool:
    """Open *page*'s find bar, if it has one; False when the page has nothing to find in."""
    bar = getattr(page, "find_bar", None)
    if isinstance(bar, FindBar):
        bar.open()
        return True
    return False
