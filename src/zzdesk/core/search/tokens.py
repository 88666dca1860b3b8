"""Folding text and cutting it into the units the index is made of.

A unit is one Chinese character or one run of ASCII letters and digits.  Any
other character is a boundary.  Folding maps full-width forms to half-width
and upper to lower case one character at a time, so offsets into folded text
are offsets into the original.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

import opencc

SEPARATOR = "zzsep"  # stands for a boundary in token streams; never produced from text

_HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_UNIT = re.compile(rf"[{_HANZI}]|[0-9a-z]+")
_HANZI_RE = re.compile(rf"[{_HANZI}]")
_t2s = opencc.OpenCC("t2s")


def _fold_table() -> dict[int, str]:
    """One-for-one replacements: full-width forms, Kangxi radicals, compatibility ideographs, A-Z."""
    table: dict[int, str] = {}
    ranges = [(0x2E80, 0x2FE0), (0x3000, 0x3040), (0xF900, 0xFB00), (0xFF00, 0xFFF0), (0x41, 0x5B)]
    for first, last in ranges:
        for code in range(first, last):
            folded = unicodedata.normalize("NFKC", chr(code)).lower()
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Half-width, lower-case, same length as *text* (so offsets carry over)."""
    return text.translate(_FOLD)


def fold_query(text: str) -> str:
    """Fold user input and convert traditional characters to simplified ones."""
    simplified = _t2s.convert(text)
    if len(simplified) != len(text):  # phrase conversions may change length; keep per-char
        simplified = "".join(_t2s.convert(ch) for ch in text)
    return fold(simplified)


def is_hanzi(unit: str) -> bool:
    return bool(_HANZI_RE.fullmatch(unit))


@dataclass(frozen=True)
class Segments:
    """Units of a text, grouped into runs with no boundary inside."""

    runs: tuple[tuple[str, ...], ...]

    @property
    def units(self) -> list[str]:
        return [u for run in self.runs for u in run]


def segments(text: str) -> Segments:
    """Runs of adjacent units in already folded *text*."""
    runs: list[tuple[str, ...]] = []
    current: list[str] = []
    end = 0
    for m in _UNIT.finditer(text):
        if current and m.start() != end:
            runs.append(tuple(current))
            current = []
        current.append(m.group())
        end = m.end()
    if current:
        runs.append(tuple(current))
    return Segments(tuple(runs))


def unigram_stream(segs: Segments) -> str:
    parts: list[str] = []
    for run in segs.runs:
        if parts:
            parts.append(SEPARATOR)
        parts.extend(run)
    return " ".join(parts)


def run_bigrams(run: tuple[str, ...]) -> list[str]:
    """Adjacent pairs of a run; a run of one unit stands for itself."""
    if len(run) == 1:
        return [run[0]]
    return [a + b for a, b in itertools.pairwise(run)]


def bigram_stream(segs: Segments) -> str:
    parts: list[str] = []
    for run in segs.runs:
        if parts:
            parts.append(SEPARATOR)
        parts.extend(run_bigrams(run))
    return " ".join(parts)


def key_of(text: str) -> str:
    """Lookup form of a name: folded units with boundaries removed (7+20 -> 720)."""
    return "".join(segments(fold(text)).units)


def number_key(text: str) -> str:
    """Lookup form of a number as typed or stored: 5565.8, 6 (full-width folded)."""
    return fold(text).strip().removesuffix(".0")
