"""Small HTML builders for rich-text views: escaped text with marked spans and links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from zzdesk.ui.style import HIGHLIGHT


def marked(text: str, spans: Sequence[tuple[int, int]], links: Mapping[tuple[int, int], str] | None = None,
           ) -> str:
    """*text* with each (start, end) span highlighted and, where *links* has it, made a link."""
    out: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            continue  # overlapping spans: keep the first
        out.append(escape(text[last:start]))
        inner = f'<span style="background:{HIGHLIGHT}">{escape(text[start:end])}</span>'
        link = (links or {}).get((start, end))
        out.append(f'<a href="{escape(link)}" style="color:#102a43;text-decoration:none">{inner}</a>'
                   if link else inner)
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def find_spans(text: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    spans = []
    for needle in needles:
        if not needle:
            continue
        at = text.find(needle)
        while at >= 0:
            spans.append((at, at + len(needle)))
            at = text.find(needle, at + len(needle))
    return sorted(spans)
