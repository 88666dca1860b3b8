"""Pinyin and initials of names, computed once when the index is built.

Readings come from pypinyin's phrase-aware choice, plus one variant for each
other reading of a polyphonic character (重, 长, 行), so a reader who says a
name differently still finds it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin

from zzdesk.core.search.tokens import fold, is_hanzi, segments

MAX_VARIANTS = 6
_LATIN = re.compile(r"[a-z]+")


@lru_cache(maxsize=16384)
def readings(name: str) -> tuple[tuple[str, ...], ...]:
    """Syllable sequences for *name* (syllables and ASCII units), primary reading first."""
    return tuple(tuple(v) for v in _readings(name))


def _readings(name: str) -> list[list[str]]:
    units = segments(fold(name)).units
    if not units:
        return []
    hanzi = "".join(u for u in units if is_hanzi(u))
    primary_hanzi = lazy_pinyin(hanzi, style=Style.NORMAL, errors="ignore") if hanzi else []
    if len(primary_hanzi) != len(hanzi):
        return []  # characters pypinyin does not know; no pinyin rather than a wrong one
    # Per character: on a whole phrase pypinyin returns only the phrase's reading.
    alternatives = [_char_readings(ch) for ch in hanzi]
    primary: list[str] = []
    slots: list[int] = []  # position in `primary` of each hanzi
    it = iter(primary_hanzi)
    for unit in units:
        if is_hanzi(unit):
            slots.append(len(primary))
            primary.append(next(it))
        else:
            primary.append(unit)
    variants = [primary]
    for index, options in enumerate(alternatives):
        for option in options:
            if len(variants) > MAX_VARIANTS:
                break
            if option != primary[slots[index]] and _LATIN.fullmatch(option):
                variant = list(primary)
                variant[slots[index]] = option
                variants.append(variant)
    return variants


@lru_cache(maxsize=65536)
def _char_readings(ch: str) -> tuple[str, ...]:
    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(found[0]) if found else ()


def initials(syllables: tuple[str, ...]) -> list[str]:
    """First letter of each syllable; ASCII units other than pinyin are kept whole."""
    return [s[0] if s.isalpha() else s for s in syllables]


def head_keys(name: str) -> tuple[list[str], list[str]]:
    """Full joined pinyin and joined initials of each reading: zhongyuankejicheng, zykjc."""
    full, short = [], []
    for syllables in readings(name):
        full.append("".join(syllables))
        short.append("".join(initials(syllables)))
    return list(dict.fromkeys(full)), list(dict.fromkeys(short))


def suffix_tokens(name: str) -> tuple[list[str], list[str]]:
    """Tokens that start at the first syllable (head) and at every syllable (any)."""
    head: list[str] = []
    anywhere: list[str] = []
    for syllables in readings(name):
        letters = initials(syllables)
        for i in range(len(syllables)):
            full = "".join(syllables[i:])
            short = "".join(letters[i:])
            anywhere.extend((full, short))
            if i == 0:
                head.extend((full, short))
    return list(dict.fromkeys(head)), list(dict.fromkeys(anywhere))
