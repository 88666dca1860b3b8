"""Briefings laid out on the GB/T 9704 page: A4, type area 156 x 225 mm from 37 mm top
and 28 mm left, 22 lines of 28 characters in 3号 (16 pt), page numbers "— n —" in
4号 7 mm below the type area, odd pages right and even pages left.

Layout and drawing are apart: `lay_out` turns a Document into pages of drawing
operations in millimetres (every character with its position), which `render` paints
on any QPagedPaintDevice (PDF, printer, preview) and the OFD writer stores as XML.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGlyphRun,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QRawFont,
)

from zzdesk.core.briefing import (
    ChartBlock,
    Document,
    FigureTable,
    Heading,
    Paragraph,
    TargetRow,
    TargetTable,
    chinese_date,
)
from zzdesk.core.charts import ChartSpec
from zzdesk.export.bullet_painter import bullets_height_mm, paint_bullets
from zzdesk.export.chart_painter import chart_height_mm, paint_chart
from zzdesk.export.fonts import font_report, role_font
from zzdesk.export.titles import title_lines
from zzdesk.export.typesetting import CLOSING_MARKS, OPENING_MARKS, SetLine, Span, is_wide, set_text

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP, WIDTH, HEIGHT = 28.0, 37.0, 156.0, 225.0
BOTTOM = TOP + HEIGHT
LINES, CHARS = 22, 28
PITCH, CELL = HEIGHT / LINES, WIDTH / CHARS
BODY_PT, TITLE_PT, NUMBER_PT = 16.0, 22.0, 14.0
PT = 25.4 / 72  # millimetres per point
PAGE_NUMBER_GAP = 7.0  # the dash of the page number lies 7 mm below the type area
RED, BLACK = "#c00000", "#000000"
CHART_FLOOR = 0.7  # a chart may shrink this far to stay beside its text: 9 pt labels print at 6.3 pt
CHART_GAP = 2.0  # mm below a chart
CHART_BLANK = 2 * PITCH  # a larger blank before a chart is filled with the text after it
MARKER_RATIO = 0.6
# Table cells, shared by the PDF and the DOCX: padding above and below (mm), leading, the lowest row.
TABLE_PAD, TABLE_LEADING, TABLE_ROW = 1.5, 1.35, PITCH * 0.8
ISSUER_LEADING = 1.25  # a wrapped 编印单位
# Table columns (mm) and heads, shared by the PDF and the DOCX.
FIGURE_COLUMNS = ((70, 26, 44, 16), ("指标", "时间", "数值", "来源"))
TARGET_COLUMNS = ((42, 12, 24, 26, 18, 34), ("指标", "年份", "目标", "实绩", "状态", "差距"))


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


# Drawing operations, in millimetres on the page -------------------------------------------------------

@dataclass(frozen=True)
class Face:
    role: str  # fangsong, heiti, kaiti, xiaobiaosong, songti
    size: float  # points
    bold: bool = False


@dataclass(frozen=True)
class TextOp:
    text: str
    xs: tuple[float, ...]  # left edge of each character's glyph
    y: float  # baseline
    face: Face
    color: str = BLACK


@dataclass(frozen=True)
class RuleOp:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    color: str = BLACK


@dataclass(frozen=True)
class PictureOp:
    x: float
    y: float
    w: float
    h: float
    chart: ChartSpec | None = None
    bullets: tuple[TargetRow, ...] = ()
    scale: float = 1.0


Op = TextOp | RuleOp | PictureOp


@dataclass(frozen=True)
class Layout:
    pages: tuple[tuple[Op, ...], ...]
    closing_top: float | None = None  # where the 报尾 starts on the last page
    # The plan other formats follow (the DOCX): the document's blocks by index in the order they are
    # printed (pagination may set text ahead of a chart), and each chart's scale by block index.
    order: tuple[int, ...] = ()
    chart_scales: tuple[tuple[int, float], ...] = ()


# Font metrics ---------------------------------------------------------------------------------------

class Metrics:
    """Advances in mm from the font's design metrics, the same on every device."""

    REFERENCE_PX = 100.0

    def __init__(self, known: dict[Face, dict[str, float]] | None = None) -> None:
        # Font objects belong to the thread that made them (a layout may run in an export worker), so
        # only the measured advances, plain floats, are shared between Metrics.
        self._fonts: dict[Face, tuple[QRawFont, QFontMetricsF]] = {}
        self._known: dict[Face, dict[str, float]] = {} if known is None else known
        self._tables: dict[Face, _Advances] = {}

    def _font(self, face: Face) -> tuple[QRawFont, QFontMetricsF]:
        if face not in self._fonts:
            font = role_font(face.role, 10, face.bold)
            font.setPixelSize(int(self.REFERENCE_PX))
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self._fonts[face] = (QRawFont.fromFont(font), QFontMetricsF(font))
        return self._fonts[face]

    def known(self, face: Face) -> dict[str, float]:
        return self._known.setdefault(face, {})

    def advance(self, char: str, face: Face) -> float:
        known = self.known(face)
        if char not in known:
            raw, metrics = self._font(face)
            glyphs = raw.glyphIndexesForString(char) if raw.isValid() else []
            if glyphs and glyphs[0]:
                width = raw.advancesForGlyphIndexes(glyphs)[0].x()
            else:  # drawn by a fallback face
                width = metrics.horizontalAdvance(char)
            known[char] = width / self.REFERENCE_PX * face.size * PT
        return known[char]

    def table(self, face: Face) -> _Advances:
        """Advances of *face* by character: looked up without hashing the face for every character."""
        if face not in self._tables:
            self._tables[face] = _Advances(self, face)
        return self._tables[face]

    def width(self, text: str, face: Face) -> float:
        return sum(self.advance(c, face) for c in text)

    def ascent(self, face: Face) -> float:
        raw, metrics = self._font(face)
        ascent = raw.ascent() if raw.isValid() else metrics.ascent()
        return ascent / self.REFERENCE_PX * face.size * PT


_shared: dict[tuple[str, ...], dict[Face, dict[str, float]]] = {}


def shared_metrics() -> Metrics:
    """Metrics for this layout, reusing the advances measured by earlier layouts with the same fonts."""
    key = tuple(font.family for font in font_report())
    known = _shared.get(key)
    if known is None:
        _shared.clear()
        known = _shared[key] = {}
    return Metrics(known)


class _Advances(dict[str, float]):
    def __init__(self, metrics: Metrics, face: Face) -> None:
        super().__init__(metrics.known(face))  # a copy: lookups stay in this thread's own dict
        self.metrics, self.face = metrics, face

    def __missing__(self, char: str) -> float:
        self[char] = width = self.metrics.advance(char, self.face)
        return width


# Rows: the units pagination moves -------------------------------------------------------------------------

Draw = Callable[[float, float], list[Op]]  # (top, height) -> operations


@dataclass
class Row:
    height: float
    draw: Draw
    on_grid: bool = True  # starts on a line of the 22-line grid
    keep_with_next: bool = False
    header: Row | None = None  # a table's header row, repeated when the table continues on a new page
    min_height: float | None = None  # a chart that may shrink to this height
    kind: str = "line"  # line, heading, section (a first-level heading), table, chart
    block_start: bool = False  # the first row of a document block (pagination moves whole blocks)
    block: int = -1  # the index of the document block the row belongs to (-1: masthead, title, sources)


@dataclass
class Flow:
    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)


class Typesetter:
    """Turns blocks into rows of positioned characters."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def glyph_ops(self, line: SetLine, left: float, baseline: float, faces: dict[str, Face], cell: float,
                  color: str = BLACK) -> list[Op]:
        """One TextOp per run of one face; full-cell characters centred in their cell."""
        ops: list[Op] = []
        run: list[tuple[str, float]] = []
        run_style = ""
        tables = {style: self.metrics.table(face) for style, face in faces.items()}

        def flush() -> None:
            if run:
                face = faces[run_style]
                y = baseline - (faces["body"].size * PT * 0.33 if run_style == "marker" else 0)
                ops.append(TextOp("".join(c for c, _ in run), tuple(x for _, x in run), y, face, color))
                run.clear()

        for glyph in line.glyphs:
            if glyph.style != run_style:
                flush()
                run_style = glyph.style
            x = left + line.indent + glyph.x
            if is_wide(glyph.char) and glyph.style != "marker":
                room = glyph.width - tables[glyph.style][glyph.char]
                # A narrow mark in a full cell sits against the text it belongs to: “ right, ” left.
                if glyph.char in OPENING_MARKS:
                    x += room
                elif glyph.char not in CLOSING_MARKS:
                    x += room / 2
            run.append((glyph.char, x))
        flush()
        return ops

    def lines(self, spans: Sequence[Span], faces: dict[str, Face], width: float = WIDTH, cell: float = CELL,
              indent_cells: float = 0, justify: bool = True, hanging: float = 0) -> list[SetLine]:
        tables = {style: self.metrics.table(face) for style, face in faces.items()}

        def measure(char: str, style: str) -> float:
            return tables[style][char]
        return set_text(spans, width, cell, measure, indent_cells, justify, hanging)

    def text_rows(self, text: str, face: Face, marker: str = "", indent_cells: float = 2, justify: bool = True,
                  keep: bool = False, pitch: float = PITCH, on_grid: bool = True, cell: float = CELL,
                  color: str = BLACK) -> list[Row]:
        faces = {"body": face, "marker": Face("songti", face.size * MARKER_RATIO)}
        spans = [Span(text, "body")] + ([Span(f"[{marker}]", "marker")] if marker else [])
        rows = []
        for line in self.lines(spans, faces, cell=cell, indent_cells=indent_cells, justify=justify):
            rows.append(Row(pitch, self._line_drawer(line, faces, pitch, cell, color), on_grid=on_grid,
                            keep_with_next=keep))
        return rows

    def _line_drawer(self, line: SetLine, faces: dict[str, Face], pitch: float, cell: float, color: str) -> Draw:
        baseline_offset = self.baseline_in(pitch, faces["body"])

        def draw(top: float, _height: float) -> list[Op]:
            return self.glyph_ops(line, LEFT, top + baseline_offset, faces, cell, color)
        return draw

    def baseline_in(self, height: float, face: Face) -> float:
        """The baseline that centres an ideographic em box (0.88 em up, 0.12 em down) in *height*,
        lowered where the font's ascent would otherwise reach above the slot."""
        em = face.size * PT
        return max(height / 2 + 0.38 * em, min(height - 0.12 * em, self.metrics.ascent(face)))

    def centred(self, text: str, face: Face, top: float, height: float, color: str = BLACK,
                left: float = LEFT, width: float = WIDTH) -> TextOp:
        xs, x = [], left + (width - self.metrics.width(text, face)) / 2
        for char in text:
            xs.append(x)
            x += self.metrics.advance(char, face)
        return TextOp(text, tuple(xs), top + self.baseline_in(height, face), face, color)

    def at(self, text: str, face: Face, x: float, baseline: float, color: str = BLACK) -> TextOp:
        xs = []
        for char in text:
            xs.append(x)
            x += self.metrics.advance(char, face)
        return TextOp(text, tuple(xs), baseline, face, color)


# Parts of a briefing --------------------------------------------------------------------------------------

def fitted_size(metrics: Metrics, text: str, face: Face, width: float, smallest: float) -> Face:
    """The face at its size, or smaller (down to *smallest*) so that *text* fits in *width*."""
    size = face.size
    while size > smallest and metrics.width(text, replace(face, size=size)) > width:
        size -= 0.5
    return replace(face, size=size)


def masthead(t: Typesetter, document: Document, flow: Flow) -> None:
    """简报 报头: marking, the red bulletin name, 第×期, 编印单位 and date, the red rule."""
    spec = document.spec
    marking = Face("heiti", BODY_PT)
    flow.add(Row(PITCH, lambda top, _h: [t.at(spec.marking, marking, LEFT, top + t.baseline_in(PITCH, marking))]
                 if spec.marking else []))
    name = fitted_size(t.metrics, spec.bulletin_name, Face("xiaobiaosong", 40), WIDTH, 22)
    flow.add(Row(2 * PITCH, lambda top, h: [t.centred(spec.bulletin_name, name, top, h, RED)]))
    issue = Face("fangsong", BODY_PT)
    flow.add(Row(PITCH, lambda top, h: [t.centred(spec.issue, issue, top, h)] if spec.issue else []))
    flow.add(issuer_row(t, spec.issuer, chinese_date(spec.issued)))
    flow.add(Row(2 * PITCH, lambda _top, _h: []))


def issuer_face(metrics: Metrics, issuer: str, day: str) -> tuple[Face, float]:
    """The face of the 编印单位 (shrunk, down to 12 pt, to stay on one line) and the room it has before
    the date."""
    face = Face("fangsong", BODY_PT)
    room = WIDTH - metrics.width(day, face) - CELL
    return fitted_size(metrics, issuer, face, room, 12), room


def issuer_row(t: Typesetter, issuer: str, day: str) -> Row:
    """编印单位 on the left, the date on the right; a long 编印单位 shrinks, then wraps, never reaching the date."""
    face = Face("fangsong", BODY_PT)
    date_width = t.metrics.width(day, face)
    small, room = issuer_face(t.metrics, issuer, day)
    lines = t.lines([Span(issuer, "body")], {"body": small}, width=room, cell=small.size * PT,
                    justify=False) if issuer else []
    line_h = small.size * PT * ISSUER_LEADING
    height = max(PITCH, math.ceil((len(lines) * line_h + 1) / PITCH) * PITCH)

    def draw(top: float, h: float) -> list[Op]:
        ops: list[Op] = [t.centred(day, face, top + h - PITCH, PITCH, left=LEFT + WIDTH - date_width,
                                   width=date_width)]
        first = top + h - PITCH / 2 - len(lines) * line_h / 2
        for index, line in enumerate(lines):
            ops += t.glyph_ops(line, LEFT, first + index * line_h + t.baseline_in(line_h, small),
                               {"body": small}, small.size * PT)
        ops.append(RuleOp(LEFT, top + h - 0.1 * PITCH, LEFT + WIDTH, top + h - 0.1 * PITCH, 0.8, RED))
        return ops
    return Row(height, draw)


def byline_face(metrics: Metrics, byline: str) -> Face:
    """汇报材料: 编印单位 and date on one centred line under the title, smaller when long (down to 12 pt).
    A cell is left free at either end: word processors may add space around the date's digits."""
    return fitted_size(metrics, byline, Face("kaiti", BODY_PT), WIDTH - 2 * CELL, 12)


def title_rows(t: Typesetter, document: Document, flow: Flow, vocabulary: Sequence[str]) -> None:
    spec = document.spec
    face = Face("xiaobiaosong", TITLE_PT)
    per_line = int(WIDTH // (TITLE_PT * PT))
    for text in title_lines(spec.title, per_line, vocabulary):
        flow.add(Row(PITCH, _centred_line(t, text, face), keep_with_next=True))
    if spec.template == "report":
        byline = "　".join(x for x in (spec.issuer, chinese_date(spec.issued)) if x)
        kai = byline_face(t.metrics, byline)
        flow.add(Row(PITCH, lambda top, h: [t.centred(byline, kai, top, h)], keep_with_next=True))
    flow.add(Row(PITCH, lambda _top, _h: [], keep_with_next=True))


def _centred_line(t: Typesetter, text: str, face: Face, color: str = BLACK) -> Draw:
    return lambda top, h: [t.centred(text, face, top, h, color)]


def heading_rows(t: Typesetter, block: Heading) -> list[Row]:
    role, bold = {1: ("heiti", False), 2: ("kaiti", False), 3: ("fangsong", True)}[block.level]
    rows = t.text_rows(block.text, Face(role, BODY_PT, bold), justify=True, keep=True)
    for row in rows:
        row.kind = "section" if block.level == 1 else "heading"
    return rows


def table_rows(t: Typesetter, widths: Sequence[float], head: Sequence[str], rows: Sequence[Sequence[str]],
               size: float = 12) -> list[Row]:
    """A ruled table; text too wide for its cell wraps inside it; the header row repeats on each page."""
    pad = TABLE_PAD
    line_h = size * PT * TABLE_LEADING

    def row(cells: Sequence[str], face: Face) -> Row:
        set_cells = [t.lines([Span(text, "body")], {"body": face}, width=w - 2 * pad, cell=face.size * PT,
                             justify=False) for w, text in zip(widths, cells, strict=True)]
        height = max(TABLE_ROW, max(len(lines) for lines in set_cells) * line_h + 2 * pad)

        def draw(top: float, h: float) -> list[Op]:
            ops: list[Op] = []
            x = LEFT
            for w, lines in zip(widths, set_cells, strict=True):
                first = top + (h - len(lines) * line_h) / 2
                for index, line in enumerate(lines):
                    ops += t.glyph_ops(line, x + pad, first + index * line_h + t.baseline_in(line_h, face),
                                       {"body": face}, face.size * PT)
                ops += [RuleOp(x, top, x + w, top, 0.2), RuleOp(x, top + h, x + w, top + h, 0.2),
                        RuleOp(x, top, x, top + h, 0.2), RuleOp(x + w, top, x + w, top + h, 0.2)]
                x += w
            return ops
        return Row(height, draw, on_grid=False, kind="table")

    header = row(head, Face("heiti", size))
    header.keep_with_next = True
    result = [header]
    for cells in rows:
        body = row(cells, Face("fangsong", size))
        body.header = header
        result.append(body)
    return result


def figure_table_rows(t: Typesetter, block: FigureTable) -> list[Row]:
    return table_rows(t, *FIGURE_COLUMNS,
                      [(r.indicator, r.when, r.value, f"[{r.source}]") for r in block.rows])


def target_table_rows(t: Typesetter, block: TargetTable) -> list[Row]:
    """目标完成情况: a table with the status in words, the rules beneath, then bullet charts."""
    rows = table_rows(t, *TARGET_COLUMNS,
                      [(f"{r.indicator}[{compress(r.sources)}]", str(r.period), r.target, r.actual, r.status,
                        r.gap) for r in block.rows], size=11)
    small = Face("fangsong", 10.5)
    rows += t.text_rows(block.rules, small, indent_cells=0, pitch=PITCH * 0.5, on_grid=False, cell=10.5 * PT)
    measured = [r for r in block.rows if r.actual_value is not None]
    if measured:
        height = math.ceil(bullets_height_mm(block.rows) / PITCH) * PITCH
        rows.append(Row(height, lambda top, h: [PictureOp(LEFT, top, WIDTH, h, bullets=tuple(block.rows))],
                        kind="chart"))
    return rows


def chart_row(block: ChartBlock) -> Row:
    natural = chart_height_mm(block.spec) + CHART_GAP

    def draw(top: float, h: float) -> list[Op]:
        scale = min(1.0, h / natural)
        w = WIDTH * scale
        return [PictureOp(LEFT + (WIDTH - w) / 2, top, w, natural * scale, chart=block.spec, scale=scale)]
    # Off the grid, as tall as it draws: after a table it starts right below it (its title row gives the
    # space) instead of losing up to a line slot; the text after it returns to the grid.
    return Row(natural, draw, min_height=natural * CHART_FLOOR, kind="chart", on_grid=False)


def source_rows(t: Typesetter, document: Document) -> list[Row]:
    if not document.sources:
        return []
    rows = t.text_rows("数据来源", Face("heiti", BODY_PT), indent_cells=0, keep=True)
    for row in rows:
        row.kind, row.block_start = "section", True
    face = Face("fangsong", NUMBER_PT)
    for source in document.sources:
        rows += t.text_rows(f"[{source.number}] {source.text}", face, indent_cells=0, pitch=PITCH * 0.62,
                            on_grid=False, cell=NUMBER_PT * PT)
    return rows


def closing_ops(t: Typesetter, document: Document) -> tuple[float, Callable[[float], list[Op]]]:
    """简报 报尾: 报/送/发 between rules, each wrapped with a hanging indent after the colon, and 共印×份.

    Returns its height and a function drawing it from a given top; it grows upward from the page foot."""
    spec = document.spec
    entries = [(label, value) for label, value in (("报", spec.report_to), ("送", spec.send_to),
                                                   ("发", spec.distribute_to)) if value.strip()]
    face = Face("fangsong", NUMBER_PT)
    cell = NUMBER_PT * PT
    inner = WIDTH - 2 * cell  # one character in from each side
    line_h = PITCH * 0.62
    pad = (PITCH * 0.8 - line_h) / 2
    blocks: list[list[SetLine]] = []
    copies = f"共印{spec.copies}份" if spec.copies else ""
    for label, value in entries:
        lead = f"{label}："
        blocks.append(t.lines([Span(lead + value.strip(), "body")], {"body": face}, width=inner, cell=cell,
                              hanging=t.metrics.width(lead, face)))
    if copies and not blocks:
        blocks.append([])
    if not blocks:
        return 0.0, lambda _top: []
    heights = [max(1, len(lines)) * line_h + 2 * pad for lines in blocks]
    total = sum(heights)

    def draw(top: float) -> list[Op]:
        ops: list[Op] = []
        y = top
        for index, (lines, h) in enumerate(zip(blocks, heights, strict=True)):
            ops.append(RuleOp(LEFT, y, LEFT + WIDTH, y, 0.35 if index == 0 else 0.25))
            for number, line in enumerate(lines):
                ops += t.glyph_ops(line, LEFT + cell, y + pad + number * line_h + t.baseline_in(line_h, face),
                                   {"body": face}, cell)
            if index == len(blocks) - 1 and copies:
                width = t.metrics.width(copies, face)
                last = y + pad + (max(1, len(lines)) - 1) * line_h
                ops.append(t.at(copies, face, LEFT + WIDTH - cell - width, last + t.baseline_in(line_h, face)))
            y += h
        ops.append(RuleOp(LEFT, y, LEFT + WIDTH, y, 0.35))
        return ops
    return total, draw


def page_number_op(t: Typesetter, page: int) -> TextOp:
    face = Face("songti", NUMBER_PT)
    text = f"— {page} —"
    width = t.metrics.width(text, face)
    cell = NUMBER_PT * PT
    x = LEFT + WIDTH - cell - width if page % 2 else LEFT + cell
    return t.at(text, face, x, BOTTOM + PAGE_NUMBER_GAP + t.metrics.ascent(face))


# Pagination -----------------------------------------------------------------------------------------------

def snap(y: float) -> float:
    return TOP + math.ceil((y - TOP) / PITCH - 1e-6) * PITCH


@dataclass(frozen=True)
class PlacedRow:
    row: Row
    top: float
    height: float


def _block_end(rows: Sequence[Row], queue: Sequence[int], at: int) -> int:
    """The queue position after the block starting at *at*, with the blocks kept with it."""
    end = at + 1
    while end < len(queue) and not (rows[queue[end]].block_start and not rows[queue[end - 1]].keep_with_next):
        end += 1
    return end


def _fits(rows: Sequence[Row], indexes: Sequence[int], y: float) -> float | None:
    """Where the rows end when set from *y*, or None when they pass the foot of the page."""
    for index in indexes:
        row = rows[index]
        start = snap(y) if row.on_grid else y
        y = start + (row.min_height if row.min_height is not None else row.height)
        if y > BOTTOM + 1e-6:
            return None
    return y


def _fill_ahead(rows: Sequence[Row], queue: list[int], y: float) -> bool:
    """A chart that does not fit even at its smallest leaves a blank: move the blocks after it in its
    section (up to the next first-level heading; a lower heading moves with what it is kept with) that fit
    into that blank ahead of it, in their order; a chart too tall is passed over, text that does not fit
    stops the search.  True when something moved."""
    moved: list[int] = []
    at = _block_end(rows, queue, 0)
    while at < len(queue) and rows[queue[at]].kind != "section":
        end = _block_end(rows, queue, at)
        block = queue[at:end]
        ends = _fits(rows, block, y)
        if ends is not None:
            moved += block
            y = ends
        elif rows[block[0]].kind != "chart":
            break
        at = end
    if not moved:
        return False
    taken = set(moved)
    queue[:] = moved + [i for i in queue if i not in taken]
    return True


def _ahead_of_table(rows: Sequence[Row], page: list[PlacedRow], queue: list[int]) -> float | None:
    """A chart that cannot fit after the table it follows, with nothing after it in its section to fill
    the blank (a section of a table and its chart): set the chart where the table began, when the table
    began on this page below something else (its heading) and the chart fits there at its smallest; the
    table follows the chart and continues on the next page under its repeated header.  Returns where
    the chart goes, or None."""
    chart = rows[queue[0]]
    assert chart.min_height is not None
    table: list[PlacedRow] = []
    for placed in reversed(page):
        if placed.row.kind != "table" or placed.row.block != chart.block - 1:
            break
        table.insert(0, placed)
    if not table or not table[0].row.block_start or len(table) == len(page):
        return None
    top = table[0].top
    if top + chart.min_height > BOTTOM + 1e-6:
        return None
    del page[-len(table):]
    index = {id(row): n for n, row in enumerate(rows)}
    queue[1:1] = [index[id(placed.row)] for placed in table]
    return top


def paginate(rows: Sequence[Row], chart_share: float = 1.0) -> tuple[list[list[PlacedRow]], float]:
    """Place rows on pages: keep-with-next chains together, table headers repeated, charts shrunk to fit,
    and text moved ahead of a chart that cannot fit rather than leaving a blank before it (or, with no
    text to move, the chart set ahead of the table it follows)."""
    pages: list[list[PlacedRow]] = [[]]
    y = TOP
    queue = list(range(len(rows)))
    fresh = True  # nothing placed on this page yet
    while queue:
        row = rows[queue[0]]
        start = snap(y) if row.on_grid else y
        need, j = 0.0, 0
        while True:
            r = rows[queue[j]]
            need += r.min_height if r.min_height is not None else r.height
            if not r.keep_with_next or j + 1 >= len(queue) or need > HEIGHT:
                break
            j += 1
        if start + min(need, HEIGHT) > BOTTOM + 1e-6 and not fresh:
            if row.min_height is not None and BOTTOM - start > CHART_BLANK:
                if _fill_ahead(rows, queue, y):
                    continue
                moved = _ahead_of_table(rows, pages[-1], queue)
                if moved is not None:
                    y = moved
                    continue
            pages.append([])
            y, fresh = TOP, True
            if row.header is not None:
                pages[-1].append(PlacedRow(row.header, TOP, row.header.height))
                y += row.header.height
            continue
        height = row.height * (chart_share if row.min_height is not None else 1.0)
        if row.min_height is not None:
            height = max(row.min_height, min(height, BOTTOM - start))
        pages[-1].append(PlacedRow(row, start, height))
        y = start + height
        fresh = False
        queue.pop(0)
    return pages, y


def lay_out(document: Document) -> Layout:
    t = Typesetter(shared_metrics())
    flow = Flow()
    if document.spec.template == "jianbao":
        masthead(t, document, flow)
    title_rows(t, document, flow, vocabulary(document))
    body = Face("fangsong", BODY_PT)
    for index, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            rows = heading_rows(t, block)
        elif isinstance(block, Paragraph):
            rows = t.text_rows(block.text, body, marker=compress(block.sources) if block.sources else "")
        elif isinstance(block, FigureTable):
            rows = figure_table_rows(t, block)
        elif isinstance(block, ChartBlock):
            rows = [chart_row(block)]
        else:
            rows = target_table_rows(t, block)
        if rows:
            rows[0].block_start = True
        for row in rows:
            row.block = index
        if index and isinstance(document.blocks[index - 1], Heading) and rows:
            rows[0].keep_with_next = rows[0].keep_with_next or len(rows) == 1 or rows[0].kind == "table"
        flow.rows += rows
    flow.rows += source_rows(t, document)
    closing_height, closing = (closing_ops(t, document) if document.spec.template == "jianbao"
                               else (0.0, lambda _top: []))

    def attempt(share: float) -> tuple[list[list[PlacedRow]], float | None, bool]:
        """Placed rows by page, the 报尾's top, and whether the last page holds only a few lines."""
        pages, y = paginate(flow.rows, share)
        top = None
        sparse = len(pages) > 1 and (y - TOP) < 5 * PITCH
        if closing_height:
            if y + closing_height > BOTTOM + 1e-6:
                pages.append([])
                sparse = True
            top = BOTTOM - closing_height
        return pages, top, sparse

    pages, top, sparse = attempt(1.0)
    # A last page of a few lines: charts a little smaller may pull them back.
    for share in (0.95, 0.9, 0.85, 0.8, CHART_FLOOR):
        if not sparse:
            break
        tighter, tighter_top, _ = attempt(share)
        if len(tighter) < len(pages):
            pages, top = tighter, tighter_top
            break
    drawn: list[tuple[Op, ...]] = []
    for number, placed in enumerate(pages, start=1):
        ops = [op for p in placed for op in p.row.draw(p.top, p.height)]
        if number == len(pages) and top is not None:
            ops += closing(top)
        drawn.append((*ops, page_number_op(t, number)))
    placed_rows = [p for page in pages for p in page if p.row.block >= 0]
    order = tuple(dict.fromkeys(p.row.block for p in placed_rows))
    scales = tuple((p.row.block, p.height / p.row.height) for p in placed_rows if p.row.min_height is not None)
    return Layout(tuple(drawn), top, order, scales)


def vocabulary(document: Document) -> list[str]:
    """Words a title must not be broken inside: the document's own names."""
    words = [document.report.region, document.report.title, "政府工作报告", "工作报告", "目标完成情况", "高质量发展"]
    for block in document.blocks:
        if isinstance(block, Heading):
            words.append(block.text.split("、", 1)[-1].split("）", 1)[-1])
        elif isinstance(block, FigureTable):
            words += [r.indicator for r in block.rows]
    return [w for w in words if len(w) > 1]


# Painting -------------------------------------------------------------------------------------------------

def qfont(face: Face, device: QPagedPaintDevice) -> QFont:
    font = QFont(role_font(face.role, face.size, face.bold), device)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


GLYPH_RUNS = True  # False draws character by character (the slower way, kept for fonts missing glyphs)


def paint_page(painter: QPainter, ops: Sequence[Op], dpi: float) -> None:
    mm = dpi / 25.4
    device = painter.device()
    fonts: dict[Face, tuple[QFont, QRawFont]] = {}
    for op in ops:
        if isinstance(op, TextOp):
            if op.face not in fonts:
                font = qfont(op.face, device)  # type: ignore[arg-type]
                fonts[op.face] = (font, QRawFont.fromFont(font))
            font, raw = fonts[op.face]
            painter.setPen(QColor(op.color))
            glyphs = raw.glyphIndexesForString(op.text) if GLYPH_RUNS and raw.isValid() else []
            if len(glyphs) == len(op.text) and all(glyphs):
                # One glyph run per operation: every character at its own position, one call.
                run = QGlyphRun()
                run.setRawFont(raw)
                run.setGlyphIndexes(glyphs)
                run.setPositions([QPointF(x * mm, op.y * mm) for x in op.xs])
                painter.drawGlyphRun(QPointF(0, 0), run)
                continue
            painter.setFont(font)  # a character the face lacks: Qt's font fallback finds it
            for char, x in zip(op.text, op.xs, strict=True):
                painter.drawText(QPointF(x * mm, op.y * mm), char)
        elif isinstance(op, RuleOp):
            painter.setPen(QPen(QColor(op.color), op.width * mm))
            painter.drawLine(QPointF(op.x1 * mm, op.y1 * mm), QPointF(op.x2 * mm, op.y2 * mm))
        else:
            paint_picture(painter, op, dpi)


def paint_picture(painter: QPainter, op: PictureOp, dpi: float) -> None:
    mm = dpi / 25.4
    painter.save()
    painter.translate(op.x * mm, op.y * mm)
    painter.scale(op.scale, op.scale)
    rect = QRectF(0, 0, op.w / op.scale * mm, op.h / op.scale * mm)
    if op.chart is not None:
        paint_chart(painter, op.chart, rect, dpi)
    else:
        paint_bullets(painter, op.bullets, rect, dpi)
    painter.restore()


def render(document: Document, device: QPagedPaintDevice) -> int:
    """Paint *document* onto *device*; returns the number of pages."""
    layout = lay_out(document)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始绘制（输出文件或打印机不可用）")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        dpi = float(device.logicalDpiX())
        for number, ops in enumerate(layout.pages):
            if number:
                device.newPage()
            paint_page(painter, ops, dpi)
        return len(layout.pages)
    finally:
        painter.end()
