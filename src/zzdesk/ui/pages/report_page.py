"""报告原文: the whole report in order, the place every jump to a passage can land."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from zzdesk.core.briefing import BriefingItem
from zzdesk.ui.data import AppData
from zzdesk.ui.find_bar import FindBar
from zzdesk.ui.pages.base import Page
from zzdesk.ui.report_text import ReportText


class ReportPage(Page):
    title = "报告原文"

    def __init__(self, data: AppData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        report = data.report
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        self.header(layout, f"《{report.title}》原文", f"{report.region} · {report.year}年 · 断行已修复，数字可点击")
        self.text = ReportText(data, data.report_passages)
        self.text.figureClicked.connect(self.figureActivated)
        self.text.addPassage.connect(
            lambda pid: self.briefingItem.emit(BriefingItem("passage", data.passage_by_id[pid].key)))
        self.find_bar = FindBar(self.text)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.text, 1)

    def show_passage(self, passage_id: int, figure_id: int = 0) -> None:
        self.text.show_passage(passage_id, figure_id or None)
