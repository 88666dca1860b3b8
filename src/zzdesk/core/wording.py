"""A figure as it goes on paper: in the report's own words, with what makes it honest.

Tables and chart labels print what the source wrote (突破百亿元, 连续三年), not the
normalised number (which stays in FigureRecord.value for charts and sorting); a
cumulative or multi-year figure says so (3年累计超67万人); quotes nested inside a
quotation become single quotes, as Chinese typesetting writes them.
"""

from __future__ import annotations

import re

from zzdesk.core.indicators import describe, is_growth
from zzdesk.core.numbers import SUFFIX_QUALIFIERS
from zzdesk.core.records import FigureRecord

SPAN = re.compile(r"((?:\d+|[一二两三四五六七八九十]+)年)?累计")


def verbatim_value(figure: FigureRecord) -> str:
    """The value as printed: the report's wording where it spells the number out, else describe()."""
    written = figure.written.strip()
    if re.search(r"\d", written) or not written:
        text = describe(figure)
    else:
        text = written
        qualifier = figure.qualifier or ""
        if qualifier and qualifier not in text:
            text = text + qualifier if qualifier in SUFFIX_QUALIFIERS else qualifier + text
        if is_growth(figure.indicator) and not text.startswith(("增长", "下降")):
            text = ("增长" if figure.value >= 0 else "下降") + text
    if figure.cumulative and "累计" not in text:
        span = _cumulative_span(figure)
        text = span + text
    return text


def _cumulative_span(figure: FigureRecord) -> str:
    """"3年累计" when the sentence names the years, else "累计"."""
    before = figure.quote[:max(0, figure.quote.find(figure.written))] if figure.written in figure.quote else ""
    matches = list(SPAN.finditer(before)) or list(SPAN.finditer(figure.quote))
    return matches[-1].group(0) if matches else "累计"


def period_label(figure: FigureRecord, kind_label: str) -> str:
    """2024年实绩, or 截至2024年（累计） for a figure summed over several years."""
    if figure.cumulative:
        return f"截至{figure.period}年"
    return f"{figure.period}年{kind_label}"


def nest_quotes(text: str) -> str:
    """Double quotes inside a quotation become single quotes: “…“亲清在线”…” -> “…‘亲清在线’…”."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "“":
            out.append("“" if depth % 2 == 0 else "‘")
            depth += 1
        elif char == "”" and depth:
            depth -= 1
            out.append("”" if depth % 2 == 0 else "’")
        else:
            out.append(char)
    return "".join(out)
