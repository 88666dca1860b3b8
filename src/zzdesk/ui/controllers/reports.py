"""文件 → 导入报告 / 从剪贴板导入 / 删除导入的报告."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from zzdesk.core.briefing import BriefingSpec
from zzdesk.core.briefing_store import list_briefings, load_briefing
from zzdesk.core.errors import UserError
from zzdesk.ui.controllers import Host
from zzdesk.ui.data import AppData


def briefings_using(data: AppData, report_id: int) -> list[str]:
    """Titles of saved briefings with an item taken from report *report_id*."""
    conn = data.store.user_db
    return [info.title for info in list_briefings(conn)
            if _uses(data, load_briefing(conn, info.id), report_id)]


def _uses(data: AppData, spec: BriefingSpec, report_id: int) -> bool:
    own_themes = {t.name for t in data.themes if t.report_id == report_id}
    other_themes = {t.name for t in data.themes if t.report_id != report_id}
    for item in spec.items:
        ref = int(item.ref) if item.ref.isdigit() else None
        if item.kind == "figure" and ref in data.figure_by_id and data.figure_by_id[ref].report_id == report_id:
            return True
        if item.kind == "passage" and ref in data.passage_by_id and data.passage_by_id[ref].report_id == report_id:
            return True
        theme = item.ref.split("/", 1)[0] if item.kind in ("theme", "chart") else None
        if theme in own_themes and theme not in other_themes:
            return True
    return False


class ReportActions:
    def __init__(self, host: Host) -> None:
        self.host = host

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.host.dialog_parent(), "导入报告", "",
                                              "报告文本 (*.txt *.docx);;所有文件 (*)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        from zzdesk.core.parsing.decoding import DecodeError, read_report_bytes

        try:
            text = read_report_bytes(path.read_bytes(), path.name)
        except (OSError, DecodeError) as exc:
            QMessageBox.warning(self.host.dialog_parent(), "无法导入", f"{path.name}：{exc}")
            return
        self.import_text(text)

    def import_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            QMessageBox.information(self.host.dialog_parent(), "剪贴板是空的",
                                    "请先复制报告的文字，再选择“从剪贴板导入”。")
            return
        self.import_text(text)

    def import_text(self, text: str, review: bool = True) -> int | None:
        """Parse, let the user review, then store in one transaction; returns the new report id."""
        from zzdesk.core.importing import AlreadyImported, commit_import
        from zzdesk.core.parsing.report import parse_report
        from zzdesk.ui.import_dialog import ImportReviewDialog

        parent, data = self.host.dialog_parent(), self.host.data
        try:
            parsed = parse_report(text, data.entities)
        except ValueError as exc:
            QMessageBox.warning(parent, "无法识别这份报告", str(exc))
            return None
        if review:
            dialog = ImportReviewDialog(parsed, parent)
            if not dialog.exec():
                return None
            parsed = dialog.result_report()
        try:
            report_id = commit_import(data.store.user_db, parsed, data.store.reference)
        except AlreadyImported as exc:
            QMessageBox.information(parent, "已导入", str(exc))
            return None
        except UserError as exc:
            QMessageBox.warning(parent, "导入失败", str(exc))
            return None
        self.host.data_changed(report_id)
        return report_id

    def remove_current(self) -> None:
        """Remove the selected imported report, after saying which briefings use it and what becomes of them."""
        from zzdesk.core.importing import imported_reports, remove_report

        parent, data = self.host.dialog_parent(), self.host.data
        report = data.report
        if report.id not in {r.id for r in imported_reports(data.store.user_db)}:
            QMessageBox.information(parent, "不能删除", "随程序提供的报告不能删除；只能删除自己导入的报告。")
            return
        self.host.flush_edits()
        question = f"确定删除《{report.title}》（{report.region}，{report.year}年）及其全部指标吗？"
        users = briefings_using(data, report.id)
        if users:
            names = "、".join(f"“{t}”" for t in users)
            question += (f"\n\n以下 {len(users)} 份简报用到了这份报告：{names}。删除后这些简报仍然保留，"
                         "其余内容不变；其中取自这份报告的条目将显示为“已缺失”，不会改用其他报告的数据。")
        answer = QMessageBox.question(parent, "删除导入的报告", question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            remove_report(data.store.user_db, report.id)
            self.host.data_changed(None)
            self.host.say(f"已删除《{report.title}》")
