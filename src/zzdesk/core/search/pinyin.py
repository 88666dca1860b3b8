"""Pinyin and initials of names and text words, computed once when the index is built.

A name's primary reading is pypinyin's phrase-aware choice.  Other readings of a polyphonic
character (重, 长, 行 -- but also 汽 gài, 港 hòng) are kept apart: they are searched only
when nothing matches by primary readings, so rare readings never crowd out real matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
from pypinyin.seg.mmseg import seg
from pypinyin.style import convert as convert_style

from zzdesk.core.search.schema import MAX_PREFIX
from zzdesk.core.search.tokens import fold, is_hanzi, segments

MAX_VARIANTS = 3  # other readings kept per name: a fallback, so a few suffice
_LATIN = re.compile(r"[a-z]+")
# Characters that folding leaves alone and that are units each (CJK Unified Ideographs).
_CHINESE_ONLY = re.compile("[\u4e00-\u9fff]+").fullmatch


@lru_cache(maxsize=2048)  # names repeat little: a bigger cache only holds memory while indexing
def readings(name: str) -> tuple[tuple[str, ...], ...]:
    """Syllable sequences for *name* (syllables and ASCII units), primary reading first."""
    return tuple(tuple(v) for v in _readings(name))


def _readings(name: str) -> list[list[str]]:
    if _CHINESE_ONLY(name):  # most names: every character a unit, and every unit a syllable
        whole = _primary(name)
        return _with_variants(whole, name, range(len(name))) if whole else []
    units = segments(fold(name)).units
    if not units:
        return []
    hanzi = "".join(u for u in units if is_hanzi(u))
    primary_hanzi = _primary(hanzi)
    if len(primary_hanzi) != len(hanzi):
        return []  # characters pypinyin does not know; no pinyin rather than a wrong one
    primary: list[str] = []
    slots: list[int] = []  # position in `primary` of each hanzi
    it = iter(primary_hanzi)
    for unit in units:
        if is_hanzi(unit):
            slots.append(len(primary))
            primary.append(next(it))
        else:
            primary.append(unit)
    return _with_variants(primary, hanzi, slots)


def _with_variants(primary: list[str], hanzi: str, slots: Sequence[int]) -> list[list[str]]:
    """*primary* and up to MAX_VARIANTS readings that differ from it in one character of *hanzi*
    (at position slots[i] of the reading)."""
    variants = [primary]
    for index, ch in enumerate(hanzi):
        for option in char_readings(ch):
            if len(variants) > MAX_VARIANTS:
                return variants
            if option != primary[slots[index]]:
                variant = list(primary)
                variant[slots[index]] = option
                variants.append(variant)
    return variants


def _primary(hanzi: str) -> list[str]:
    """pypinyin's phrase-aware reading, read straight from its dictionaries.

    The same segmentation and dictionaries lazy_pinyin uses, without its per-call style
    conversion, which costs more than the lookups (about 60 µs a name; 60,000 names).
    """
    out = _primary_from(hanzi) if hanzi else ()
    return list(out) if out is not None and all(out) else []


@lru_cache(maxsize=8192)
def _primary_from(remain: str) -> tuple[str, ...] | None:
    """The reading of *remain* word by word as pypinyin cuts it; None if a character is unknown.

    The cut goes left to right and depends only on what remains, so after the first word it is
    the cut of the rest, remembered: names end alike (科技产业园, 量子实验室).  A rest that may be
    a word's beginning as a whole is cut by pypinyin in one go (it may then split it by character).
    """
    if remain in seg._prefix_set:
        words, rest = list(seg.cut(remain)), ""
    else:
        first = next(iter(seg.cut(remain)))
        words, rest = [first], remain[len(first):]
    out: list[str] = []
    for word in words:
        phrase = PHRASES_DICT.get(word) if len(word) > 1 else None
        if phrase is not None and len(phrase) == len(word):
            out.extend(_toneless(options[0]) for options in phrase)
            continue
        for ch in word:
            raw = PINYIN_DICT.get(ord(ch))
            if raw is None:
                return None
            out.append(_toneless(raw.split(",", 1)[0]))
    if not rest:
        return tuple(out)
    tail = _primary_from(rest)
    return None if tail is None else (*out, *tail)


@lru_cache(maxsize=4096)
def _toneless(syllable: str) -> str:
    plain = convert_style(syllable, Style.NORMAL, strict=True)
    return plain if _LATIN.fullmatch(plain) else ""


@lru_cache(maxsize=65536)
def char_readings(ch: str) -> tuple[str, ...]:
    """Every reading of one character, the most common first."""
    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(r for r in found[0] if _LATIN.fullmatch(r)) if found else ()


def initials(syllables: tuple[str, ...]) -> list[str]:
    """First letter of each syllable; ASCII units other than pinyin are kept whole."""
    return [s[0] if s.isalpha() else s for s in syllables]


def _joined(syllables: tuple[str, ...]) -> tuple[str, str]:
    return "".join(syllables), "".join(initials(syllables))


def _tails(syllables: tuple[str, ...]) -> list[tuple[str, str]]:
    """Pinyin and initials of syllables[i:] for every i >= 1, built from the end (each once)."""
    tails: list[tuple[str, str]] = []
    spoken = letters = ""
    for syllable in reversed(syllables[1:]):
        spoken = syllable + spoken
        letters = (syllable[0] if syllable.isalpha() else syllable) + letters
        tails.append((spoken, letters))
    tails.reverse()
    return tails


@dataclass(frozen=True)
class NamePinyin:
    """What the index keeps of one name's pinyin."""

    keys: tuple[str, ...]  # whole name, primary reading: full pinyin and initials
    other_keys: tuple[str, ...]  # whole name, other readings
    heads: tuple[str, ...]  # every prefix of `keys`
    inside: tuple[str, ...]  # primary reading from the second syllable on: kejicheng, kjc


@lru_cache(maxsize=2048)
def name_pinyin(name: str) -> NamePinyin:
    found = readings(name)
    if not found:
        return NamePinyin((), (), (), ())
    keys = tuple(dict.fromkeys(_joined(found[0])))
    others = tuple(dict.fromkeys(k for syllables in found[1:] for k in _joined(syllables) if k not in keys))
    heads = prefixes(keys)
    primary = found[0]
    inside = tuple(dict.fromkeys(k for pair in _tails(primary) for k in pair))
    return NamePinyin(keys, others, heads, inside)


def prefixes(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Every prefix of every key (up to MAX_PREFIX letters), each once."""
    return tuple(dict.fromkeys([k[:n] for k in keys for n in range(1, min(len(k), MAX_PREFIX) + 1)]))


@lru_cache(maxsize=65536)
def char_syllable(ch: str) -> str:
    """The most common reading of one character ('' when pypinyin does not know it)."""
    options = char_readings(ch)
    return options[0] if options else ""
