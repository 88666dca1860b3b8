"""Turning a report's raw text into clean paragraphs and sentences.

Report texts copied from web pages and PDFs break lines in the middle of
words (今 / 年, 惠 / 企).  A paragraph that already contains sentence
punctuation but stops without closing punctuation is a fragment and is glued
to the next one; short unpunctuated lines are headings and stay alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Characters that may legitimately end a paragraph.
_CLOSING = set("。！？；：…”’」』）)")
_SENTENCE_PUNCT = re.compile(r"[，。；：、！？]")
_SENTENCE_END = re.compile(r"(?<=[。！？；])")


def raw_paragraphs(text: str) -> list[str]:
    """Non-empty lines, stripped, in order (the seed puts one paragraph per line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return [line.strip() for line in text.split("\n") if line.strip()]


_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|——).{0,40}$")


def _is_theme_with_subtitle(paragraph: str) -> bool:
    """稳中求进：总量迈上新台阶 — short, one colon as its only punctuation, no figures: a heading."""
    head, colon, rest = paragraph.partition("：")
    return (bool(colon) and len(paragraph) <= 30 and 2 <= len(head) <= 10 and len(rest) >= 2
            and len(_SENTENCE_PUNCT.findall(paragraph)) == 1 and not any(ch.isdigit() for ch in paragraph))


def is_fragment(paragraph: str) -> bool:
    """True when a paragraph was cut mid-sentence by a line break (a heading such as 一、… is not)."""
    return (bool(_SENTENCE_PUNCT.search(paragraph)) and paragraph[-1] not in _CLOSING
            and not _HEADING.match(paragraph) and not _is_theme_with_subtitle(paragraph))


def repaired_paragraphs(text: str) -> list[str]:
    """Paragraphs with line-break fragments joined back together.

    Pieces are collected in a list and joined once: gluing strings line by line would be quadratic in a
    paragraph broken into thousands of lines.
    """
    out: list[str] = []
    pieces: list[str] = []
    punctuated = False  # whether the pieces gathered so far hold sentence punctuation
    for para in raw_paragraphs(text):
        if pieces:
            punctuated = punctuated or bool(_SENTENCE_PUNCT.search(para))
            fragment = punctuated and para[-1] not in _CLOSING
        else:
            fragment = is_fragment(para)
            punctuated = bool(_SENTENCE_PUNCT.search(para))
        pieces.append(para)
        if not fragment:
            out.append("".join(pieces))
            pieces, punctuated = [], False
    if pieces:
        out.append("".join(pieces))
    return out


def sentences(paragraph: str) -> Iterator[str]:
    """Split a paragraph after 。！？； keeping the punctuation."""
    for part in _SENTENCE_END.split(paragraph):
        if part.strip():
            yield part.strip()


def sentence_containing(paragraph: str, fragment: str) -> str | None:
    """The first sentence of *paragraph* that contains *fragment*."""
    for sentence in sentences(paragraph):
        if fragment in sentence:
            return sentence
    return None
