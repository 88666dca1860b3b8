"""目标完成: every target against the later report's result, with the rules in plain words
and a bullet chart; the whole section can go into a briefing."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zzdesk.core.briefing import BriefingData, BriefingItem, BriefingSpec, TargetRow, TargetTable, build_document
from zzdesk.core.records import ReportRecord
from zzdesk.core.targets import RULES_TEXT, TargetCheck
from zzdesk.export.bullet_painter import STATUS_COLOURS, bullets_height_mm, paint_bullets
from zzdesk.ui.data import AppData
from zzdesk.ui.pages.base import Page

COLUMNS = ["指标", "年份", "目标", "实绩", "状态", "差距", "判定规则", "目标出处", "实绩出处"]


class BulletChart(QWidget):
    """The printed bullet chart, painted on screen at the screen's resolution."""

    def __init__(self, rows: tuple[TargetRow, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.setMinimumHeight(int(self.sizeHint().height()))

    def sizeHint(self) -> QSize:
        return QSize(700, int(bullets_height_mm(self.rows) * self.logicalDpiY() / 25.4) + 8)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        paint_bullets(painter, self.rows, QRectF(8, 4, self.width() - 16, self.height() - 8), self.logicalDpiY())
        painter.end()


def cited(report: ReportRecord) -> str:
    return f"《{report.title}》（{report.region}，{report.year}年）"


def chart_sources(checks: list[TargetCheck]) -> str:
    """来源 under the bullet chart: which report each 〔N年报告〕 there is."""
    reports = {r.id: r for c in checks for r in (c.target_report, c.actual_report) if r is not None}
    return ("图中来源：" + "；".join(f"〔{r.year}年报告〕{cited(r)}" for r in sorted(reports.values(),
                                                                           key=lambda r: (r.year, r.id)))
            if reports else "")


def target_rows(data: AppData, checks: list[TargetCheck]) -> tuple[TargetRow, ...]:
    """The same rows a printed briefing shows, from the same builder."""
    briefing = BriefingData(data.report, [], list(data.passages), data.entities, checks, data.reports)
    document = build_document(BriefingSpec("目标完成", (BriefingItem("targets", ""),)), briefing)
    table = next((b for b in document.blocks if isinstance(b, TargetTable)), None)
    return table.rows if table else ()


class TargetsPage(Page):
    title = "目标完成"

    def __init__(self, data: AppData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.checks = data.target_checks()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        judged = [c for c in self.checks if c.actual is not None]
        report = data.report
        self.header(layout, "目标完成",
                    f"《{report.title}》（{report.year}年）定下的目标，以及它的实绩所对照的上一年目标："
                    f"共 {len(self.checks)} 项，其中 {len(judged)} 项已有后一年报告的实绩可对照。"
                    "每个数字后注明所出自的报告和年份。载入下一年的报告（文件 → 导入报告）后，这里会自动对照。")
        rules = QLabel(RULES_TEXT)
        rules.setObjectName("pageSubtitle")
        rules.setWordWrap(True)
        layout.addWidget(rules)
        add = QPushButton("加入简报")
        add.setToolTip("把目标完成情况（表格与图）加入正在编辑的简报")
        add.clicked.connect(lambda: self.briefingItem.emit(BriefingItem("targets", "")))
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = self._table()
        self.splitter.addWidget(self.table)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.chart = BulletChart(target_rows(data, judged))
        scroll.setWidget(self.chart)
        self.splitter.addWidget(scroll)
        layout.addWidget(self.splitter, 1)
        self.chart_sources = QLabel(chart_sources(judged))
        self.chart_sources.setObjectName("sourceLine")
        self.chart_sources.setWordWrap(True)
        layout.addWidget(self.chart_sources)

    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.checks), len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        order = {"未达标": 0, "待核实": 1, "达标": 2, "无数据": 3}
        for row, c in enumerate(sorted(self.checks, key=lambda c: (order[c.status], c.indicator))):
            actual = "—"
            if c.actual is not None and c.actual_report is not None:
                actual = (f"{c.actual.display_value}{'（预计）' if c.actual.kind == 'expected' else ''}"
                          f"〔{c.actual_report.year}年报告〕")
            values = [c.indicator, str(c.period), f"{c.target.display_value}〔{c.target_report.year}年报告〕", actual,
                      c.status, c.gap_text, c.rule, cited(c.target_report),
                      cited(c.actual_report) if c.actual_report else "—"]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setForeground(STATUS_COLOURS.get(c.status, QColor("#222222")))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if column == 2:
                    item.setToolTip(f"{cited(c.target_report)}：“{c.target.quote}”")
                if column == 3 and c.actual is not None and c.actual_report is not None:
                    item.setToolTip(f"{cited(c.actual_report)}：“{c.actual.quote}”")
                table.setItem(row, column, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table
