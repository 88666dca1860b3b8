"""The global search: a field in the toolbar and a results panel that answers as you type."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from zzdesk.core.search import SearchHit, group_by_type
from zzdesk.core.search.documents import TYPE_LABELS
from zzdesk.ui.data import AppData
from zzdesk.ui.html import marked

HIT_ROLE = Qt.ItemDataRole.UserRole + 10
MAX_RESULTS = 40


class SearchResults(QFrame):
    """Grouped results under the search field, drawn inside the main window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        self.tree.setUniformRowHeights(True)
        layout.addWidget(self.tree)
        self.hide()

    def show_hits(self, query: str, hits: list[SearchHit], elsewhere: int = 0) -> None:
        """*elsewhere*: how many hits the other loaded reports have (said when this one has none)."""
        self.tree.clear()
        if not query.strip():
            self.hide()
            return
        shown = query.strip()[:30]
        if hits:
            self.summary.setText(f"“{shown}”：{len(hits)} 条结果")
        elif elsewhere:
            self.summary.setText(f"当前报告中没有“{shown}”；其他报告中有 {elsewhere} 条，在右上角“报告”中切换后可见")
        else:
            self.summary.setText(f"没有找到与“{shown}”相关的内容（可试试拼音或首字母）")
        self.tree.setVisible(bool(hits))  # no empty box under "没有找到"
        first: QTreeWidgetItem | None = None
        for type_key, group in group_by_type(hits):
            head = QTreeWidgetItem([f"{TYPE_LABELS[type_key]}（{len(group)}）", "", ""])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            for hit in group:
                # Which report and year: with several reports loaded, the same name is in each.
                item = QTreeWidgetItem([hit.name, _short_source(hit), ""])
                item.setData(0, HIT_ROLE, hit)
                item.setToolTip(0, f"{hit.name}（{hit.source_label}）" if hit.source_label else hit.name)
                item.setToolTip(1, hit.source_label)
                item.setToolTip(2, hit.snippet)
                item.setForeground(1, self.palette().placeholderText())
                head.addChild(item)
                snippet = QLabel(marked(hit.snippet, list(hit.marks)))
                snippet.setTextFormat(Qt.TextFormat.RichText)
                self.tree.setItemWidget(item, 2, snippet)
                first = first or item
            head.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.show()
        self.raise_()

    def current_hit(self) -> SearchHit | None:
        item = self.tree.currentItem()
        hit = item.data(0, HIT_ROLE) if item is not None else None
        return hit if isinstance(hit, SearchHit) else None

    def step(self, down: bool) -> bool:
        """Move to the next (or previous) hit, over group headers; False at either end."""
        item = self.tree.currentItem()
        while item is not None:
            item = self.tree.itemBelow(item) if down else self.tree.itemAbove(item)
            if item is not None and isinstance(item.data(0, HIT_ROLE), SearchHit):
                self.tree.setCurrentItem(item)
                return True
        return False


def _short_source(hit: SearchHit) -> str:
    """2025年 + the report's title, cut to fit beside the name."""
    if not hit.report_title:
        return ""
    title = hit.report_title if len(hit.report_title) <= 10 else hit.report_title[:9] + "…"
    return f"{hit.report_year}年 {title}" if hit.report_year else title


class SearchBox(QLineEdit):
    """Type to search; arrows move through results; Enter opens one; Esc closes."""

    opened = Signal(object)  # SearchHit

    def __init__(self, store: AppData, results: SearchResults, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.results = store, results
        self.setObjectName("globalSearch")
        self.setPlaceholderText("搜索项目、企业、指标……汉字、拼音或首字母（Ctrl+K）")
        self.setClearButtonEnabled(True)
        self.timer = QTimer(self, singleShot=True, interval=60)
        self.timer.timeout.connect(self.run_search)
        self.textChanged.connect(lambda _: self.timer.start())
        results.tree.itemActivated.connect(lambda item, _col: self._open(item.data(0, HIT_ROLE)))
        results.tree.installEventFilter(self)

    def run_search(self) -> None:
        self.timer.stop()
        query = self.text()
        hits = self.store.search(query, limit=MAX_RESULTS) if query.strip() else []
        elsewhere = self.store.hits_elsewhere(query) if query.strip() and not hits else 0
        self.results.show_hits(query, hits, elsewhere)
        self.place_results()

    def place_results(self) -> None:
        host = self.results.parentWidget()
        assert host is not None
        corner = host.mapFromGlobal(self.mapToGlobal(QPoint(0, self.height() + 2)))
        width = min(900, max(560, self.width()), host.width() - 16)
        x = max(8, min(corner.x(), host.width() - width - 8))
        tree = self.results.tree
        rows = tree.topLevelItemCount() + sum(item.childCount() for i in range(tree.topLevelItemCount())
                                              if (item := tree.topLevelItem(i)) is not None)
        height = min(460, 48 + max(rows, 2) * 22, host.height() - corner.y() - 12) if rows else \
            self.results.sizeHint().height()
        self.results.setGeometry(x, corner.y(), width, height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Down and self.results.isVisible():
            self.results.tree.setFocus()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.timer.stop()
            self.run_search()
            self._open(self.results.current_hit())
            return
        if key == Qt.Key.Key_Escape:
            self.results.hide()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.results.hide()
                self.setFocus()
                return True
            if event.key() == Qt.Key.Key_Up and self.results.tree.currentItem() is self._first_item():
                self.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.results.step(down=event.key() == Qt.Key.Key_Down)
                return True
        return super().eventFilter(watched, event)

    def _first_item(self) -> QTreeWidgetItem | None:
        top = self.results.tree.topLevelItem(0)
        return top.child(0) if top is not None and top.childCount() else None

    def _open(self, hit: object) -> None:
        if isinstance(hit, SearchHit):
            self.results.hide()
            self.opened.emit(hit)
