"""简报: compose a briefing (items from anywhere in the app, masthead fields, template),
keep it in the user's database, preview, print, and export to PDF and Word."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from zzdesk.core.briefing import (
    KEYED_KINDS,
    MARKINGS,
    TEMPLATES,
    BriefingItem,
    BriefingSpec,
    Document,
    default_title,
    next_issue,
)
from zzdesk.core.briefing_store import (
    delete_briefing,
    duplicate_briefing,
    key_of,
    list_briefings,
    load_briefing,
    save_briefing,
)
from zzdesk.core.keys import SEPARATOR, report_of
from zzdesk.core.records import ENTITY_TYPE_LABELS
from zzdesk.export.fonts import font_report
from zzdesk.ui.data import AppData
from zzdesk.ui.fit import fit_to_screen
from zzdesk.ui.folders import announce, save_path
from zzdesk.ui.pages.base import Page
from zzdesk.ui.tasks import run_in_background

ITEM_ROLE = Qt.ItemDataRole.UserRole + 30
ID_ROLE = Qt.ItemDataRole.UserRole + 31
AUTOSAVE_MS = 800


def write_pdf_file(document: Document, path: Path) -> int:
    from zzdesk.export.pdf import write_pdf

    return write_pdf(document, path)


def write_ofd_file(document: Document, path: Path) -> int:
    from zzdesk.export.ofd import write_ofd

    return write_ofd(document, path)


def write_docx_file(document: Document, path: Path) -> None:
    from zzdesk.export.docx import write_docx

    write_docx(document, path)


def button_row(buttons: tuple[tuple[str, Callable[[], None]], ...]) -> QHBoxLayout:
    row = QHBoxLayout()
    for text, slot in buttons:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
    return row


def blank_spec(data: AppData, saved: Sequence[BriefingSpec] = ()) -> BriefingSpec:
    """A new briefing: titled after its source as it is, numbered after the last issue of the same 简报."""
    report = data.report
    spec = BriefingSpec(title=default_title(report), items=(BriefingItem("headlines", "", report.key),),
                        reports=(report.key,))
    return replace(spec, issue=next_issue(spec.bulletin_name, saved))


class ComposerPage(Page):
    title = "简报"

    def __init__(self, data: AppData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.conn = data.store.user_db
        self.current_id: int | None = None
        self.last_deleted: tuple[str, BriefingSpec] | None = None  # (key, spec), for 撤销
        self._loading = False
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        self.header(layout, "简报", "从任何页面“加入简报”，在这里排序、填写报头，预览、打印或导出。所有改动自动保存。")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._saved_panel())
        self.splitter.addWidget(self._form_panel())
        self.splitter.addWidget(self._items_panel())
        self.splitter.setSizes([230, 430, 520])
        layout.addWidget(self.splitter, 1)
        self.refresh_list()
        if self.saved.count():
            self.saved.setCurrentRow(0)
        else:
            self.new_briefing()

    # Panels ---------------------------------------------------------------------------------------

    def _saved_panel(self) -> QWidget:
        box = QGroupBox("已保存的简报")
        column = QVBoxLayout(box)
        self.saved = QListWidget()
        self.saved.currentItemChanged.connect(self._picked)
        column.addWidget(self.saved)
        column.addLayout(button_row((("新建", self.new_briefing), ("复制", self.duplicate_current),
                                     ("删除", self.delete_current))))
        return box

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_briefing(item.data(ID_ROLE))

    def _form_panel(self) -> QWidget:
        box = QGroupBox("报头与版式")
        fields = QWidget()
        form = QFormLayout(fields)
        form.setContentsMargins(0, 0, 4, 0)
        scroll = QScrollArea()  # on a 768-pixel screen the fields scroll instead of being squeezed over each other
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(fields)
        QVBoxLayout(box).addWidget(scroll)
        self.title_edit = QLineEdit()
        self.template_box = QComboBox()
        for key, label in TEMPLATES.items():
            self.template_box.addItem(label, key)
        self.bulletin_edit = QLineEdit()
        self.issue_edit = QLineEdit()
        self.issuer_edit = QLineEdit()
        self.issuer_edit.setPlaceholderText("如：郑州市人民政府办公厅")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.marking_box = QComboBox()
        for marking in MARKINGS:
            self.marking_box.addItem(marking or "无", marking)
        self.report_edit, self.send_edit, self.distribute_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.copies_box = QSpinBox()
        self.copies_box.setRange(0, 100000)
        self.copies_box.setSpecialValueText("不注明")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("按语（可选）")
        self.note_edit.setMaximumHeight(90)
        for label, widget in (("标题", self.title_edit), ("模板", self.template_box), ("简报名称", self.bulletin_edit),
                              ("期号", self.issue_edit), ("编印单位", self.issuer_edit), ("日期", self.date_edit),
                              ("标识", self.marking_box), ("报", self.report_edit), ("送", self.send_edit),
                              ("发", self.distribute_edit), ("共印份数", self.copies_box), ("按语", self.note_edit)):
            form.addRow(label, widget)
        for edit in (self.title_edit, self.bulletin_edit, self.issue_edit, self.issuer_edit, self.report_edit,
                     self.send_edit, self.distribute_edit):
            edit.textChanged.connect(self._changed)
        self.note_edit.textChanged.connect(self._changed)
        self.template_box.currentIndexChanged.connect(self._changed)
        self.marking_box.currentIndexChanged.connect(self._changed)
        self.date_edit.dateChanged.connect(self._changed)
        self.copies_box.valueChanged.connect(self._changed)
        roles = [f for f in font_report() if f.role != "ui"]
        self.fonts_label = QLabel("　".join(f"{f.label}：{f.family}{'（替代）' if f.bundled else ''}" for f in roles))
        self.fonts_label.setToolTip("<br>".join(f.note for f in roles) + "<br>安装“仿宋_GB2312”“黑体”“楷体_GB2312”"
                                    "“方正小标宋简体”后，简报会自动改用它们。")
        self.fonts_label.setObjectName("pageSubtitle")
        self.fonts_label.setWordWrap(True)
        form.addRow("字体", self.fonts_label)
        self.notes_label = QLabel()
        self.notes_label.setObjectName("pageSubtitle")
        self.notes_label.setWordWrap(True)
        form.addRow("说明", self.notes_label)
        return box

    def _items_panel(self) -> QWidget:
        box = QGroupBox("内容（可拖动排序）")
        column = QVBoxLayout(box)
        self.items = QListWidget()
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items.model().rowsMoved.connect(self._changed)
        column.addWidget(self.items, 1)
        row = QHBoxLayout()
        self.theme_pick = QComboBox()
        self.theme_pick.addItem("主要指标", "headlines")
        self.theme_pick.addItem("目标完成情况", "targets")
        for name in self.data.theme_names():
            self.theme_pick.addItem(f"主题：{name}", name)
        add = QPushButton("添加")
        add.clicked.connect(self._add_picked)
        up, down, remove = QPushButton("上移"), QPushButton("下移"), QPushButton("移除")
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        remove.clicked.connect(self._remove)
        for widget in (self.theme_pick, add, up, down, remove):
            row.addWidget(widget)
        column.addLayout(row)
        column.addLayout(button_row((("预览…", self.preview), ("打印…", self.print_dialog),
                                     ("导出 PDF…", self.pdf_dialog), ("导出 Word…", self.docx_dialog),
                                     ("导出 OFD…", self.ofd_dialog))))
        return box

    # Items ----------------------------------------------------------------------------------------

    def describe(self, item: BriefingItem) -> str:
        """The item in words, with the report it is taken from (items keep theirs whatever is selected)."""
        text = self._what(item)
        report = item.report or (report_of(item.ref) if item.kind in KEYED_KINDS and SEPARATOR in item.ref else "")
        if not report or item.kind in ("trend", "targets"):  # these compare reports: each number cites its own
            return text
        found = self.data.report_by_key(report)
        if found is None:
            return f"{text}（所用报告已删除）"
        return text if item.kind == "figure" else f"{text} · {found.region}{found.year}年报告"

    def _what(self, item: BriefingItem) -> str:
        if item.kind == "headlines":
            return "主要指标（表格与图表）"
        if item.kind == "targets":
            return "目标完成情况（表格与图）"
        if item.kind == "theme":
            return f"主题：{item.ref}（原文、指标、图表）"
        if item.kind == "trend":
            return f"历年趋势：{item.ref}（表格与图表）"
        if item.kind == "figure":
            figure = self.data.figure_by_key.get(item.ref)
            if figure is None:
                return "（已不存在的指标）"
            report = self.data.report_by_id[figure.report_id]
            when = f"{figure.period}年{figure.kind_label}，{report.region}{report.year}年报告"
            return f"指标：{figure.indicator}（{when}）"
        if item.kind == "entity":
            entity = self.data.entity_by_key.get(item.ref)
            return f"{ENTITY_TYPE_LABELS[entity.type]}：{entity.name}" if entity else "（已不存在的条目）"
        if item.kind == "passage":
            passage = self.data.passage_by_key.get(item.ref)
            return f"原文段落：{passage.text[:24]}…" if passage else "（已不存在的段落）"
        return f"图表：{item.ref.split('/', 1)[0]}"

    def add_item(self, item: BriefingItem) -> None:
        item = self.data.store.pin_item(item, self.data.report.key)  # tied to the report shown now
        row = QListWidgetItem(self.describe(item))
        row.setData(ITEM_ROLE, item)
        self.items.addItem(row)
        self._changed()

    def _add_picked(self) -> None:
        value = self.theme_pick.currentData()
        kind = value if value in ("headlines", "targets") else "theme"
        self.add_item(BriefingItem(kind, "" if kind != "theme" else value))

    def _move(self, step: int) -> None:
        row = self.items.currentRow()
        target = row + step
        if row < 0 or not (0 <= target < self.items.count()):
            return
        item = self.items.takeItem(row)
        self.items.insertItem(target, item)
        self.items.setCurrentRow(target)
        self._changed()

    def _remove(self) -> None:
        row = self.items.currentRow()
        if row >= 0:
            self.items.takeItem(row)
            self._changed()

    # Spec <-> form --------------------------------------------------------------------------------

    def spec(self) -> BriefingSpec:
        items = tuple(self.items.item(i).data(ITEM_ROLE) for i in range(self.items.count()))
        qdate = self.date_edit.date()
        return BriefingSpec(
            title=self.title_edit.text().strip() or "未命名简报", items=items,
            template=self.template_box.currentData(), bulletin_name=self.bulletin_edit.text().strip() or "工作简报",
            issue=self.issue_edit.text().strip(), issuer=self.issuer_edit.text().strip(),
            issued=date(qdate.year(), qdate.month(), qdate.day()), marking=self.marking_box.currentData(),
            note=self.note_edit.toPlainText(), report_to=self.report_edit.text().strip(),
            send_to=self.send_edit.text().strip(), distribute_to=self.distribute_edit.text().strip(),
            copies=self.copies_box.value() or None)

    def show_spec(self, spec: BriefingSpec) -> None:
        self._loading = True
        try:
            self.title_edit.setText(spec.title)
            self.template_box.setCurrentIndex(self.template_box.findData(spec.template))
            self.bulletin_edit.setText(spec.bulletin_name)
            self.issue_edit.setText(spec.issue)
            self.issuer_edit.setText(spec.issuer)
            self.date_edit.setDate(QDate(spec.issued.year, spec.issued.month, spec.issued.day))
            self.marking_box.setCurrentIndex(max(0, self.marking_box.findData(spec.marking)))
            self.report_edit.setText(spec.report_to)
            self.send_edit.setText(spec.send_to)
            self.distribute_edit.setText(spec.distribute_to)
            self.copies_box.setValue(spec.copies or 0)
            self.note_edit.setPlainText(spec.note)
            self.items.clear()
            for item in spec.items:
                row = QListWidgetItem(self.describe(item))
                row.setData(ITEM_ROLE, item)
                self.items.addItem(row)
        finally:
            self._loading = False
        self.show_notes()

    def show_notes(self) -> None:
        """Say what the printed briefing leaves out (a 目标完成 section with no results yet)."""
        self.notes_label.setText("<br>".join(self.document().notes) or "—")

    # Saving ---------------------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self._autosave.start()

    def save(self) -> int:
        """Write the briefing now (it is also saved automatically shortly after each change)."""
        self._autosave.stop()
        self.show_notes()
        spec = self.spec()
        self.current_id = save_briefing(self.conn, self.data.store.pinned(spec), self.current_id)
        self.refresh_list(select=False)
        return self.current_id

    def flush(self) -> None:
        if self._autosave.isActive():
            self.save()

    def refresh_list(self, select: bool = True) -> None:
        self.saved.blockSignals(True)
        self.saved.clear()
        for info in list_briefings(self.conn):
            row = QListWidgetItem(f"{info.title}\n{info.updated.replace('T', ' ')} · {TEMPLATES[info.template]}")
            row.setData(ID_ROLE, info.id)
            self.saved.addItem(row)
            if info.id == self.current_id:
                self.saved.setCurrentItem(row)
        self.saved.blockSignals(False)

    def open_saved(self, briefing_id: int) -> bool:
        """Open a saved briefing and select it in the list; False if it no longer exists."""
        for row in range(self.saved.count()):
            if self.saved.item(row).data(ID_ROLE) == briefing_id:
                self.saved.setCurrentRow(row)
                return True
        return False

    def open_briefing(self, briefing_id: int) -> None:
        self.flush()
        self.current_id = briefing_id
        self.show_spec(load_briefing(self.conn, briefing_id))

    def new_briefing(self) -> None:
        self.flush()
        saved = [load_briefing(self.conn, info.id) for info in list_briefings(self.conn)]
        self.current_id = save_briefing(self.conn, blank_spec(self.data, saved))
        self.show_spec(load_briefing(self.conn, self.current_id))
        self.refresh_list()

    def duplicate_current(self) -> None:
        if self.current_id is None:
            return
        self.flush()
        self.current_id = duplicate_briefing(self.conn, self.current_id)
        self.show_spec(load_briefing(self.conn, self.current_id))
        self.refresh_list()

    def delete_current(self) -> None:
        if self.current_id is None:
            return
        title = self.title_edit.text()
        answer = QMessageBox.question(self, "删除简报", f"确定删除“{title}”吗？删除后可以用“撤销”找回。",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._autosave.stop()
        key = key_of(self.conn, self.current_id)  # an undo brings it back under the same key
        self.last_deleted = (key, delete_briefing(self.conn, self.current_id))
        self.current_id = None
        self.refresh_list()
        if self.saved.count():
            self.saved.setCurrentRow(0)
        else:
            self.new_briefing()
        window = self.window()
        if hasattr(window, "offer_undo"):
            window.offer_undo(f"已删除“{title}”", self.undo_delete)

    def undo_delete(self) -> None:
        if self.last_deleted is not None:
            key, spec = self.last_deleted
            self.flush()
            self.current_id = save_briefing(self.conn, spec, key=key)
            self.last_deleted = None
            self.show_spec(spec)
            self.refresh_list()

    # Outputs --------------------------------------------------------------------------------------

    def document(self) -> Document:
        spec = self.spec()
        if not spec.items:
            spec = replace(spec, items=(BriefingItem("headlines", "", self.data.report.key),))
        return self.data.store.build_briefing(spec)

    def preview_dialog(self) -> QDialog:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from zzdesk.export.printing import new_printer, print_document

        document = self.document()
        printer = new_printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.printer_keepalive = printer  # type: ignore[attr-defined]  # Qt keeps only a raw pointer to it
        dialog.setWindowTitle(f"预览：{document.spec.title}")
        dialog.paintRequested.connect(lambda device: print_document(document, device))
        fit_to_screen(dialog, 1000, 900)
        return dialog

    def preview(self) -> None:
        self.preview_dialog().exec()

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        from zzdesk.export.printing import has_printer, new_printer, print_document

        if not has_printer():
            QMessageBox.information(self, "没有打印机",
                                    "这台电脑上没有可用的打印机。可以先“导出 PDF”，再在有打印机的电脑上打印。")
            return
        printer = new_printer()
        if QPrintDialog(printer, self).exec():
            print_document(self.document(), printer)

    def export_pdf(self, path: Path) -> int:
        return write_pdf_file(self.document(), path)

    def export_docx(self, path: Path) -> None:
        write_docx_file(self.document(), path)

    def export_ofd(self, path: Path) -> int:
        return write_ofd_file(self.document(), path)

    def ofd_dialog(self) -> None:
        self._export("导出 OFD", "OFD 版式文件 (*.ofd)", ".ofd", write_ofd_file)

    def pdf_dialog(self) -> None:
        self._export("导出 PDF", "PDF 文件 (*.pdf)", ".pdf", write_pdf_file)

    def docx_dialog(self) -> None:
        self._export("导出 Word", "Word 文档 (*.docx)", ".docx", write_docx_file)

    def _export(self, caption: str, pattern: str, suffix: str, write: Callable[[Document, Path], object]) -> None:
        chosen = save_path(self, caption, f"{self.title_edit.text() or '简报'}{suffix}", pattern)
        if chosen is None:
            return
        target = chosen if chosen.name.endswith(suffix) else chosen.with_name(chosen.name + suffix)
        self.export_in_background(target, write)

    def export_in_background(self, target: Path, write: Callable[[Document, Path], object]) -> None:
        """The document is built here, on the GUI thread, from the form as it is now; the job only writes it."""
        document = self.document()

        def done(_result: object) -> None:
            announce(self, f"已导出 {target}")

        def failed(message: str) -> None:
            QMessageBox.warning(self, "导出失败", message)

        run_in_background(lambda: write(document, target), done, failed, busy=f"正在导出 {target.name}…")
