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

_PAGE_NUMBER = re.compile(r"^[—\-－–\s]*[0-9０-９]{1,4}[—\-－–\s]*$|^第\s?[0-9]{1,4}\s?页(\s?共\s?[0-9]{1,4}\s?页)?$|"
                          r"^[0-9]{1,4}\s?/\s?[0-9]{1,4}$")
_DIGITS = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class Line:
    text: str
    left: float
    right: float
    height: float  # about one character's width in CJK text


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
            group.sort(key=lambda r: r.left)
            lines.append(Line("".join(r.text for r in group), group[0].left, max(r.right for r in group),
                              max(r.size for r in group)))
            group = []
        if run is not None:
            group.append(run)
    return lines


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


def paragraphs_from_pages(pages: Sequence[Sequence[Line]]) -> str:
    running = _running_lines(pages)
    body = [[line for line in page if line.text.strip() and not _is_page_number(line.text)
             and _DIGITS.sub("#", line.text.strip()) not in running] for page in pages]
    lines = [line for page in body for line in page]
    if not lines:
        return ""
    left = min(line.left for line in lines)
    right = max(line.right for line in lines)
    out: list[str] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        current.append(line.text.strip())
        following = lines[index + 1] if index + 1 < len(lines) else None
        reaches_edge = right - line.right <= 1.5 * line.height
        indented = following is not None and following.left - left >= 1.5 * following.height
        if not reaches_edge or following is None or indented:
            out.append("".join(current))
            current = []
    return "\n".join(out)
