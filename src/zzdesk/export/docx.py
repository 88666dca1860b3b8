"""Briefing to Word (DOCX) with python-docx: the same content as the PDF, on the same
GB/T 9704 page, with paragraph styles named as the template names them (简报正文,
一级标题 …) so an office can restyle it in Word or WPS.

The section carries a document grid of 22 lines × 28 characters (w:docGrid linesAndChars)
so Word, WPS and LibreOffice set 28 characters per line as the PDF does; headings keep
with the next paragraph, table header rows repeat, and the 报尾 is a table floating at the
foot of the last page, never split.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage

from zzdesk.core.briefing import ChartBlock, Document, FigureTable, Heading, Paragraph, TargetTable, chinese_date
from zzdesk.core.safe_files import write_bytes
from zzdesk.export.bullet_painter import bullets_image
from zzdesk.export.chart_painter import chart_height_mm, chart_image
from zzdesk.export.docx_fonts import embed_fonts
from zzdesk.export.page_layout import (
    BODY_PT,
    CHARS,
    CHART_FLOOR,
    CHART_GAP,
    FIGURE_COLUMNS,
    HEIGHT,
    ISSUER_LEADING,
    LEFT,
    LINES,
    NUMBER_PT,
    PAGE_H,
    PAGE_NUMBER_GAP,
    PAGE_W,
    TABLE_LEADING,
    TABLE_PAD,
    TABLE_ROW,
    TARGET_COLUMNS,
    TITLE_PT,
    TOP,
    WIDTH,
    Face,
    byline_face,
    compress,
    fitted_size,
    lay_out,
    shared_metrics,
    vocabulary,
)
from zzdesk.export.titles import title_lines

# The standard office families (Word/WPS substitute their own where one is missing).
FAMILIES = {"fangsong": "仿宋_GB2312", "heiti": "黑体", "kaiti": "楷体_GB2312", "xiaobiaosong": "方正小标宋简体",
            "songti": "宋体"}
# 28.95 pt: the 22nd line of the type area's 225 mm must fit, so the pitch is rounded down to whole
# twentieths of a point (rounded up, to 29 pt, Word's page set-up and LibreOffice's grid count 21 lines and
# LibreOffice sets half a line of space above and below them on every page).
PITCH_PT = math.floor(HEIGHT / 25.4 * 1440 / LINES) / 20
CHAR_PT = WIDTH / CHARS / 25.4 * 72  # ≈ 15.79 pt: 28 characters in a line
BODY_SPACING_TWIPS = -6  # twentieths of a point between 3号 characters: 28 to the line
DOCX_CHART_SLACK = HEIGHT / LINES / 2  # mm
RED = RGBColor(0xC0, 0x00, 0x00)
RED_HEX = "C00000"

# style name -> (font role, size, bold, alignment, first-line indent in characters, exact line height)
STYLES: dict[str, tuple[str, float, bool, WD_ALIGN_PARAGRAPH, float, float]] = {
    "简报正文": ("fangsong", BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, PITCH_PT),
    "简报标题": ("xiaobiaosong", TITLE_PT, False, WD_ALIGN_PARAGRAPH.CENTER, 0, PITCH_PT),
    "一级标题": ("heiti", BODY_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 2, PITCH_PT),
    "二级标题": ("kaiti", BODY_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 2, PITCH_PT),
    "三级标题": ("fangsong", BODY_PT, True, WD_ALIGN_PARAGRAPH.LEFT, 2, PITCH_PT),
    "报头名称": ("xiaobiaosong", 40, False, WD_ALIGN_PARAGRAPH.CENTER, 0, PITCH_PT * 2),
    "报头信息": ("fangsong", BODY_PT, False, WD_ALIGN_PARAGRAPH.CENTER, 0, PITCH_PT),
    "密级标识": ("heiti", BODY_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 0, PITCH_PT),
    "图表": ("fangsong", 1, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),  # 1 pt: no descent below the picture
    "表格文字": ("fangsong", 12, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 12 * TABLE_LEADING),
    "表格说明": ("fangsong", 10.5, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, PITCH_PT * 0.5),
    "数据来源": ("fangsong", NUMBER_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 18),
    "报尾": ("fangsong", NUMBER_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 0, PITCH_PT * 0.62),
    "页码": ("songti", NUMBER_PT, False, WD_ALIGN_PARAGRAPH.RIGHT, 0, NUMBER_PT),
}
HEADING_STYLES = {1: "一级标题", 2: "二级标题", 3: "三级标题"}
KEEP_WITH_NEXT = {"一级标题", "二级标题", "三级标题", "简报标题", "报头名称", "报头信息", "密级标识"}


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


# Schema order of the children Word insists on (ECMA-376 CT_PPr, CT_RPr, CT_TblPr).
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
)


def _put(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> None:
    """Insert *child* into *parent* where the schema wants it, replacing one of the same tag."""
    tag = child.tag.split("}")[1]
    rank = order.index(tag)
    for existing in list(parent):
        if existing.tag == child.tag:
            parent.remove(existing)
    for existing in parent:
        name = existing.tag.split("}")[1]
        if name in order and order.index(name) > rank:
            existing.addprevious(child)
            return
    parent.append(child)


def _set_east_asian(element: object, family: str) -> None:
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), family)


def _defaults(doc: DocxDocument) -> None:
    """Document defaults of 3号仿宋: the grid's character pitch is counted from this size (Word, LibreOffice)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = _element(tag)
            rpr.append(element)
        element.set(qn("w:val"), str(round(BODY_PT * 2)))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), FAMILIES["fangsong"])
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    # Chinese text: LibreOffice breaks lines by the language's rules (with en-US a character and the
    # opening quote after it stay together, leaving 26 characters on a line) and Word picks Chinese fonts.
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc: DocxDocument) -> None:
    _defaults(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)  # the grid's character pitch is counted from the default size
    normal.font.name = FAMILIES["fangsong"]
    _set_east_asian(normal.element, FAMILIES["fangsong"])
    for name, (role, size, bold, align, indent, line) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.name = FAMILIES[role]
        style.font.size = Pt(size)
        style.font.bold = bold
        _set_east_asian(style.element, FAMILIES[role])
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.space_before = fmt.space_after = Pt(0)
        # As on the PDF page, whose pagination the document follows: a paragraph may leave one line at
        # a page foot, so Word, WPS and LibreOffice break the pages where the PDF does.
        fmt.widow_control = False
        fmt.keep_with_next = name in KEEP_WITH_NEXT
        if indent:
            fmt.first_line_indent = Pt(size * indent)
        if line:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(line)
        _off_the_character_grid(style.element, size)


def _off_the_character_grid(style: object, size: float) -> None:
    """Set 3号 text 28 to the line by character spacing rather than by snapping to the grid's cells.

    Word and WPS squeeze a character into a smaller grid cell, LibreOffice gives it two cells; a
    spacing of -0.3 pt (28 × 15.7 pt fits the 442 pt line with room for rounding, 29 do not) reads the
    same in all three."""
    ppr = style.get_or_add_pPr()  # type: ignore[attr-defined]
    _put(ppr, _element("w:snapToGrid", val="0"), PPR_ORDER)
    # No extra space between Chinese and digits or Latin, as on the PDF page.
    _put(ppr, _element("w:autoSpaceDE", val="0"), PPR_ORDER)
    _put(ppr, _element("w:autoSpaceDN", val="0"), PPR_ORDER)
    if size == BODY_PT:
        rpr = style.get_or_add_rPr()  # type: ignore[attr-defined]
        _put(rpr, _element("w:spacing", val=str(BODY_SPACING_TWIPS)), RPR_ORDER)


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.left_margin = Mm(TOP), Mm(LEFT)
    section.right_margin = Mm(PAGE_W - LEFT - WIDTH)
    section.bottom_margin = Mm(PAGE_H - TOP - HEIGHT)
    # The footer's one line (4号, exactly 14 pt) starts 7 mm below the type area.
    section.footer_distance = Mm(PAGE_H - TOP - HEIGHT - PAGE_NUMBER_GAP) - Pt(NUMBER_PT)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = _element("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(PITCH_PT * 20)))
    grid.set(qn("w:charSpace"), str(round((CHAR_PT - BODY_PT) * 4096)))
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
    field = _element("w:fldSimple", instr="PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _cell_borders(cell: _Cell, **edges: tuple[int, str] | None) -> None:
    """Borders of one cell: edge -> (eighths of a point, colour) or None for none."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = _element("w:tcBorders")
        tcpr.append(borders)
    for edge in ("top", "left", "bottom", "right"):
        spec = edges.get(edge)
        borders.append(_element(f"w:{edge}", val="nil") if spec is None
                       else _element(f"w:{edge}", val="single", sz=str(spec[0]), space="0", color=spec[1]))


def _table_properties(table: Table, *, header: bool = False, lowest: float = TABLE_ROW) -> None:
    """Rows that never split across pages, at least *lowest* mm high (as in the PDF), text centred in
    them; the first row repeated on each page when *header*."""
    for index, row in enumerate(table.rows):
        row.height, row.height_rule = Mm(lowest), WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell in row.cells:
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        trpr = row._tr.get_or_add_trPr()
        trpr.append(_element("w:cantSplit"))
        if header and index == 0:
            trpr.append(_element("w:tblHeader"))


def _cell_margins(table: Table, **edges: float) -> None:
    """Cell margins of *table* in mm by edge (top, left, bottom, right)."""
    margins = _element("w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        if edge in edges:
            margins.append(_element(f"w:{edge}", w=str(round(edges[edge] / 25.4 * 1440)), type="dxa"))
    _put(table._tbl.tblPr, margins, TBLPR_ORDER)


def _masthead(doc: DocxDocument, document: Document) -> None:
    spec = document.spec
    doc.add_paragraph(spec.marking, style="密级标识")
    name = doc.add_paragraph(style="报头名称")
    run = name.add_run(spec.bulletin_name)
    run.font.color.rgb = RED
    doc.add_paragraph(spec.issue, style="报头信息")
    # 编印单位 and date in two cells: the issuer wraps in its own cell, the date never breaks.
    day = chinese_date(spec.issued)
    date_width = Pt(BODY_PT * (len(day) + 1))
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    widths = (Mm(WIDTH) - date_width, date_width)
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
        column.width = cell.width = width
    _cell_margins(table, left=0, right=0)
    issuer, date_cell = table.rows[0].cells
    issuer.paragraphs[0].style = doc.styles["报头信息"]
    issuer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    # Shrunk as in the PDF (down to 12 pt) to stay on one line beside the date; wrapped lines as close as
    # the PDF sets them, so that two of them take no more than the row's one line slot.
    cell_mm = (Mm(WIDTH) - date_width) / Mm(1)
    size = fitted_size(shared_metrics(), spec.issuer, Face("fangsong", BODY_PT), cell_mm, 12).size
    issuer.paragraphs[0].add_run(spec.issuer).font.size = Pt(size)
    issuer.paragraphs[0].paragraph_format.line_spacing = Pt(size * ISSUER_LEADING)
    date_cell.paragraphs[0].style = doc.styles["报头信息"]
    date_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date_cell.paragraphs[0].add_run(day)
    for cell in (issuer, date_cell):
        _cell_borders(cell, bottom=(18, RED_HEX))
    _table_properties(table, lowest=HEIGHT / LINES)
    doc.add_paragraph(style="简报正文")
    doc.add_paragraph(style="简报正文")


def _grid_table(doc: DocxDocument, widths_mm: tuple[float, ...], head: tuple[str, ...],
                rows: list[tuple[str, ...]], size: float = 12) -> None:
    """A ruled table with the PDF's cell padding, leading and lowest row, in *size* points."""
    table = doc.add_table(rows=1, cols=len(head))
    table.style = doc.styles["Table Grid"]
    # A row as high as in the PDF, whose rules take no height: here a 0.5 pt rule is counted into it.
    vertical = TABLE_PAD - 0.5 * 25.4 / 72 / 2
    _cell_margins(table, top=vertical, left=TABLE_PAD, bottom=vertical, right=TABLE_PAD)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(w) for w in widths_mm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice and WPS read; cells get theirs below
    for cell, text, width in zip(table.rows[0].cells, head, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.styles["表格文字"]
        paragraph.add_run(text).font.name = FAMILIES["heiti"]
        _set_east_asian(paragraph.runs[0]._r, FAMILIES["heiti"])
    for row in rows:
        cells = table.add_row().cells
        for cell, text, width in zip(cells, row, widths, strict=True):
            cell.width = width
            cell.paragraphs[0].style = doc.styles["表格文字"]
            cell.paragraphs[0].add_run(text)
    if size != 12:
        for cell in (c for r in table.rows for c in r.cells):
            cell.paragraphs[0].paragraph_format.line_spacing = Pt(size * TABLE_LEADING)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(size)
    _table_properties(table, header=True)


def _table(doc: DocxDocument, block: FigureTable) -> None:
    _grid_table(doc, *FIGURE_COLUMNS,
                [(r.indicator, r.when, r.value, f"[{r.source}]") for r in block.rows])


def _target_table(doc: DocxDocument, block: TargetTable) -> None:
    _grid_table(doc, *TARGET_COLUMNS,
                [(f"{r.indicator}[{compress(r.sources)}]", str(r.period), r.target, r.actual, r.status, r.gap)
                 for r in block.rows], size=11)
    doc.add_paragraph(block.rules, style="表格说明")
    if any(r.actual_value is not None for r in block.rows):
        # A picture (300 dpi), as for the other charts: Word has no vector drawing python-docx can write.
        _picture(doc, bullets_image(block.rows, WIDTH))


def _closing(doc: DocxDocument, document: Document) -> None:
    """报尾: a one-column table floating at the foot of the type area, anchored on the last page.

    Rows never split and each draws its own rules, so no rule merges away.  The table is as wide as
    the type area."""
    spec = document.spec
    rows = [(f"{label}：", value.strip()) for label, value in (("报", spec.report_to), ("送", spec.send_to),
                                                              ("发", spec.distribute_to)) if value.strip()]
    copies = f"共印{spec.copies}份" if spec.copies else ""
    if copies and not rows:
        rows.append(("", ""))
    if not rows:
        return
    width = Mm(WIDTH)
    table = doc.add_table(rows=len(rows), cols=1)
    table.autofit = False
    table.columns[0].width = width
    _cell_margins(table, left=0, right=0)
    _put(table._tbl.tblPr, _element("w:tblW", w=str(round(WIDTH / 25.4 * 1440)), type="dxa"), TBLPR_ORDER)
    # Placed from the page's left edge (at the type area's left, 28 mm): LibreOffice keeps a floating table
    # as wide as the type area floating only when its position is relative to the page.
    _put(table._tbl.tblPr, _element("w:tblpPr", vertAnchor="margin", horzAnchor="page",
                                    tblpX=str(round(LEFT / 25.4 * 1440)), tblpYSpec="bottom", leftFromText="0",
                                    rightFromText="0", topFromText="0", bottomFromText="0"), TBLPR_ORDER)
    _put(table._tbl.tblPr, _element("w:tblOverlap", val="never"), TBLPR_ORDER)
    for index, ((lead, value), row) in enumerate(zip(rows, table.rows, strict=True)):
        cell = row.cells[0]
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.styles["报尾"]
        fmt = paragraph.paragraph_format
        # One character in from each side; wrapped lines hang after the colon.
        fmt.left_indent = Pt(NUMBER_PT * (1 + len(lead)))
        fmt.first_line_indent = Pt(-NUMBER_PT * len(lead))
        fmt.right_indent = Pt(NUMBER_PT)
        fmt.space_before = fmt.space_after = Pt(3)
        paragraph.add_run(lead + value)
        if index == len(rows) - 1 and copies:
            fmt.tab_stops.add_tab_stop(width - Pt(NUMBER_PT), WD_TAB_ALIGNMENT.RIGHT)
            paragraph.add_run(f"\t{copies}")
        top = (8, "000000") if index == 0 else (6, "000000")
        bottom = (8, "000000") if index == len(rows) - 1 else (6, "000000")
        _cell_borders(cell, top=top, bottom=bottom, left=None, right=None)
    _table_properties(table)
    # The paragraph the floating table is anchored to: 1 pt high, so it fits beside the table's page.
    anchor = doc.add_paragraph(style="报尾")
    anchor.paragraph_format.line_spacing = Pt(1)
    anchor.paragraph_format.space_before = anchor.paragraph_format.space_after = Pt(0)
    anchor.add_run("").font.size = Pt(1)


def _title(doc: DocxDocument, document: Document) -> None:
    paragraph = doc.add_paragraph(style="简报标题")
    per_line = int(WIDTH // (TITLE_PT * 25.4 / 72))
    for index, line in enumerate(title_lines(document.spec.title, per_line, vocabulary(document))):
        run = paragraph.add_run(line)
        if index:
            run._r.addprevious(_element("w:r"))
            run._r.getprevious().append(_element("w:br"))


def _picture(doc: DocxDocument, image: QImage, width_mm: float = WIDTH) -> None:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; PySide6 takes str
    picture = doc.add_paragraph(style="图表")
    picture.paragraph_format.keep_together = True
    picture.paragraph_format.space_after = Mm(CHART_GAP * width_mm / WIDTH)
    picture.add_run().add_picture(io.BytesIO(bytes(buffer.data().data())), width=Mm(width_mm))


def _chart_scale(block: ChartBlock, planned: float) -> float:
    """The PDF's scale; a chart the PDF shrank to the rest of its page half a line smaller still (not below
    the legible minimum): a word processor may set the text before it a millimetre or two lower (the space
    around digits), and a chart that no longer fits would leave the rest of its page blank."""
    if planned >= 1.0:
        return 1.0
    natural = chart_height_mm(block.spec) + CHART_GAP
    return max(CHART_FLOOR, (planned * natural - DOCX_CHART_SLACK) / natural)


def write_docx(document: Document, path: Path, *, embedded_fonts: bool = True) -> None:
    """*embedded_fonts*: subsets of the bundled faces travel in the file (see docx_fonts)."""
    doc = new_document()
    _styles(doc)
    _page(doc)
    spec = document.spec
    doc.core_properties.title = spec.title
    if spec.template == "jianbao":
        _masthead(doc, document)
    _title(doc, document)
    if spec.template == "report":
        byline = "　".join(x for x in (spec.issuer, chinese_date(spec.issued)) if x)
        paragraph = doc.add_paragraph(style="二级标题")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.add_run(byline).font.size = Pt(byline_face(shared_metrics(), byline).size)
    doc.add_paragraph(style="简报正文")
    # The order and chart sizes the PDF's pagination chose: text it set ahead of a chart that did not fit
    # comes first here too, and a chart shrunk to fit the rest of a page is as small.
    plan = lay_out(document)
    scales = dict(plan.chart_scales)
    for index in plan.order:
        block = document.blocks[index]
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
            _picture(doc, chart_image(block.spec, WIDTH, dpi=300), WIDTH * _chart_scale(block, scales.get(index, 1.0)))
    if document.sources:
        doc.add_paragraph("数据来源", style="一级标题")
        for source in document.sources:
            doc.add_paragraph(f"[{source.number}] {source.text}", style="数据来源")
    if spec.template == "jianbao":
        _closing(doc, document)
    if embedded_fonts:
        embed_fonts(doc, {family: role for role, family in FAMILIES.items()})
    content = io.BytesIO()
    doc.save(content)
    write_bytes(path, content.getvalue())  # atomic: a full disk keeps the previous file
