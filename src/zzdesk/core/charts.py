"""Which charts a set of figures deserves, described without any drawing code.

The same ChartSpec is drawn on screen (pyqtgraph) and into printed briefings,
so a chart looks and reads the same everywhere.  Rules: never mix units on one
axis; rates as results beside targets; amounts and counts as bars per unit;
a unit with a single figure gets no chart (its card says it all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zzdesk.core.indicators import IndicatorPair, describe, is_growth, pair_indicators, short_label
from zzdesk.core.records import FigureRecord

RANGE_LEGEND = "区间（两端为报告给出的上下限）"  # the legend of a range bracket, on screen and on paper


@dataclass(frozen=True)
class ChartBar:
    value: float
    label: str  # the value as the report says it (增长5.7%, 超400亿元)
    figure_id: int
    kind: str  # actual / expected / target
    period: int
    high: float | None = None  # a range's upper end (5%—5.5%: value 5, high 5.5); drawn as a range, never as 5


@dataclass(frozen=True)
class ChartSeries:
    name: str  # 2024年实绩, 2025年目标
    role: str  # "result" or "target": decides the fill pattern, not only the colour
    bars: tuple[ChartBar | None, ...]  # one per category; None where there is no figure


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    source: str
    notes: tuple[str, ...] = ()

    @property
    def figure_ids(self) -> tuple[int, ...]:
        return tuple(b.figure_id for s in self.series for b in s.bars if b is not None)


def source_line(report_title: str, year: int, theme: str | None = None) -> str:
    where = f"·{theme}" if theme else ""
    return f"来源：《{report_title}》（{year}年）{where}"


def _notes(pairs: Sequence[IndicatorPair]) -> tuple[str, ...]:
    expected = [p.result for p in pairs if p.result is not None and p.result.kind == "expected"]
    if not expected:
        return ()
    labels = "、".join(short_label(f.indicator) for f in expected)
    return (f"注：{labels}{expected[0].period}年数据为预计数。",)


def _bar(figure: FigureRecord | None) -> ChartBar | None:
    if figure is None:
        return None
    return ChartBar(figure.value, describe(figure), figure.id, figure.kind, figure.period, figure.value_high)


def pairs_chart(key: str, title: str, pairs: Sequence[IndicatorPair], source: str) -> ChartSpec | None:
    """Results beside targets, one category per indicator; all pairs must share a unit."""
    pairs = [p for p in pairs if p.result or p.target]
    if not pairs:
        return None
    units = {p.unit for p in pairs}
    if len(units) != 1:
        raise ValueError(f"一张图不能混用单位：{units}")
    series: list[ChartSeries] = []
    for role, word, bars in (("result", "实绩", tuple(_bar(p.result) for p in pairs)),
                             ("target", "目标", tuple(_bar(p.target) for p in pairs))):
        # One series per year: a 2024 result never stands in a series named 2025年实绩.
        for period in sorted({b.period for b in bars if b is not None}):
            series.append(ChartSeries(f"{period}年{word}", role,
                                      tuple(b if b is not None and b.period == period else None for b in bars)))
    return ChartSpec(key=key, title=title, unit=units.pop(), categories=tuple(p.label for p in pairs),
                     series=tuple(series), source=source, notes=_notes(pairs))


def _group_title(theme: str, unit: str, family: str) -> str:
    if unit == "%":
        return f"{theme}：{family}（%）"
    if unit.endswith("元"):
        return f"{theme}：金额（{unit}）"
    return f"{theme}：数量（{unit}）"


def theme_charts(figures: Sequence[FigureRecord], report_title: str, year: int, theme: str) -> list[ChartSpec]:
    """Charts for one theme's figures."""
    source = source_line(report_title, year, theme)
    charts: list[ChartSpec] = []
    pairs = pair_indicators(figures)
    groups: dict[tuple[str, str], list[IndicatorPair]] = {}
    for pair in pairs:
        if pair.unit == "%":
            family = "增速" if is_growth(pair.indicator) else "比重与强度"
        else:
            family = "数量"
        groups.setdefault((pair.unit, family), []).append(pair)
    for (unit, family), members in groups.items():
        if len(members) < 2:
            continue
        chart = pairs_chart(f"{theme}/{unit}/{family}", _group_title(theme, unit, family), members, source)
        if chart is not None:
            charts.append(chart)
    return charts


def headline_chart(pairs: Sequence[IndicatorPair], report_title: str, year: int) -> ChartSpec | None:
    rates = [p for p in pairs if p.unit == "%"]
    return pairs_chart("headline", "主要指标：上年实绩与今年目标（%）", rates, source_line(report_title, year))


__all__ = ["RANGE_LEGEND", "ChartBar", "ChartSeries", "ChartSpec", "headline_chart", "pairs_chart", "short_label",
           "source_line", "theme_charts"]
