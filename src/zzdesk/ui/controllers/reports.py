"""文件 → 导入报告 / 从剪贴板导入 / 删除导入的报告."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from zzdesk.core.errors import UserError
from zzdesk.ui import folders, tasks
from zzdesk.ui.controllers import Host, wait_for_writes

if TYPE_CHECKING:
    from zzdesk.core.desk import Changes
    from zzdesk.core.parsing.report import ParsedReport


Finished = Callable[[int | None], None]  # told the new report's id, or None when nothing was imported


class ReportActions:
    """Import: the parse and the commit run in the background (ui.tasks) and the window stays usable;
    the review in between is a dialog.  One import at a time."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.importing = False

    def import_dialog(self) -> None:
        path = folders.open_path(self.host.dialog_parent(), "导入报告", "报告 (*.txt *.docx *.pdf *.ofd);;所有文件 (*)")
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path, then: Finished | None = None) -> None:
        self.import_text(path, then=then)

    def import_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            QMessageBox.information(self.host.dialog_parent(), "剪贴板是空的",
                                    "请先复制报告的文字，再选择“从剪贴板导入”。")
            return
        self.import_text(text)

    def import_text(self, source: str | Path, review: bool = True, then: Finished | None = None) -> None:
        """Read and parse (取消 stops it), review, store; *then* is told the new report's id (None: not imported)."""
        from zzdesk.ui.import_dialog import start_parse

        parent, data = self.host.dialog_parent(), self.host.data
        if self.importing:
            QMessageBox.information(parent, "正在导入", "正在导入另一份报告，请等它完成后再导入。")
            return _tell(then, None)
        if wait_for_writes(parent):
            return _tell(then, None)
        self.importing = True
        known_themes = list(dict.fromkeys(t.name for t in data.themes))

        def parsed(report: ParsedReport | None) -> None:
            if report is None:  # cancelled, or the window is closing
                return self._finished(then, None)
            # After the parse has left the running jobs: the review is not "work in progress".
            QTimer.singleShot(0, lambda: self._review_and_commit(report, review, known_themes, then))

        def refused(message: str) -> None:
            where = f"{source.name}：" if isinstance(source, Path) else ""
            QMessageBox.warning(parent, "无法导入", f"{where}{message}")
            self._finished(then, None)

        start_parse(parent, source, data.entities, known_themes, parsed, refused)

    def _review_and_commit(self, parsed: ParsedReport, review: bool, known_themes: Sequence[str],
                           then: Finished | None) -> None:
        from zzdesk.ui.import_dialog import ImportReviewDialog

        parent, desk = self.host.dialog_parent(), self.host.data.store
        if not parent.isVisible():  # the window closed while the parse ended
            return self._finished(then, None)
        # Said before the review, so nobody corrects a report that will not be stored.
        if desk.is_loaded(parsed):
            QMessageBox.information(parent, "已导入", "已导入：这份报告的文本已经在数据中，不需要再核对和导入")
            return self._finished(then, None)
        if review:
            dialog = ImportReviewDialog(parsed, parent, known_themes)
            if not dialog.exec():
                return self._finished(then, None)
            parsed = dialog.result_report()

        def stored(changes: Changes) -> None:
            desk.took(changes)
            report_id = desk.report(changes.reports[0]).id
            self.host.data_changed(report_id)
            self.host.say(changes.message)
            self._finished(then, report_id)

        def failed(message: str) -> None:
            QMessageBox.warning(parent, "导入失败", message)
            self._finished(then, None)

        # One transaction in the worker, on its own connection: the window keeps answering, and
        # quitting waits for it, so the report is stored whole or not at all.
        tasks.run_in_background(desk.import_job(parsed), stored, failed, busy=f"正在导入《{parsed.title}》…",
                                writes=True)

    def _finished(self, then: Finished | None, report_id: int | None) -> None:
        self.importing = False
        _tell(then, report_id)

    def remove_current(self) -> None:
        """Remove the selected imported report, after saying which briefings use it and what becomes of them."""
        parent, desk = self.host.dialog_parent(), self.host.data.store
        report = self.host.data.report
        if wait_for_writes(parent):
            return
        if not desk.is_imported(report):
            QMessageBox.information(parent, "不能删除", "随程序提供的报告不能删除；只能删除自己导入的报告。")
            return
        self.host.flush_edits()  # a briefing being typed is saved (and so counted) first
        impact = desk.removal_impact(report.key)
        question = f"确定删除《{report.title}》（{report.region}，{report.year}年）及其全部指标吗？"
        if impact.briefings:
            question += (f"\n\n{len(impact.briefings)} 份简报用到了这份报告。{impact.description}"
                         "这些简报本身保留，其余内容不变。")
        answer = QMessageBox.question(parent, "删除导入的报告", question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            changes = desk.remove_report(report.key, force=True)  # the user has just agreed to what it does
        except UserError as exc:
            QMessageBox.warning(parent, "没有删除", str(exc))
            return
        self.host.data_changed(None)
        self.host.say(changes.message)


def _tell(then: Finished | None, report_id: int | None) -> None:
    if then is not None:
        then(report_id)
