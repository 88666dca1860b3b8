"""Laid-out pages (PDF, OFD) back to paragraphs: running heads and page numbers out, wrapped lines joined.

A page arrives as lines with their left and right edges.  A line that runs to the right edge of the text
block was wrapped by the layout and continues on the next line; a line that stops short, or a next line
that is indented, ends a paragraph.  Lines that repeat at the top or bottom of most pages are running
heads or footers, and lines that are only a page number are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

_PAGE_NUMBER = re.compile(r"^[—\-－–\s]*[0-9０-９]{1,4}[—\-－–\s]*$|^第\s?[0-9]{1,4}\s?页(\s?共\s?[0-9]{1,4}\s?页)?$|"
                          r"^[0-9]{1,4}\s?/\s?[0-9]{1,4}$")
_DIGITS = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class Line:
    text: str
    left: float
    right: float
    height: float  # one em: a Chinese character's width


@dataclass(frozen=True)
class Run:
    """A piece of text placed on a page: *top* grows downwards, *size* is about one character's width."""

    top: float
    left: float
    right: float
    size: float
    text: str


def lines_from_runs(runs: Sequence[Run]) -> list[Line]:
    """Runs whose tops lie within half a character of each other form one line, read left to right."""
    ordered = sorted(runs, key=lambda r: (r.top, r.left))
    lines: list[Line] = []
    group: list[Run] = []
    for run in [*ordered, None]:
        if group and (run is None or abs(run.top - group[0].top) > group[0].size / 2):
            lines.append(_line(group))
            group = []
        if run is not None:
            group.append(run)
    return lines


def _line(group: list[Run]) -> Line:
    """Runs left to right; a gap wider than a character separates table cells (a tab)."""
    group.sort(key=lambda r: r.left)
    size = max(r.size for r in group)
    pieces = [group[0].text]
    for before, run in pairwise(group):
        pieces.append(("\t" if run.left - before.right > 0.8 * size else "") + run.text)
    return Line("".join(pieces), group[0].left, max(r.right for r in group), size)


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def _running_lines(pages: Sequence[Sequence[Line]]) -> set[str]:
    """Lines (digits ignored) that stand first or last on at least half of the pages (two at least)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        edges = {_DIGITS.sub("#", line.text.strip()) for line in (*page[:2], *page[-2:])}
        counts.update(edges)
    return {text for text, count in counts.items() if count >= max(2, len(pages) / 2)}


def _furniture(page: Sequence[Line], typical: float) -> set[int]:
    """The first and last lines of a page set in a clearly smaller size than the text: head and foot."""
    small = {i for i in (0, len(page) - 1) if 0 <= i < len(page) and page[i].height < 0.8 * typical}
    return small


def paragraphs_from_pages(pages: Sequence[Sequence[Line]]) -> str:
    running = _running_lines(pages)
    heights = sorted(line.height for page in pages for line in page)
    typical = heights[len(heights) // 2] if heights else 0.0
    body = [[line for index, line in enumerate(page) if line.text.strip() and not _is_page_number(line.text)
             and _DIGITS.sub("#", line.text.strip()) not in running and index not in _furniture(page, typical)]
            for page in pages]
    lines = [line for page in body for line in page]
    if not lines:
        return ""
    left = min(line.left for line in lines)
    right = max(line.right for line in lines)
    middle = (left + right) / 2

    def centred(line: Line) -> bool:
        return (line.left - left > 1.5 * line.height and right - line.right > 1.5 * line.height
                and abs((line.left + line.right) / 2 - middle) < line.height)

    out: list[str] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        current.append(line.text.strip())
        following = lines[index + 1] if index + 1 < len(lines) else None
        reaches_edge = right - line.right <= 1.5 * line.height
        indented = following is not None and following.left - left >= 1.5 * following.height
        title_goes_on = following is not None and centred(line) and centred(following)  # a title on two lines
        if following is None or not (title_goes_on or (reaches_edge and not indented)):
            out.append("".join(current))
            current = []
    return "\n".join(out)
