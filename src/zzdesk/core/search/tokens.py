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
from functools import cache

from zzdesk.core.search.traditional import TRADITIONAL
from zzdesk.core.search.values import Value

TYPE_CHECKING = False  # typing itself would cost the search command's start-up a few ms
if TYPE_CHECKING:
    from typing import Any

# Stands for a boundary in token streams.  A private-use character: never a unit of folded
# text or of a query, so no input can reach it (not even as a prefix, as a Latin word could).
SEPARATOR = "\ue000"

_HANZI_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF))
_HANZI = "".join(f"{chr(a)}-{chr(b)}" for a, b in _HANZI_RANGES)
# The one pattern with the (costly to compile) Chinese ranges: a run of units with no boundary.
_RUN = re.compile(rf"[{_HANZI}0-9a-z]+")
# Inside a run every character other than [0-9a-z] is a Chinese character.
_UNIT_IN_RUN = re.compile(r"[0-9a-z]+|[^0-9a-z]")
_ASCII_IN_RUN = re.compile(r"[0-9a-z]")


@cache
def _t2s() -> Any:
    import opencc  # about 60 ms to load: only for the queries that need it

    return opencc.OpenCC("t2s")


# Where one-for-one replacements live: Kangxi radicals, CJK symbols and the ideographic space,
# compatibility ideographs, full-width forms, A-Z.
_FOLD_RANGES = ((0x2E80, 0x2FE0), (0x3000, 0x3040), (0xF900, 0xFB00), (0xFF00, 0xFFF0), (0x41, 0x5B))


class _FoldTable(dict[int, str]):
    """str.translate table filled as characters are met: building all of it would cost every
    start of `zzdesk search` a millisecond or two of Unicode normalisation."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = ch
        if any(first <= code < last for first, last in _FOLD_RANGES):
            normal = unicodedata.normalize("NFKC", ch).lower()
            folded = normal if len(normal) == 1 else ch
        self[code] = folded
        return folded


_FOLD = _FoldTable()
# Text without any character of those ranges is already folded.
_FOLDABLE = re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b - 1))}" for a, b in _FOLD_RANGES) + "]")


def fold(text: str) -> str:
    """Half-width, lower-case, same length as *text* (so offsets carry over)."""
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


@cache
def _unit_folds() -> re.Pattern[str]:
    """The characters that folding turns into, or out of, another unit (Ａ, A, ⼀, 〸 ...)."""
    changed = (chr(c) for first, last in _FOLD_RANGES for c in range(first, last) if _FOLD[c] != chr(c))
    return re.compile("[" + "".join(re.escape(ch) for ch in changed if _RUN.match(ch) or _RUN.match(_FOLD[ord(ch)]))
                      + "]")


def fold_units(text: str) -> str:
    """*text* folded where that changes its units (for indexing): most text folds only punctuation
    (，。), which is a boundary folded or not, so it is returned as it is."""
    return text.translate(_FOLD) if _unit_folds().search(text) else text


def fold_query(text: str) -> str:
    """Fold user input and convert traditional characters to simplified ones."""
    if not any(ch in TRADITIONAL for ch in text if ch > "\u3400"):
        return fold(text)
    converter = _t2s()
    simplified = converter.convert(text)
    if len(simplified) != len(text):  # phrase conversions may change length; keep per-char
        simplified = "".join(converter.convert(ch) for ch in text)
    return fold(simplified)


def is_hanzi(unit: str) -> bool:
    return len(unit) == 1 and ("\u4e00" <= unit <= "\u9fff" or "\u3400" <= unit <= "\u4dbf"
                               or "\uf900" <= unit <= "\ufaff" or "\U00020000" <= unit <= "\U0002ebef")


class Segments(Value):
    """Units of a text, grouped into runs with no boundary inside."""

    __slots__ = ("runs",)
    runs: tuple[tuple[str, ...], ...]

    def __init__(self, runs: tuple[tuple[str, ...], ...]) -> None:
        self._set(runs=runs)

    @property
    def units(self) -> list[str]:
        return [u for run in self.runs for u in run]


def unit_runs(text: str) -> list[str | list[str]]:
    """Runs of adjacent units in already folded *text*: a Chinese-only run as a string (each
    character a unit), one with letters or digits as its list of units."""
    # Most runs are Chinese only: one unit per character, no regex needed.
    return [_UNIT_IN_RUN.findall(run) if _ASCII_IN_RUN.search(run) else run for run in _RUN.findall(text)]


def segments(text: str) -> Segments:
    """Runs of adjacent units in already folded *text*."""
    return Segments(tuple(tuple(run) for run in unit_runs(text)))


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
