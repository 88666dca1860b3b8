"""Breaking a long 公文 title into lines: at word boundaries, in a 梯形 or 菱形 shape.

GB/T 9704 asks that a title of several lines keeps words and meaning whole and reads as
a trapezoid (each line no longer than the one above) or a diamond (the middle line
longest).  Break points are scored: after a punctuation mark is best, between two words
next (word boundaries from the jieba segmenter, which the report parser uses too); inside a
run of digits or a name of the document's own (theme and indicator names, the region) never,
inside another word only when nothing else fits.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache

from zzdesk.export.typesetting import NO_LINE_END, NO_LINE_START, RUN

AFTER_MARKS = set("：，、；。！？”’》）")
BEFORE_MARKS = set("“‘《（")
INSIDE_WORD, WORD_EDGE, MARK = 12.0, 2.0, 0.0


@lru_cache(maxsize=64)
def word_edges(title: str) -> frozenset[int]:
    """Offsets in *title* where one word ends and the next begins, as jieba segments it."""
    import rjieba  # loaded when a title is first broken, not at start-up

    edges, at = set(), 0
    for word in rjieba.cut(title):
        at += len(word)
        edges.add(at)
    return frozenset(edges)


def break_costs(title: str, vocabulary: Sequence[str]) -> list[float]:
    """cost[i] of breaking before title[i] (i in 1..n-1); math.inf where a break is not allowed."""
    n = len(title)
    edges = word_edges(title)
    costs = [WORD_EDGE if i in edges else INSIDE_WORD for i in range(n + 1)]
    inside = [False] * (n + 1)
    for word in sorted(set(vocabulary), key=len, reverse=True):
        start = title.find(word)
        while start >= 0:
            for k in range(start + 1, start + len(word)):
                inside[k] = True
            costs[start] = min(costs[start], WORD_EDGE)
            costs[start + len(word)] = min(costs[start + len(word)], WORD_EDGE)
            start = title.find(word, start + 1)
    for match in RUN.finditer(title):
        for k in range(match.start() + 1, match.end()):
            inside[k] = True
        costs[match.start()] = min(costs[match.start()], WORD_EDGE + 1)
        costs[match.end()] = min(costs[match.end()], WORD_EDGE + 1)
    for i in range(1, n):
        if title[i - 1] in AFTER_MARKS or title[i] in BEFORE_MARKS:
            costs[i] = MARK
        if inside[i] or title[i] in NO_LINE_START or title[i - 1] in NO_LINE_END:
            costs[i] = float("inf")
    return costs


def shape_penalty(lengths: Sequence[int]) -> float:
    """0 for a trapezoid (non-increasing) or a diamond (rising to one longest line, then falling)."""
    peak = lengths.index(max(lengths))
    rising = all(a <= b for a, b in itertools.pairwise(lengths[:peak + 1]))
    falling = all(a >= b for a, b in itertools.pairwise(lengths[peak:]))
    diamond = len(lengths) >= 3 and 0 < peak < len(lengths) - 1
    if falling and (peak == 0 or (rising and diamond)):
        return 0.0
    return 8.0


def title_lines(title: str, per_line: int, vocabulary: Sequence[str] = ()) -> list[str]:
    """*title* in as few lines of at most *per_line* characters as allow a good shape."""
    title = title.strip()
    n = len(title)
    if n <= per_line:
        return [title]
    costs = break_costs(title, vocabulary)
    fewest = -(-n // per_line)
    for count in range(fewest, fewest + 3):
        best: tuple[float, tuple[int, ...]] | None = None
        for cuts in itertools.combinations(range(1, n), count - 1):
            bounds = (0, *cuts, n)
            lengths = [b - a for a, b in itertools.pairwise(bounds)]
            if max(lengths) > per_line or min(lengths) < 2:
                continue
            cost = sum(costs[c] for c in cuts)
            if cost == float("inf"):
                continue
            cost += shape_penalty(lengths) + 0.15 * (max(lengths) - min(lengths))
            if best is None or cost < best[0]:
                best = (cost, cuts)
        if best is not None:
            bounds = (0, *best[1], n)
            return [title[a:b] for a, b in itertools.pairwise(bounds)]
    # No allowed break at all (one unbroken run): cut at the width.
    return [title[i:i + per_line] for i in range(0, n, per_line)]
