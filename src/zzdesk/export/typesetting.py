"""Lines of Chinese text set on a character grid, with each character's position known.

GB/T 9704 counts a line in cells: 28 cells of 3号 across the 156 mm type area.  Every
Chinese character and full-width mark takes one cell; a run of digits or Latin letters
keeps its own width and is never broken; a full line is justified so that it ends
exactly at the right edge.  Line-breaking rules (禁则): no closing mark or "·" starts a
line and no opening mark ends one; full-width marks may be squeezed to half a cell to
keep a mark on its line or to save a single-character last line.

Positions are in millimetres from the line's left edge, so the same lines serve the
PDF painter and the OFD writer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’·•%‰…—～｝］.,;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘［｛([{")
WIDE_MARKS = set("“”‘’—…※℃")  # ambiguous width: full cells in Chinese fonts
CLOSING_MARKS = set("，。、；：？！）》」』】〕〉”’")  # ink on the left half of the cell
OPENING_MARKS = set("（《「『【〔〈“‘")  # ink on the right half
# One unbreakable run: a number with its decimal point, percent sign or range dash, or a Latin word.
RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.%‰/+\-–~]*[0-9A-Za-z%‰]|[0-9A-Za-z]")

Measure = Callable[[str, str], float]  # (character, style) -> advance in mm


@dataclass(frozen=True)
class Span:
    text: str
    style: str  # a key the caller maps to a font: "body", "marker" …


@dataclass(frozen=True)
class Placed:
    char: str
    x: float  # left edge of the character's slot, mm from the line start
    width: float  # the slot's width
    style: str


@dataclass(frozen=True)
class SetLine:
    glyphs: tuple[Placed, ...]
    indent: float
    full: bool  # justified to the whole width

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


@dataclass
class _Unit:
    chars: list[tuple[str, str, float]]  # char, style, width
    cell: bool  # a single full-width character on the grid
    width: float = 0.0  # the sum of the characters' widths, kept when a mark is squeezed

    def __post_init__(self) -> None:
        self.width = sum(w for _, _, w in self.chars)

    @property
    def first(self) -> str:
        return self.chars[0][0]

    @property
    def last(self) -> str:
        return self.chars[-1][0]


def is_wide(char: str) -> bool:
    """A character that takes a whole grid cell: CJK, full-width forms, Chinese quotes and dashes, ①, Ⅲ."""
    code = ord(char)
    return (unicodedata.east_asian_width(char) in "WF" or char in WIDE_MARKS
            or 0x2460 <= code <= 0x24FF or 0x2160 <= code <= 0x217F)


def _units(spans: Sequence[Span], cell: float, measure: Measure) -> list[_Unit]:
    units: list[_Unit] = []
    for span in spans:
        if span.style == "marker":  # a source marker stays whole and on the line it ends
            units.append(_Unit([(c, span.style, measure(c, span.style)) for c in span.text], cell=False))
            continue
        at = 0
        text = span.text
        while at < len(text):
            match = RUN.match(text, at)
            if match:
                units.append(_Unit([(c, span.style, measure(c, span.style)) for c in match.group()], cell=False))
                at = match.end()
                continue
            char = text[at]
            if is_wide(char):
                units.append(_Unit([(char, span.style, cell)], cell=True))
            else:
                units.append(_Unit([(char, span.style, measure(char, span.style))], cell=False))
            at += 1
    return units


def _squeezable(units: Sequence[_Unit]) -> list[int]:
    return [i for i, u in enumerate(units) if u.cell and u.first in CLOSING_MARKS | OPENING_MARKS]


def _fit(line: list[_Unit], room: float, cell: float) -> bool:
    """Squeeze full-width marks on *line* to half a cell until it fits in *room*; False when it cannot.

    The mark ending the line keeps its cell, so no glyph reaches past the type area."""
    over = sum(u.width for u in line) - room
    if over <= 1e-6:
        return True
    marks = _squeezable(line[:-1])
    if len(marks) * cell / 2 < over - 1e-6:
        return False
    for i in reversed(marks):
        if over <= 1e-6:
            break
        char, style, _ = line[i].chars[0]
        line[i].chars[0] = (char, style, cell / 2)
        line[i].width = cell / 2
        over -= cell / 2
    return True


def _break(units: list[_Unit], width: float, indent: float, cell: float) -> list[list[_Unit]]:
    lines: list[list[_Unit]] = []
    current: list[_Unit] = []
    used = 0.0  # width of *current*, kept as units are added (summing each time made breaking quadratic)
    room = width - indent
    i = 0
    while i < len(units):
        unit = units[i]
        if used + unit.width <= room + 1e-6 or not current:
            current.append(unit)
            used += unit.width
            i += 1
            continue
        # The unit does not fit: keep a closing mark on this line by squeezing, else carry a character down.
        if unit.first in NO_LINE_START and _fit([*current, unit], room, cell):
            current.append(unit)
            i += 1
            used = sum(u.width for u in current)  # marks may have been squeezed
            if i < len(units) and units[i].first not in NO_LINE_START:
                lines.append(current)
                current, room, used = [], width, 0.0
            continue
        while len(current) > 1 and (current[-1].last in NO_LINE_END or unit.first in NO_LINE_START):
            unit = current.pop()
            i -= 1
        lines.append(current)
        current, room, used = [], width, 0.0
    if current:
        lines.append(current)
    return lines


def _visible(line: Sequence[_Unit]) -> int:
    return sum(1 for u in line for c, style, _ in u.chars if style != "marker" and c not in NO_LINE_START)


def _no_single_character_last_line(lines: list[list[_Unit]], width: float, indent: float, cell: float) -> None:
    if len(lines) < 2 or _visible(lines[-1]) > 1:
        return
    previous = lines[-2]
    room = width - (indent if len(lines) == 2 else 0)
    if _fit([*previous, *lines[-1]], room, cell):  # squeeze the last character up
        previous.extend(lines.pop())
        return
    if len(previous) > 2:  # or carry one more down, spreading the line above
        lines[-1].insert(0, previous.pop())


def set_text(spans: Sequence[Span], width: float, cell: float, measure: Measure, indent_cells: float = 0,
             justify: bool = True, hanging: float = 0) -> list[SetLine]:
    """Break *spans* into lines of *width* mm; *cell* is the grid cell width (or the font's em).

    *indent_cells* indents the first line; *hanging* indents every following line (mm)."""
    units = _units(spans, cell, measure)
    indent = indent_cells * cell
    if hanging:
        lines = _break(units, width - hanging, indent - hanging, cell)
    else:
        lines = _break(units, width, indent, cell)
    _no_single_character_last_line(lines, width - hanging, indent - hanging, cell)
    result: list[SetLine] = []
    for number, line in enumerate(lines):
        start = indent if number == 0 else hanging
        room = width - start
        used = sum(u.width for u in line)
        last = number == len(lines) - 1
        spread = justify and not last and len(line) > 1 and used < room
        gap = (room - used) / (len(line) - 1) if spread else 0.0
        if used > room + 1e-6:  # squeezed marks already fit; an overlong unbreakable run is compressed
            gap = (room - used) / max(1, len(line) - 1)
        placed: list[Placed] = []
        x = 0.0
        for unit in line:
            for char, style, w in unit.chars:
                shift = -w if (unit.cell and char in OPENING_MARKS and w < cell) else 0.0
                placed.append(Placed(char, x + shift, w if not shift else cell, style))
                x += w
            x += gap
        result.append(SetLine(tuple(placed), start, full=spread or abs(used - room) < 1e-3))
    return result
