"""Briefing to Word (DOCX) with python-docx: the same content as the PDF, on the same
GB/T 9704 page, with paragraph styles named as the template names them (简报正文,
一级标题 …) so an office can restyle it in Word or WPS."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from PySide6.QtCore import QBuffer, QIODevice

from zzdesk.core.briefing import ChartBlock, Document, FigureTable, Heading, Paragraph, TargetTable, chinese_date
from zzdesk.core.safe_files import write_bytes
from zzdesk.export.chart_painter import chart_image
from zzdesk.export.page_layout import (
    BODY_PT,
    HEIGHT,
    LEFT,
    LINES,
    NUMBER_PT,
    PAGE_H,
    PAGE_W,
    TITLE_PT,
    TOP,
    WIDTH,
    compress,
)

# The standard office families (Word/WPS substitute their own where one is missing).
FAMILIES = {"fangsong": "仿宋_GB2312", "heiti": "黑体", "kaiti": "楷体_GB2312", "xiaobiaosong": "方正小标宋简体",
            "songti": "宋体"}
PITCH_PT = HEIGHT / LINES / 25.4 * 72  # ≈ 28.95 pt: 22 lines in the type area
RED = RGBColor(0xC0, 0x00, 0x00)

# style name -> (font role, size, bold, alignment, first-line indent in characters, exact line height)
STYLES: dict[str, tuple[str, float, bool, WD_ALIGN_PARAGRAPH, float, float]] = {
    "简报正文": ("fangsong", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, PITCH_PT),
    "简报标题": ("xiaobiaosong", TITLE_PT, True, WD_ALIGN_PARAGRAPH.CENTER, 0, PITCH_PT * 1.2),
    "一级标题": ("heiti", BODY_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 2, PITCH_PT),
    "二级标题": ("kaiti", BODY_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 2, PITCH_PT),
    "三级标题": ("fangsong", BODY_PT, True, WD_ALIGN_PARAGRAPH.LEFT, 2, PITCH_PT),
    "报头名称": ("xiaobiaosong", 40, True, WD_ALIGN_PARAGRAPH.CENTER, 0, PITCH_PT * 2),
    "报头信息": ("fangsong", BODY_PT, False, WD_ALIGN_PARAGRAPH.CENTER, 0, PITCH_PT),
    "密级标识": ("heiti", BODY_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 0, PITCH_PT),
    "图表": ("fangsong", BODY_PT, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),
    "表格文字": ("fangsong", 12, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 0),
    "数据来源": ("fangsong", NUMBER_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 18),
    "报尾": ("fangsong", NUMBER_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 1, PITCH_PT * 0.8),
    "页码": ("songti", NUMBER_PT, False, WD_ALIGN_PARAGRAPH.RIGHT, 0, 0),
}
HEADING_STYLES = {1: "一级标题", 2: "二级标题", 3: "三级标题"}


def _set_east_asian(element: object, family: str) -> None:
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), family)


def _styles(doc: DocxDocument) -> None:
    for name, (role, size, bold, align, indent, line) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.name = FAMILIES[role]
        style.font.size = Pt(size)
        style.font.bold = bold
        _set_east_asian(style.element, FAMILIES[role])
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(size * indent)
        if line:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(line)


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.left_margin = Mm(TOP), Mm(LEFT)
    section.right_margin = Mm(PAGE_W - LEFT - WIDTH)
    section.bottom_margin = Mm(PAGE_H - TOP - HEIGHT)
    section.footer_distance = Mm(PAGE_H - TOP - HEIGHT - 7 - 5)
    doc.settings.odd_and_even_pages_header_footer = True
    footers = ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
    for footer, align in footers:
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles["页码"]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.left_indent = fmt.right_indent = Pt(NUMBER_PT)  # one character in from the edge
        paragraph.add_run("— ")
        _page_field(paragraph)
        paragraph.add_run(" —")


def _page_field(paragraph: DocxParagraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _border(paragraph: DocxParagraph, edge: str, color: str, eighths: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{edge}")
    for key, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", "1"), ("w:color", color)):
        line.set(qn(key), value)
    borders.append(line)


def _masthead(doc: DocxDocument, document: Document) -> None:
    spec = document.spec
    doc.add_paragraph(spec.marking, style="密级标识")
    name = doc.add_paragraph(style="报头名称")
    run = name.add_run(spec.bulletin_name)
    run.font.color.rgb = RED
    doc.add_paragraph(spec.issue, style="报头信息")
    line = doc.add_paragraph(style="报头信息")
    line.alignment = WD_ALIGN_PARAGRAPH.LEFT
    line.paragraph_format.tab_stops.add_tab_stop(Mm(WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    line.add_run(f"{spec.issuer}\t{chinese_date(spec.issued)}")
    _border(line, "bottom", "C00000", 12)
    doc.add_paragraph(style="简报正文")
    doc.add_paragraph(style="简报正文")


def _table(doc: DocxDocument, block: FigureTable) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(74), Mm(26), Mm(40), Mm(16)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice and WPS read; cells get theirs below
    for cell, text, width in zip(table.rows[0].cells, ("指标", "时间", "数值", "来源"), widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.styles["表格文字"]
        paragraph.add_run(text).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text, width in zip(cells, (row.indicator, row.when, row.value, f"[{row.source}]"), widths,
                                     strict=True):
            cell.width = width
            cell.paragraphs[0].style = doc.styles["表格文字"]
            cell.paragraphs[0].add_run(text)


def _target_table(doc: DocxDocument, block: TargetTable) -> None:
    table = doc.add_table(rows=1, cols=6)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    widths = [Mm(50), Mm(14), Mm(24), Mm(26), Mm(16), Mm(26)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, text in zip(table.rows[0].cells, ("指标", "年份", "目标", "实绩", "状态", "差距"), strict=True):
        cell.paragraphs[0].style = doc.styles["表格文字"]
        cell.paragraphs[0].add_run(text).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        values = (f"{row.indicator}[{compress(row.sources)}]", str(row.period), row.target, row.actual, row.status,
                  row.gap)
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0].style = doc.styles["表格文字"]
            cell.paragraphs[0].add_run(text)
    doc.add_paragraph(block.rules, style="数据来源")


def _closing(doc: DocxDocument, document: Document) -> None:
    spec = document.spec
    rows = [f"{label}：{value}" for label, value in (("报", spec.report_to), ("送", spec.send_to),
                                                    ("发", spec.distribute_to)) if value]
    if spec.copies:
        rows.append(f"\t共印{spec.copies}份")
    for index, text in enumerate(rows):
        paragraph = doc.add_paragraph(style="报尾")
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(WIDTH - 5), WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(text)
        _border(paragraph, "top", "000000", 8 if index == 0 else 4)
        if index == len(rows) - 1:
            _border(paragraph, "bottom", "000000", 8)


def write_docx(document: Document, path: Path) -> None:
    doc = new_document()
    _styles(doc)
    _page(doc)
    spec = document.spec
    doc.core_properties.title = spec.title
    if spec.template == "jianbao":
        _masthead(doc, document)
    doc.add_paragraph(spec.title, style="简报标题")
    if spec.template == "report":
        byline = "　".join(x for x in (spec.issuer, chinese_date(spec.issued)) if x)
        doc.add_paragraph(byline, style="二级标题").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(style="简报正文")
    for block in document.blocks:
        if isinstance(block, Heading):
            doc.add_paragraph(block.text, style=HEADING_STYLES[block.level])
        elif isinstance(block, Paragraph):
            paragraph = doc.add_paragraph(block.text, style="简报正文")
            if block.sources:
                paragraph.add_run(f"[{compress(block.sources)}]").font.superscript = True
        elif isinstance(block, FigureTable):
            _table(doc, block)
        elif isinstance(block, TargetTable):
            _target_table(doc, block)
        elif isinstance(block, ChartBlock):
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            # The stubs type the format as bytes; PySide6 itself accepts only str.
            chart_image(block.spec, WIDTH, dpi=300).save(buffer, "PNG")  # type: ignore[call-overload]
            picture = doc.add_paragraph(style="图表")
            picture.add_run().add_picture(io.BytesIO(bytes(buffer.data().data())), width=Mm(WIDTH))
    if document.sources:
        doc.add_paragraph("数据来源", style="一级标题")
        for source in document.sources:
            doc.add_paragraph(f"[{source.number}] {source.text}", style="数据来源")
    if spec.template == "jianbao":
        _closing(doc, document)
    content = io.BytesIO()
    doc.save(content)
    write_bytes(path, content.getvalue())  # atomic: a full disk keeps the previous file
