"""Briefings laid out on the GB/T 9704 page: A4, type area 156 x 225 mm from 37 mm top
and 28 mm left, 22 lines of 28 characters in 3号 (16 pt), page numbers "— n —" in
4号 7 mm below the type area, odd pages right and even pages left.

One painter-based renderer serves PDF (QPdfWriter), printing and print preview
(QPrinter): anything that is a QPagedPaintDevice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from zzdesk.core.briefing import (
    ChartBlock,
    Document,
    FigureTable,
    Heading,
    Paragraph,
    TargetTable,
    chinese_date,
)
from zzdesk.export.bullet_painter import bullets_height_mm, paint_bullets
from zzdesk.export.chart_painter import chart_height_mm, paint_chart
from zzdesk.export.fonts import role_font

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP, WIDTH, HEIGHT = 28.0, 37.0, 156.0, 225.0
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, NUMBER_PT = 16.0, 22.0, 14.0
RED = QColor("#c00000")
BLACK = QColor("#000000")


def compress(numbers: Sequence[int]) -> str:
    """[1, 2, 3, 5] -> '1–3,5' for source markers."""
    parts: list[str] = []
    ordered = sorted(set(numbers))
    start = prev = ordered[0]
    for n in [*ordered[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ",".join(parts)


class Sheet:
    """A cursor over pages of a paged device, in device units."""

    def __init__(self, device: QPagedPaintDevice, painter: QPainter, document: Document) -> None:
        self.device, self.painter, self.document = device, painter, document
        self.dpi = float(device.logicalDpiX())
        self.mm = self.dpi / 25.4
        self.left, self.top = LEFT * self.mm, TOP * self.mm
        self.width, self.height = WIDTH * self.mm, HEIGHT * self.mm
        self.bottom = self.top + self.height
        self.pitch = self.height / LINES
        self.page = 1
        self.y = self.top

    # Fonts ----------------------------------------------------------------------------------------

    def font(self, role: str, size: float, bold: bool = False, spaced: bool = False) -> QFont:
        font = QFont(role_font(role, size, bold), self.device)
        if spaced:
            # 28 characters must fill the 156 mm line exactly: tighten the advance a little.
            advance = QFontMetricsF(font, self.device).horizontalAdvance("国")
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, self.width / CHARS - advance)
        return font

    # Pages ----------------------------------------------------------------------------------------

    def new_page(self) -> None:
        self.page_number()
        self.device.newPage()
        self.page += 1
        self.y = self.top

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom + 0.01 * self.mm:
            self.new_page()

    def skip_lines(self, n: int) -> None:
        self.y = min(self.bottom, self.y + n * self.pitch)

    def page_number(self) -> None:
        font = self.font("songti", NUMBER_PT)
        char = QFontMetricsF(font, self.device).horizontalAdvance("国")
        text = f"— {self.page} —"
        box = QRectF(self.left + char, self.bottom + 7 * self.mm - 2 * self.mm, self.width - 2 * char, 7 * self.mm)
        align = Qt.AlignmentFlag.AlignRight if self.page % 2 else Qt.AlignmentFlag.AlignLeft
        self.painter.setFont(font)
        self.painter.setPen(BLACK)
        self.painter.drawText(box, align | Qt.AlignmentFlag.AlignTop, text)

    # Text -----------------------------------------------------------------------------------------

    def text(self, text: str, font: QFont, indent_chars: float = 2,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignJustify, line_height: float | None = None,
             color: QColor = BLACK, marker: str = "") -> None:
        """Lay out one paragraph line by line on the grid, breaking pages where needed."""
        full = text + (f"[{marker}]" if marker else "")
        layout = QTextLayout(full, font, self.device)
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        if marker:
            superscript = QTextCharFormat()
            superscript.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
            superscript.setFont(self.font("songti", font.pointSizeF() * 0.75))
            superscript.setFontLetterSpacing(100)
            span = QTextLayout.FormatRange()
            # The PySide6 stubs do not list FormatRange's fields, which exist at run time.
            span.start = len(text)  # type: ignore[attr-defined]
            span.length = len(marker) + 2  # type: ignore[attr-defined]
            span.format = superscript  # type: ignore[attr-defined]
            layout.setFormats([span])
        indent = indent_chars * self.width / CHARS
        layout.beginLayout()
        lines: list[QTextLine] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            first = not lines
            line.setLineWidth(self.width - (indent if first else 0))
            line.setPosition(QPointF(indent if first else 0, 0))
            lines.append(line)
        layout.endLayout()
        step = line_height or self.pitch
        self.painter.setPen(color)
        for line in lines:
            self.ensure(step)
            offset = QPointF(self.left, self.y + (step - line.height()) / 2)
            line.draw(self.painter, offset)
            self.y += step

    def centered(self, text: str, font: QFont, color: QColor = BLACK, lines: int = 1) -> None:
        self.ensure(lines * self.pitch)
        self.painter.setFont(font)
        self.painter.setPen(color)
        self.painter.drawText(QRectF(self.left, self.y, self.width, lines * self.pitch),
                              Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        self.y += lines * self.pitch

    def rule(self, color: QColor, thickness_mm: float, y: float | None = None) -> None:
        at = self.y if y is None else y
        self.painter.setPen(QPen(color, thickness_mm * self.mm))
        self.painter.drawLine(QPointF(self.left, at), QPointF(self.left + self.width, at))


# Parts of a briefing ----------------------------------------------------------------------------------

def masthead(sheet: Sheet) -> None:
    """简报 报头: marking, the red bulletin name, 第×期, 编印单位 and date, the red rule."""
    spec = sheet.document.spec
    painter = sheet.painter
    if spec.marking:
        painter.setFont(sheet.font("heiti", BODY_PT))
        painter.setPen(BLACK)
        painter.drawText(QRectF(sheet.left, sheet.y, sheet.width, sheet.pitch), Qt.AlignmentFlag.AlignLeft
                         | Qt.AlignmentFlag.AlignVCenter, spec.marking)
    sheet.y += sheet.pitch
    sheet.centered(spec.bulletin_name, sheet.font("xiaobiaosong", 40, bold=True), RED, lines=2)
    sheet.centered(spec.issue, sheet.font("fangsong", BODY_PT))
    font = sheet.font("fangsong", BODY_PT)
    painter.setFont(font)
    painter.setPen(BLACK)
    row = QRectF(sheet.left, sheet.y, sheet.width, sheet.pitch)
    painter.drawText(row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, spec.issuer)
    painter.drawText(row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, chinese_date(spec.issued))
    sheet.y += sheet.pitch
    sheet.rule(RED, 0.8, sheet.y - 0.1 * sheet.pitch)
    sheet.skip_lines(2)


def title_block(sheet: Sheet) -> None:
    spec = sheet.document.spec
    title_font = sheet.font("xiaobiaosong", TITLE_PT, bold=True)
    width = QFontMetricsF(title_font, sheet.device).horizontalAdvance(spec.title)
    sheet.centered(spec.title, title_font, lines=max(1, math.ceil(width / sheet.width)))
    if spec.template == "report":
        byline = "　".join(x for x in (spec.issuer, chinese_date(spec.issued)) if x)
        sheet.centered(byline, sheet.font("kaiti", BODY_PT))
    sheet.skip_lines(1)


def heading(sheet: Sheet, block: Heading) -> None:
    role, bold = {1: ("heiti", False), 2: ("kaiti", False), 3: ("fangsong", True)}[block.level]
    if sheet.y + 2 * sheet.pitch > sheet.bottom:  # no heading alone at the foot of a page
        sheet.new_page()
    sheet.text(block.text, sheet.font(role, BODY_PT, bold, spaced=True), align=Qt.AlignmentFlag.AlignLeft)


def grid_table(sheet: Sheet, widths_mm: Sequence[float], head: Sequence[str], rows: Sequence[Sequence[str]],
               size: float = 12) -> None:
    """A ruled table, header repeated on each page; text too wide for its cell is set smaller and wrapped."""
    mm = sheet.mm
    widths = [w * mm for w in widths_mm]
    cell_font, small_font = sheet.font("fangsong", size), sheet.font("fangsong", size * 0.8)
    head_font = sheet.font("heiti", size)
    row_h, pad = sheet.pitch * 0.8, 1.5 * mm

    def draw_row(cells: Sequence[str], font: QFont) -> None:
        x = sheet.left
        sheet.painter.setPen(QPen(BLACK, 0.2 * mm))
        for width, text in zip(widths, cells, strict=True):
            box = QRectF(x, sheet.y, width, row_h)
            sheet.painter.drawRect(box)
            fits = QFontMetricsF(font, sheet.device).horizontalAdvance(text) <= width - 2 * pad
            sheet.painter.setFont(font if fits else small_font)
            sheet.painter.drawText(box.adjusted(pad, 0, -pad, 0), Qt.AlignmentFlag.AlignVCenter
                                   | Qt.TextFlag.TextWordWrap, text)
            x += width
        sheet.y += row_h

    sheet.ensure(2 * row_h)
    draw_row(head, head_font)
    for row in rows:
        if sheet.y + row_h > sheet.bottom:
            sheet.new_page()
            draw_row(head, head_font)
        draw_row(row, cell_font)
    sheet.y = sheet.top + math.ceil((sheet.y - sheet.top) / sheet.pitch - 1e-6) * sheet.pitch  # back on the grid


def table(sheet: Sheet, block: FigureTable) -> None:
    grid_table(sheet, (74, 26, 40, 16), ("指标", "时间", "数值", "来源"),
               [(r.indicator, r.when, r.value, f"[{r.source}]") for r in block.rows])


def target_table(sheet: Sheet, block: TargetTable) -> None:
    """目标完成情况: a table with the status in words, the rules beneath, then bullet charts."""
    grid_table(sheet, (44, 12, 24, 26, 14, 36), ("指标", "年份", "目标", "实绩", "状态", "差距"),
               [(f"{r.indicator}[{compress(r.sources)}]", str(r.period), r.target, r.actual, r.status, r.gap)
                for r in block.rows], size=11)
    sheet.text(block.rules, sheet.font("fangsong", 10.5), indent_chars=0, line_height=sheet.pitch * 0.5)
    if any(r.actual_value is not None for r in block.rows):
        height = math.ceil(bullets_height_mm(block.rows) * sheet.mm / sheet.pitch) * sheet.pitch
        sheet.ensure(height)
        paint_bullets(sheet.painter, block.rows, QRectF(sheet.left, sheet.y, sheet.width, height), sheet.dpi)
        sheet.y += height


def chart(sheet: Sheet, block: ChartBlock) -> None:
    height = math.ceil(chart_height_mm(block.spec) * sheet.mm / sheet.pitch) * sheet.pitch
    sheet.ensure(height)
    paint_chart(sheet.painter, block.spec, QRectF(sheet.left, sheet.y, sheet.width, height), sheet.dpi)
    sheet.y += height


def sources(sheet: Sheet) -> None:
    document = sheet.document
    if not document.sources:
        return
    if sheet.y + 3 * sheet.pitch > sheet.bottom:
        sheet.new_page()
    sheet.text("数据来源", sheet.font("heiti", BODY_PT, spaced=True), align=Qt.AlignmentFlag.AlignLeft)
    font = sheet.font("fangsong", NUMBER_PT)
    for source in document.sources:
        sheet.text(f"[{source.number}] {source.text}", font, indent_chars=0, line_height=sheet.pitch * 0.62)


def closing_block(sheet: Sheet) -> None:
    """简报 报尾 at the foot of the last page: 报/送/发 between rules, and 共印×份."""
    spec = sheet.document.spec
    rows = [(label, value) for label, value in (("报", spec.report_to), ("送", spec.send_to),
                                                ("发", spec.distribute_to)) if value]
    if spec.copies:
        rows.append(("", ""))
    if not rows:
        return
    line_h = sheet.pitch * 0.8
    height = len(rows) * line_h
    if sheet.y + height > sheet.bottom:
        sheet.new_page()
    font = sheet.font("fangsong", NUMBER_PT)
    char = QFontMetricsF(font, sheet.device).horizontalAdvance("国")
    y = sheet.bottom - height
    sheet.painter.setFont(font)
    for index, (label, value) in enumerate(rows):
        sheet.rule(BLACK, 0.35 if index == 0 else 0.25, y)
        box = QRectF(sheet.left + char, y, sheet.width - 2 * char, line_h)
        sheet.painter.setPen(BLACK)
        if label:
            sheet.painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                   | Qt.TextFlag.TextWordWrap, f"{label}：{value}")
        if index == len(rows) - 1 and spec.copies:
            sheet.painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                   f"共印{spec.copies}份")
        y += line_h
    sheet.rule(BLACK, 0.35, y)
    sheet.y = sheet.bottom


def render(document: Document, device: QPagedPaintDevice) -> int:
    """Paint *document* onto *device*; returns the number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始绘制（输出文件或打印机不可用）")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        sheet = Sheet(device, painter, document)
        if document.spec.template == "jianbao":
            masthead(sheet)
        title_block(sheet)
        body = sheet.font("fangsong", BODY_PT, spaced=True)
        for block in document.blocks:
            if isinstance(block, Heading):
                heading(sheet, block)
            elif isinstance(block, Paragraph):
                sheet.text(block.text, body, marker=compress(block.sources) if block.sources else "")
            elif isinstance(block, FigureTable):
                table(sheet, block)
            elif isinstance(block, ChartBlock):
                chart(sheet, block)
            elif isinstance(block, TargetTable):
                target_table(sheet, block)
        sources(sheet)
        if document.spec.template == "jianbao":
            closing_block(sheet)
        sheet.page_number()
        return sheet.page
    finally:
        painter.end()
