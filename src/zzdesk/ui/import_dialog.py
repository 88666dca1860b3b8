"""导入报告: read and parse in the background (ui.tasks, with 取消), then a review of everything found beside its
source text, where items can be corrected, dropped or added before one transaction stores them.

Indicator cells complete from the indicator catalogue, by Chinese or by pinyin initials (sxp → 社会消费品…);
the theme column offers the themes already known; closing with corrections not yet imported asks first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from zzdesk.core.errors import UserError
from zzdesk.core.models_meta import ENTITY_TYPES, FIGURE_KINDS
from zzdesk.core.numbers import find_quantities
from zzdesk.core.parsing.decoding import read_report_file
from zzdesk.core.parsing.entities import ParsedEntity
from zzdesk.core.parsing.figures import ParsedFigure
from zzdesk.core.parsing.indicator_names import GROWTH, catalogue
from zzdesk.core.parsing.metadata import KINDS
from zzdesk.core.parsing.report import ImportCancelled, ParsedReport, parse_report
from zzdesk.core.records import ENTITY_TYPE_LABELS, KIND_LABELS, EntityRecord
from zzdesk.core.text import sentence_containing
from zzdesk.ui import tasks
from zzdesk.ui.fit import fit_to_screen
from zzdesk.ui.style import HIGHLIGHT


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item


FIGURE_COLUMNS = ["导入", "主题", "指标", "年份", "类型", "数值", "单位", "限定词", "原文"]
INDICATOR_COLUMN = 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


# Reading and parsing off the GUI thread -------------------------------------------------------------------


def parse_job(source: Path | str, entities: Sequence[EntityRecord], themes: Sequence[str],
              stop: threading.Event) -> Callable[[], ParsedReport | None]:
    """Reading (a path) or taking (a text) and parsing, as work for a worker thread; None once *stop* is set.

    Everything it needs is given now, on the GUI thread; a text that is no report raises UserError."""

    def work() -> ParsedReport | None:
        text = read_report_file(source) if isinstance(source, Path) else source
        try:
            return parse_report(text, entities, themes, stop.is_set)
        except ImportCancelled:
            return None
        except ValueError as exc:  # no title, no year: the parser's own line
            if isinstance(exc, UserError):
                raise
            raise UserError(str(exc)) from exc

    return work


def start_parse(parent: QWidget | None, source: Path | str, entities: Sequence[EntityRecord],
                themes: Sequence[str], on_done: Callable[[ParsedReport | None], None],
                on_error: Callable[[str], None]) -> QProgressDialog:
    """Read and parse *source* in the background, with a 取消 that stops it; *on_done* gets None when cancelled.

    The window stays usable (and can be closed: quitting stops the parse, which has written nothing)."""
    stop = threading.Event()
    progress = QProgressDialog("正在读取和识别报告…", "取消", 0, 0, parent)
    progress.setWindowTitle("导入报告")
    progress.setWindowModality(Qt.WindowModality.NonModal)
    progress.setMinimumDuration(300)  # a quick parse shows no dialog at all
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.canceled.connect(stop.set)
    progress.setValue(0)  # starts the clock: shown once the work takes longer than the minimum duration

    def finish() -> None:
        progress.canceled.disconnect(stop.set)
        progress.reset()
        progress.hide()
        progress.deleteLater()

    def done(parsed: ParsedReport | None) -> None:
        finish()
        on_done(None if stop.is_set() else parsed)

    def failed(message: str) -> None:
        finish()
        on_error(message)

    tasks.run_in_background(parse_job(source, entities, themes, stop), done, failed,
                            busy="正在读取和识别报告…", cancel=stop.set)
    return progress


# Completion from the indicator catalogue -------------------------------------------------------------------


def catalogue_model(parent: QObject | None = None) -> QStandardItemModel:
    """Every catalogue name (and the 增速 of each level) with its aliases, pinyin and initials to match on."""
    from zzdesk.core.search.pinyin import name_pinyin

    model = QStandardItemModel(parent)
    for indicator in catalogue().values():
        names = [indicator.name] + ([] if indicator.rate else [indicator.name + GROWTH])
        for name in names:
            spoken = name_pinyin(name)  # full pinyin and initials of every reading
            item = QStandardItem(name)
            item.setData("|".join([name, *indicator.aliases, *spoken.keys, *spoken.other_keys]).lower(), SEARCH_ROLE)
            item.setToolTip("别名：" + "、".join(indicator.aliases) if indicator.aliases else name)
            model.appendRow(item)
    return model


class IndicatorCompleter(QCompleter):
    """Matches anywhere in a name, an alias, its pinyin or its initials; inserts the catalogue name."""

    def __init__(self, model: QStandardItemModel, parent: QObject | None = None) -> None:
        super().__init__(model, parent)
        self.setCompletionRole(SEARCH_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class IndicatorDelegate(QStyledItemDelegate):
    def __init__(self, model: QStandardItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setCompleter(IndicatorCompleter(self.model, editor))
        return editor


class ImportReviewDialog(QDialog):
    """Shows a ParsedReport for review; `result_report()` gives back what the user kept."""

    def __init__(self, parsed: ParsedReport, parent: QWidget | None = None, known_themes: Sequence[str] = (),
                 ) -> None:
        super().__init__(parent)
        self.parsed = parsed
        self.theme_choices = list(dict.fromkeys([*parsed.themes, *known_themes]))
        self.dirty = False  # a correction not yet imported: closing asks first
        self.setWindowTitle("核对导入的报告")
        fit_to_screen(self, 1300, 820)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit(parsed.title)
        self.region_edit = QLineEdit(parsed.region)
        self.year_box = QSpinBox()
        self.year_box.setRange(1990, 2100)
        self.year_box.setValue(parsed.year)
        self.kind_box = QComboBox()
        self.kind_box.addItems(list(KINDS))
        self.kind_box.setCurrentText(parsed.kind)
        row = QHBoxLayout()
        for label, widget in (("标题", self.title_edit), ("地区", self.region_edit), ("年份", self.year_box),
                              ("类型", self.kind_box)):
            row.addWidget(QLabel(label))
            row.addWidget(widget, 3 if widget is self.title_edit else 1)
        form.addRow(row)
        layout.addLayout(form)
        if parsed.warnings:
            warn = QLabel("注意：" + "；".join(parsed.warnings))
            warn.setStyleSheet("color:#a33")
            warn.setWordWrap(True)
            layout.addWidget(warn)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        tabs = QTabWidget()
        self.figures = self._figure_table()
        self.entities = self._entity_table()
        tabs.addTab(self.figures, f"指标（{len(parsed.figures)}）")
        tabs.addTab(self.entities, f"项目、企业和举措（{len(parsed.entities)}）")
        splitter.addWidget(tabs)
        right = QWidget()
        column = QVBoxLayout(right)
        self.source = QTextBrowser()
        self.source.setPlainText("\n\n".join(p.text for p in parsed.passages))
        column.addWidget(QLabel("原文（选中一个指标即在此标出；也可选中文字后添加为指标）"))
        column.addWidget(self.source, 1)
        add = QPushButton("把选中的文字添加为指标")
        add.clicked.connect(self.add_from_selection)
        column.addWidget(add)
        splitter.addWidget(right)
        splitter.setSizes([760, 520])
        layout.addWidget(splitter, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导入")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.figures.itemSelectionChanged.connect(self._show_selected)
        self.figures.itemChanged.connect(self._figure_edited)
        self.entities.itemChanged.connect(lambda _item: self._changed())
        for edit in (self.title_edit, self.region_edit):
            edit.textEdited.connect(lambda _text: self._changed())
        self.year_box.valueChanged.connect(lambda _value: self._changed())
        self.kind_box.currentIndexChanged.connect(lambda _index: self._changed())
        self._count()

    def _changed(self) -> None:
        self.dirty = True

    def _figure_edited(self, _item: QTableWidgetItem) -> None:
        self._changed()
        self._count()

    def reject(self) -> None:
        """Esc, 取消 and the window's close button: corrections not yet imported are not dropped silently."""
        if self.dirty:
            answer = QMessageBox.question(
                self, "放弃核对中的修改？", "核对中做的修改还没有导入，关闭后将全部丢失。确定关闭吗？",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    # Tables ---------------------------------------------------------------------------------------

    def _figure_table(self) -> QTableWidget:
        table = QTableWidget(0, len(FIGURE_COLUMNS))
        table.setHorizontalHeaderLabels(FIGURE_COLUMNS)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        self.indicator_model = catalogue_model(table)
        table.setItemDelegateForColumn(INDICATOR_COLUMN, IndicatorDelegate(self.indicator_model, table))
        for figure in self.parsed.figures:
            self._append_figure(table, figure)
        return table

    def _append_figure(self, table: QTableWidget, f: ParsedFigure) -> None:
        row = table.rowCount()
        table.insertRow(row)
        check = QTableWidgetItem()
        check.setCheckState(Qt.CheckState.Checked)
        check.setData(Qt.ItemDataRole.UserRole, f)
        table.setItem(row, 0, check)
        themes = QComboBox()
        themes.addItems(self.theme_choices)  # this report's themes, then those already known
        themes.setCurrentText(f.theme)
        themes.currentIndexChanged.connect(lambda _index: self._changed())
        table.setCellWidget(row, 1, themes)
        kinds = QComboBox()
        for kind in FIGURE_KINDS:
            kinds.addItem(KIND_LABELS[kind], kind)
        kinds.setCurrentIndex(FIGURE_KINDS.index(f.kind))
        kinds.currentIndexChanged.connect(lambda _index: self._changed())
        table.setCellWidget(row, 4, kinds)
        for column, value in ((2, f.indicator), (3, str(f.period)), (5, f"{f.value:g}"), (6, f.unit),
                              (7, f.qualifier or ""), (8, f.quote)):
            item = QTableWidgetItem(value)
            if column == 8:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, column, item)

    def _entity_table(self) -> QTableWidget:
        table = QTableWidget(0, 4)
        table.setHorizontalHeaderLabels(["导入", "名称", "类型", "主题"])
        table.horizontalHeader().setStretchLastSection(True)
        for e in self.parsed.entities:
            row = table.rowCount()
            table.insertRow(row)
            check = QTableWidgetItem("已知" if e.known else "新")
            check.setCheckState(Qt.CheckState.Checked)
            check.setData(Qt.ItemDataRole.UserRole, e)
            table.setItem(row, 0, check)
            table.setItem(row, 1, QTableWidgetItem(e.name))
            kinds = QComboBox()
            for kind in ENTITY_TYPES:
                kinds.addItem(ENTITY_TYPE_LABELS[kind], kind)
            kinds.setCurrentIndex(ENTITY_TYPES.index(e.type))
            table.setCellWidget(row, 2, kinds)
            table.setItem(row, 3, QTableWidgetItem("、".join(e.themes)))
        table.resizeColumnsToContents()
        return table

    # Review helpers -------------------------------------------------------------------------------

    def _count(self) -> None:
        kept = sum(cell(self.figures, r, 0).checkState() == Qt.CheckState.Checked
                   for r in range(self.figures.rowCount()))
        self.summary.setText(f"将导入 {kept} 项指标（共找到 {self.figures.rowCount()} 项）；取消勾选即不导入，"
                             "单元格可直接修改。导入后可用“文件 → 删除当前导入的报告”删除。")

    def _show_selected(self) -> None:
        rows = self.figures.selectionModel().selectedRows()
        if not rows:
            return
        figure = cell(self.figures, rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        self.highlight(figure.quote, figure.written)

    def highlight(self, quote: str, written: str) -> None:
        document = self.source.document()
        cursor = document.find(quote)
        if cursor.isNull():
            return
        self.source.setTextCursor(cursor)
        inner = document.find(written, cursor.selectionStart())
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(HIGHLIGHT))
        clear = QTextCursor(document)
        clear.select(QTextCursor.SelectionType.Document)
        clear.setCharFormat(QTextCharFormat())
        if not inner.isNull():
            inner.mergeCharFormat(fmt)
        self.source.ensureCursorVisible()

    def add_from_selection(self) -> None:
        """A number the parser missed: select it in the source text and add it here."""
        cursor = self.source.textCursor()
        selected = cursor.selectedText()
        found = find_quantities(selected)
        if not found:
            self.summary.setText("选中的文字里没有带单位的数字（例如 12.5万辆、6%左右）")
            return
        q = found[0]
        for index, passage in enumerate(self.parsed.passages):
            at = passage.text.find(selected)
            if at >= 0 and passage.theme:
                quote = sentence_containing(passage.text, selected) or passage.text
                section_year = self.parsed.year if passage.section == "plan" else self.parsed.review_year
                figure = ParsedFigure(theme=passage.theme, indicator=selected[: q.start - 0].strip("，、") or "新指标",
                                      period=section_year, kind="target" if passage.section == "plan" else "actual",
                                      value=q.value, unit=q.unit, qualifier=q.qualifier, cumulative=False,
                                      written=q.written, quote=quote, passage=index, start=at + q.start,
                                      value_high=q.high)
                self._append_figure(self.figures, figure)
                self._changed()
                self._count()
                return
        self.summary.setText("请在某一段正文中选择文字（不要跨段）")

    # Result ---------------------------------------------------------------------------------------

    def result_report(self) -> ParsedReport:
        figures = []
        for row in range(self.figures.rowCount()):
            if cell(self.figures, row, 0).checkState() != Qt.CheckState.Checked:
                continue
            original: ParsedFigure = cell(self.figures, row, 0).data(Qt.ItemDataRole.UserRole)
            themes = self.figures.cellWidget(row, 1)
            kinds = self.figures.cellWidget(row, 4)
            assert isinstance(themes, QComboBox) and isinstance(kinds, QComboBox)
            try:
                value = float(cell(self.figures, row, 5).text())
                period = int(cell(self.figures, row, 3).text())
            except ValueError:
                continue  # an unreadable correction leaves the row out; the summary said so before
            figures.append(replace(original, theme=themes.currentText(), indicator=cell(self.figures, row, 2).text(),
                                   period=period, kind=kinds.currentData(), value=value,
                                   unit=cell(self.figures, row, 6).text(),
                                   qualifier=cell(self.figures, row, 7).text() or None))
        entities = []
        for row in range(self.entities.rowCount()):
            if cell(self.entities, row, 0).checkState() == Qt.CheckState.Checked:
                entity: ParsedEntity = cell(self.entities, row, 0).data(Qt.ItemDataRole.UserRole)
                kinds = self.entities.cellWidget(row, 2)
                assert isinstance(kinds, QComboBox)
                entities.append(replace(entity, name=cell(self.entities, row, 1).text(), type=kinds.currentData()))
        chosen = tuple(dict.fromkeys([*self.parsed.themes, *(f.theme for f in figures)]))
        return replace(self.parsed, title=self.title_edit.text().strip(), region=self.region_edit.text().strip(),
                       year=self.year_box.value(), review_year=self.year_box.value() - 1, themes=chosen,
                       kind=self.kind_box.currentText(), figures=tuple(figures), entities=tuple(entities))
