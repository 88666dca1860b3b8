"""文件 → 导入报告 / 从剪贴板导入 / 删除导入的报告."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from zzdesk.core.errors import UserError
from zzdesk.ui import folders
from zzdesk.ui.controllers import Host

if TYPE_CHECKING:
    from zzdesk.core.parsing.report import ParsedReport


class ReportActions:
    def __init__(self, host: Host) -> None:
        self.host = host

    def import_dialog(self) -> None:
        path = folders.open_path(self.host.dialog_parent(), "导入报告", "报告 (*.txt *.docx *.pdf *.ofd);;所有文件 (*)")
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> int | None:
        return self.import_text(path)

    def import_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            QMessageBox.information(self.host.dialog_parent(), "剪贴板是空的",
                                    "请先复制报告的文字，再选择“从剪贴板导入”。")
            return
        self.import_text(text)

    def import_text(self, source: str | Path, review: bool = True) -> int | None:
        """Read and parse off the GUI thread (取消 stops it), review, then store; returns the new report id."""
        from zzdesk.ui.import_dialog import parse_in_background

        parent, data = self.host.dialog_parent(), self.host.data
        known_themes = list(dict.fromkeys(t.name for t in data.themes))
        try:
            parsed = parse_in_background(parent, source, data.entities, known_themes)
        except UserError as exc:
            where = f"{source.name}：" if isinstance(source, Path) else ""
            QMessageBox.warning(parent, "无法导入", f"{where}{exc}")
            return None
        if parsed is None:
            return None  # cancelled
        return self.review_and_commit(parsed, review, known_themes)

    def review_and_commit(self, parsed: ParsedReport, review: bool = True,
                          known_themes: Sequence[str] = ()) -> int | None:
        from zzdesk.core.importing import AlreadyImported
        from zzdesk.ui.import_dialog import ImportReviewDialog

        parent, data = self.host.dialog_parent(), self.host.data
        # Said before the review, so nobody corrects a report that will not be stored.
        if data.store.is_loaded(parsed):
            QMessageBox.information(parent, "已导入", "已导入：这份报告的文本已经在数据中，不需要再核对和导入")
            return None
        if review:
            dialog = ImportReviewDialog(parsed, parent, known_themes)
            if not dialog.exec():
                return None
            parsed = dialog.result_report()
        try:
            changes = data.store.commit_import(parsed)
        except AlreadyImported as exc:
            QMessageBox.information(parent, "已导入", str(exc))
            return None
        except UserError as exc:
            QMessageBox.warning(parent, "导入失败", str(exc))
            return None
        report_id = data.store.report(changes.reports[0]).id
        self.host.data_changed(report_id)
        self.host.say(changes.message)
        return report_id

    def remove_current(self) -> None:
        """Remove the selected imported report, after saying which briefings use it and what becomes of them."""
        parent, desk = self.host.dialog_parent(), self.host.data.store
        report = self.host.data.report
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
