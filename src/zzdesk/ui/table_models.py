"""Item models for the lists: records in, Qt roles out.  Sorting Chinese by pinyin."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from zzdesk.core.indicators import describe
from zzdesk.core.records import ENTITY_TYPE_LABELS, KIND_LABELS, EntityRecord, FigureRecord

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

R = TypeVar("R", FigureRecord, EntityRecord)
Index = QModelIndex | QPersistentModelIndex


_PUNCTUATION = re.compile(r"[^\w]+")


def pinyin_key(text: str) -> tuple[str, str]:
    """Chinese sorts by reading (as in a dictionary), then by the characters themselves;
    quotation marks and other punctuation do not count (“两新”政策 sorts under L)."""
    from pypinyin import Style, lazy_pinyin  # 170 ms to import: only when a list is first sorted

    bare = _PUNCTUATION.sub("", text)
    return (" ".join(lazy_pinyin(bare, style=Style.TONE3, errors="default")).lower(), text)


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None  # default: pinyin of the text
    numeric: bool = False
    visible: bool = True
    export: Callable[[R], object] | None = None  # the cell in an exported file, when a number (default: text)

    def exported(self, record: R) -> object:
        return self.export(record) if self.export is not None else self.text(record)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of frozen records."""

    def __init__(self, columns: Sequence[Column[R]], records: Sequence[R]) -> None:
        super().__init__()
        self.columns: list[Column[R]] = list(columns)
        self.records: list[R] = list(records)
        self._sort_cache: dict[tuple[int, int], Any] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def record(self, row: int) -> R:
        return self.records[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.records)):
            return None
        record, column = self.records[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(record)
        if role == SORT_ROLE:
            key = (index.row(), index.column())
            if key not in self._sort_cache:
                self._sort_cache[key] = (column.sort(record) if column.sort is not None
                                         else pinyin_key(column.text(record)))
            return self._sort_cache[key]
        if role == ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None


FIGURE_COLUMNS: list[Column[FigureRecord]] = [
    Column("指标", lambda f: f.indicator),
    Column("主题", lambda f: f.theme),
    Column("年份", lambda f: str(f.period), sort=lambda f: f.period, numeric=True, export=lambda f: f.period),
    Column("类型", lambda f: KIND_LABELS[f.kind], sort=lambda f: ("actual", "expected", "target").index(f.kind)),
    Column("数值", describe, sort=lambda f: (f.unit, f.value), numeric=True),
    Column("单位", lambda f: f.unit),
    Column("限定词", lambda f: f.qualifier or ""),
    Column("原文", lambda f: f.quote, visible=False),
]

ENTITY_COLUMNS: list[Column[EntityRecord]] = [
    Column("名称", lambda e: e.name),
    Column("类型", lambda e: ENTITY_TYPE_LABELS[e.type]),
    Column("主题", lambda e: "、".join(e.themes)),
    Column("别名", lambda e: "、".join(e.aliases)),
    Column("提及", lambda e: str(len(e.mentions)), sort=lambda e: len(e.mentions), numeric=True,
           export=lambda e: len(e.mentions)),
    Column("原文", lambda e: e.quotes[0] if e.quotes else "", visible=False),
]


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters by theme, by type or kind, and by a set of ids found by the search engine."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.theme: str | None = None
        self.category: str | None = None  # entity type or figure kind
        self.allowed_ids: set[int] | None = None

    def lessThan(self, left: Index, right: Index) -> bool:
        # Sort keys are Python tuples (pinyin, numbers); compare them as Python does.
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

    def set_filters(self, theme: str | None, category: str | None, allowed_ids: set[int] | None) -> None:
        self.theme, self.category, self.allowed_ids = theme, category, allowed_ids
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        record = model.record(source_row)
        if self.allowed_ids is not None and record.id not in self.allowed_ids:
            return False
        if isinstance(record, FigureRecord):
            if self.theme and record.theme != self.theme:
                return False
            return not self.category or record.kind == self.category
        if self.theme and self.theme not in record.themes:
            return False
        return not self.category or record.type == self.category
