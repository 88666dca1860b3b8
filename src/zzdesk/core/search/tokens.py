"""Folding text and cutting it into the units the index is made of.

A unit is one Chinese character or one run of ASCII letters and digits.  Any
other character is a boundary.  Folding maps full-width forms to half-width
and upper to lower case one character at a time, so offsets into folded text
are offsets into the original.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import cache

from zzdesk.core.search.traditional import PHRASE_CHARACTERS, TRADITIONAL, UNLISTED_FROM
from zzdesk.core.search.values import Value

TYPE_CHECKING = False  # typing itself would cost the search command's start-up a few ms
if TYPE_CHECKING:
    import re
    from typing import Any

# Stands for a boundary in token streams.  A private-use character: never a unit of folded
# text or of a query, so no input can reach it (not even as a prefix, as a Latin word could).
SEPARATOR = "\ue000"

_HANZI_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Cutting bulk text (indexing) with regexes: compiled when first needed, because importing re
    and compiling the Chinese ranges would cost every `zzdesk search` some 4 ms it never uses."""
    import re

    hanzi = "".join(f"{chr(a)}-{chr(b)}" for a, b in _HANZI_RANGES)
    # A run of units with no boundary; inside a run every character other than [0-9a-z] is Chinese.
    return re.compile(rf"[{hanzi}0-9a-z]+"), re.compile(r"[0-9a-z]+|[^0-9a-z]"), re.compile(r"[0-9a-z]")


@cache
def _t2s() -> Any:
    import opencc  # some 10-15 ms to load and set up: only for the queries that need it

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


def fold(text: str) -> str:
    """Half-width, lower-case, same length as *text* (so offsets carry over)."""
    return text.translate(_FOLD)


@cache
def _unit_folds() -> re.Pattern[str]:
    """The characters that folding turns into, or out of, another unit (Ａ, A, ⼀, 〸 ...)."""
    import re

    run = _patterns()[0]
    changed = (chr(c) for first, last in _FOLD_RANGES for c in range(first, last) if _FOLD[c] != chr(c))
    return re.compile("[" + "".join(re.escape(ch) for ch in changed if run.match(ch) or run.match(_FOLD[ord(ch)]))
                      + "]")


def fold_units(text: str) -> str:
    """*text* folded where that changes its units (for indexing): most text folds only punctuation
    (，。), which is a boundary folded or not, so it is returned as it is."""
    return text.translate(_FOLD) if _unit_folds().search(text) else text


def fold_query(text: str) -> str:
    """Fold user input and convert traditional characters to simplified ones as OpenCC's t2s does."""
    if not any(ch in TRADITIONAL or ch in PHRASE_CHARACTERS or ch >= UNLISTED_FROM for ch in text if ch > "\u3400"):
        return fold(text)
    from zzdesk.core.search.simplified import NORMALIZED_INTO_PHRASES, PHRASES, SIMPLIFIED

    if not any(ch >= UNLISTED_FROM or ch in NORMALIZED_INTO_PHRASES for ch in text) and not any(
            phrase in text for phrase in PHRASES.split()):
        # No phrase that t2s converts otherwise can apply: it would convert each character on its own,
        # as the table does, so most traditional queries need not load OpenCC.
        return fold("".join(SIMPLIFIED[i] if ch > "\u3400" and (i := TRADITIONAL.find(ch)) >= 0 else ch
                            for ch in text))
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
    run_pattern, unit_in_run, ascii_in_run = _patterns()
    # Most runs are Chinese only: one unit per character, no regex needed.
    return [unit_in_run.findall(run) if ascii_in_run.search(run) else run for run in run_pattern.findall(text)]


class _UnitTable(dict[int, str]):
    """str.translate table keeping units (Chinese characters, 0-9, a-z) and turning every other
    character into a space, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        kept = ch if "0" <= ch <= "9" or "a" <= ch <= "z" or is_hanzi(ch) else " "
        self[code] = kept
        return kept


_UNITS = _UnitTable()


def segments(text: str) -> Segments:
    """Runs of adjacent units in already folded *text*: the runs unit_runs finds, cut without
    regexes (queries and names are short; unit_runs is faster on bulk text)."""
    runs: list[tuple[str, ...]] = []
    for run in text.translate(_UNITS).split():
        if run.isascii():
            runs.append((run,))  # letters and digits together are one unit
            continue
        units: list[str] = []
        for is_ascii, group in itertools.groupby(run, str.isascii):
            if is_ascii:
                units.append("".join(group))
            else:
                units.extend(group)
        runs.append(tuple(units))
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
