"""Breaking a long 公文 title into lines: at word boundaries, in a 梯形 or 菱形 shape.

GB/T 9704 asks that a title of several lines keeps words and meaning whole and reads as
a trapezoid (each line no longer than the one above) or a diamond (the middle line
longest).  Break points are scored: after a punctuation mark is best, between two words
of the document's own vocabulary (theme and indicator names, the region) next, inside a
run of digits or a known word never.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from zzdesk.export.typesetting import NO_LINE_END, NO_LINE_START, RUN

AFTER_MARKS = set("：，、；。！？”’》）")
BEFORE_MARKS = set("“‘《（")
# Words common in the titles of briefings.
COMMON_WORDS = ("政府工作报告", "工作报告", "要点", "摘编", "汇报材料", "简报", "情况", "目标任务", "完成情况",
                "郑州实践", "新质生产力", "生产力", "高质量发展", "关于", "实践")
UNKNOWN, WORD_EDGE, MARK = 6.0, 2.0, 0.0


def break_costs(title: str, vocabulary: Sequence[str]) -> list[float]:
    """cost[i] of breaking before title[i] (i in 1..n-1); math.inf where a break is not allowed."""
    n = len(title)
    costs = [UNKNOWN] * (n + 1)
    inside = [False] * (n + 1)
    for word in sorted({*vocabulary, *COMMON_WORDS}, key=len, reverse=True):
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
