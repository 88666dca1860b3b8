"""The lists (项目, 企业, 举措, 指标): sortable, filterable, exportable, with a detail pane."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zzdesk.core.briefing import BriefingItem
from zzdesk.core.records import ENTITY_TYPE_LABELS, KIND_LABELS, EntityRecord, FigureRecord
from zzdesk.ui.data import AppData
from zzdesk.ui.detail import entity_html, figure_html
from zzdesk.ui.figure_menu import attach_figure_menu
from zzdesk.ui.fit import fit_columns, fit_menu_button
from zzdesk.ui.folders import announce, save_path
from zzdesk.ui.pages.base import Page
from zzdesk.ui.table_models import (
    ENTITY_COLUMNS,
    FIGURE_COLUMNS,
    ID_ROLE,
    Column,
    RecordFilterProxy,
    RecordTableModel,
)
from zzdesk.ui.tasks import run_in_background

NUMBER_HEADER = "数值（数字）"  # exports: the figure's value as a number, beside 数值 as the report says it

# page key -> (title, entity types or None for figures, subtitle)
LISTS: dict[str, tuple[str, tuple[str, ...] | None, str]] = {
    "projects": ("项目", ("project", "place", "platform", "cluster"), "项目、地点、平台与产业集群"),
    "enterprises": ("企业", ("enterprise", "institution"), "企业与机构"),
    "initiatives": ("举措", ("initiative",), "政策、行动与工作举措"),
    "figures": ("指标", None, "报告中的全部数字：实绩、预计与目标"),
}


class ListPage(Page):
    def __init__(self, data: AppData, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data, self.key = data, key
        self.title, self.types, subtitle = LISTS[key]
        self.is_figures = self.types is None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        records: Sequence[FigureRecord | EntityRecord]
        if self.is_figures:
            records = data.report_figures
        else:
            records = [e for e in data.report_entities if e.type in (self.types or ())]
        self.header(layout, self.title, f"{subtitle} · 共 {len(records)} 项")
        self.subtitle, self.count_label = subtitle, self.findChildren(QLabel, "pageSubtitle")[-1]
        layout.addLayout(self._controls())
        columns: Sequence[Column] = FIGURE_COLUMNS if self.is_figures else ENTITY_COLUMNS  # type: ignore[type-arg]
        self.model: RecordTableModel[Any] = RecordTableModel(columns, records)
        self.proxy = RecordFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for index, column in enumerate(self.model.columns):
            self.table.setColumnHidden(index, not column.visible)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(self._jump)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link)
        self.detail.setHtml("<p style='color:#666'>选择一行查看详情和原文。双击跳到报告中的位置。</p>")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([760, 420])
        layout.addWidget(self.splitter, 1)
        fit_columns(self.table, stretch=(columns[0].title, "原文"))
        self._column_menu()
        if self.is_figures:  # right-click a row or the detail pane: copy the figure with its source
            attach_figure_menu(self.table, self._figure_at, lambda: self.data.reports,
                               self.trendRequested.emit)
            attach_figure_menu(self.detail, lambda _pos: self._current_figure(), lambda: self.data.reports,
                               self.trendRequested.emit, standard=lambda _pos: self.detail.createStandardContextMenu())

    # Controls ---------------------------------------------------------------------------------

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("筛选：汉字、拼音或首字母，如 科技城 / zykjc")
        self.filter.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self, singleShot=True, interval=120)
        self._filter_timer.timeout.connect(self.apply_filters)
        self.filter.textChanged.connect(lambda _: self._filter_timer.start())
        row.addWidget(self.filter, 2)
        self.theme_box = QComboBox()
        self.theme_box.addItem("全部主题", None)
        for name in self.data.theme_names():
            self.theme_box.addItem(name, name)
        self.theme_box.currentIndexChanged.connect(self.apply_filters)
        row.addWidget(self.theme_box)
        self.category_box = QComboBox()
        if self.is_figures:
            self.category_box.addItem("全部类型", None)
            for kind, label in KIND_LABELS.items():
                self.category_box.addItem(label, kind)
        else:
            self.category_box.addItem("全部类别", None)
            for kind in self.types or ():
                self.category_box.addItem(ENTITY_TYPE_LABELS[kind], kind)
            self.category_box.setVisible(len(self.types or ()) > 1)
        self.category_box.currentIndexChanged.connect(self.apply_filters)
        row.addWidget(self.category_box)
        self.columns_button = QToolButton()
        self.columns_button.setText("列")
        self.columns_button.setToolTip("选择显示哪些列")
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_button.setMenu(QMenu(self))  # filled once the table is made
        fit_menu_button(self.columns_button)
        row.addWidget(self.columns_button)
        self.add_button = QToolButton()
        self.add_button.setText("加入简报")
        self.add_button.setToolTip("把选中的一行加入正在编辑的简报（Ctrl+B）")
        self.add_button.clicked.connect(self.add_current_to_briefing)
        row.addWidget(self.add_button)
        self.export_button = QToolButton()
        self.export_button.setText("导出…")
        self.export_button.setToolTip("把当前显示的行导出为 Excel 或 CSV（Ctrl+E）")
        self.export_button.clicked.connect(self.export_dialog)
        row.addWidget(self.export_button)
        return row

    def _column_menu(self) -> None:
        menu = self.columns_button.menu()
        for index, column in enumerate(self.model.columns):
            action = QAction(column.title, menu, checkable=True)
            action.setChecked(not self.table.isColumnHidden(index))
            action.toggled.connect(lambda on, i=index: self.table.setColumnHidden(i, not on))
            menu.addAction(action)

    def stop_timers(self) -> None:
        self._filter_timer.stop()

    def apply_filters(self) -> None:
        query = self.filter.text().strip()
        allowed: set[int] | None = None
        if query:
            types = ["figure"] if self.is_figures else list(self.types or ())
            allowed = {h.id for h in self.data.search(query, types=types, limit=5000)}
        self.proxy.set_filters(self.theme_box.currentData(), self.category_box.currentData(), allowed)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        whole = f"（全部 {total} 项）" if shown != total else ""
        self.count_label.setText(f"{self.subtitle} · 共 {shown} 项{whole}")

    # Selection and jumps ------------------------------------------------------------------------

    def current_record(self) -> FigureRecord | EntityRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        record: FigureRecord | EntityRecord = self.model.record(self.proxy.mapToSource(rows[0]).row())
        return record

    def _figure_at(self, pos: QPoint) -> FigureRecord | None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return None
        record = self.model.record(self.proxy.mapToSource(index).row())
        return record if isinstance(record, FigureRecord) else None

    def _current_figure(self) -> FigureRecord | None:
        record = self.current_record()
        return record if isinstance(record, FigureRecord) else None

    def select_id(self, record_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, ID_ROLE) == record_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def add_current_to_briefing(self) -> None:
        record = self.current_record()
        if record is not None:
            kind = "figure" if isinstance(record, FigureRecord) else "entity"
            self.briefingItem.emit(BriefingItem(kind, record.key))

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        record = self.current_record()
        if isinstance(record, FigureRecord):
            self.detail.setHtml(figure_html(self.data, record))
        elif isinstance(record, EntityRecord):
            self.detail.setHtml(entity_html(self.data, record))

    def _jump(self, index: QModelIndex) -> None:
        record = self.model.record(self.proxy.mapToSource(index).row())
        if isinstance(record, FigureRecord):
            self.passageRequested.emit(record.passage_id, record.id)
        elif record.mentions:
            self.passageRequested.emit(record.mentions[0].passage_id, 0)

    def _link(self, url: object) -> None:
        kind, _, value = str(url.toString()).partition(":")  # type: ignore[attr-defined]
        if kind == "passage" and value.isdigit():
            record = self.current_record()
            figure_id = record.id if isinstance(record, FigureRecord) else 0
            self.passageRequested.emit(int(value), figure_id)

    # Export -----------------------------------------------------------------------------------

    def visible_table(self) -> tuple[list[str], list[list[object]]]:
        """Headers and rows as shown (filtered, sorted, visible columns); figures always carry
        their source sentence and report, whatever columns are hidden, and their value as a
        number (数值（数字）) beside the words, so a spreadsheet can add them up."""
        columns = [i for i in range(self.model.columnCount()) if not self.table.isColumnHidden(i)]
        headers = [self.model.columns[i].title for i in columns]
        number_at = headers.index("数值") + 1 if "数值" in headers else len(headers)
        rows: list[list[object]] = []
        for row in range(self.proxy.rowCount()):
            record = self.model.record(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            cells: list[object] = [self.model.columns[i].exported(record) for i in columns]  # years as numbers
            if isinstance(record, FigureRecord):
                cells.insert(number_at, record.value)
                if "原文" not in headers:
                    cells.append(record.quote)
                cells.append(self.data.source_of(record.passage_id))
            rows.append(cells)
        if self.is_figures:
            headers = [*headers[:number_at], NUMBER_HEADER, *headers[number_at:]]
            headers = headers + ([] if "原文" in headers else ["原文"]) + ["来源"]
        return headers, rows

    def export_job(self, path: Path) -> Callable[[], None]:
        """Read the table as shown now (on the GUI thread); the job returned only writes the file."""
        headers, rows = self.visible_table()
        report = self.data.report
        title, source = self.title, f"来源：《{report.title}》（{report.year}年，{report.region}）"

        def write() -> None:
            from zzdesk.export.tables import write_csv, write_xlsx  # openpyxl loads only when exporting

            if path.suffix.lower() == ".xlsx":
                write_xlsx(path, headers, rows, title, source)
            else:
                write_csv(path, headers, rows)

        return write

    def export_to(self, path: Path) -> None:
        self.export_job(path)()

    def export_dialog(self) -> None:
        report = self.data.report  # the file's name says whose list it is: several reports have one each
        name = f"{self.title}（{report.region}{report.year}年）.xlsx"
        target = save_path(self, f"导出{self.title}", name, "Excel 工作簿 (*.xlsx);;CSV 文本 (*.csv)")
        if target is None:
            return
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_suffix(".xlsx")
        self.export_in_background(target)

    def export_in_background(self, target: Path) -> None:
        job = self.export_job(target)
        self.export_button.setEnabled(False)
        rows = self.proxy.rowCount()
        run_in_background(job, lambda _: self._exported(target, rows), self._export_failed,
                          busy=f"正在导出到 {target.name}…")

    def _exported(self, target: Path, rows: int) -> None:
        self.export_button.setEnabled(True)
        announce(self, f"已导出 {rows} 行{self.title}到 {target}")

    def _export_failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        QMessageBox.warning(self, "导出失败", message)
