"""One indicator across every loaded report: results and targets by year, each with its source.

Figures are grouped by indicator key.  Until indicators carry a catalogue key, the key is the
canonical indicator name (the alias table makes 规模以上工业增加值增速 and 规上工业增加值增速
one indicator).  Only one unit goes on a chart: the unit most of the figures use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from zzdesk.core.charts import ChartBar, ChartSeries, ChartSpec
from zzdesk.core.indicators import describe
from zzdesk.core.numbers import format_number
from zzdesk.core.parsing.indicator_names import canonical_indicator
from zzdesk.core.records import KIND_LABELS, FigureRecord, ReportRecord

RESULT_KINDS = ("actual", "expected")

# What a qualifier says about where the true figure lies, for a chart's tooltip (左右 is no exact 6).
QUALIFIER_MEANINGS = {
    "左右": "约为", "约": "约为", "近": "接近", "多": "略高于", "余": "略高于",
    "以上": "不低于", "超": "高于", "超过": "高于", "突破": "高于",
    "以下": "不高于", "以内": "不高于",
}


def indicator_key(figure: FigureRecord) -> str:
    """What makes two figures the same indicator (the one place to change for catalogue keys)."""
    return canonical_indicator(figure.indicator)


@dataclass(frozen=True)
class TrendPoint:
    figure: FigureRecord
    report: ReportRecord

    @property
    def year(self) -> int:
        return self.figure.period

    @property
    def is_target(self) -> bool:
        return self.figure.kind == "target"

    @property
    def label(self) -> str:
        """2024年实绩, 2025年目标, 2025年预计."""
        return f"{self.year}年{KIND_LABELS[self.figure.kind]}"

    @property
    def said(self) -> str:
        """The figure as the report says it: 增长5.7%."""
        return describe(self.figure)

    @property
    def source(self) -> str:
        return f"{self.report.citation}：“{self.figure.quote}”"

    @property
    def plotted(self) -> float:
        """Where a chart's line passes: a range's midpoint (the range itself is drawn as a bar), else the value."""
        high = self.figure.value_high
        return self.figure.value if high is None else (self.figure.value + high) / 2

    @property
    def reading(self) -> str:
        """How to read the point's mark, so a range or a 左右 is never taken for an exact number."""
        f = self.figure
        if f.value_high is not None:
            low, high = format_number(f.value), format_number(f.value_high)
            middle = format_number(self.plotted)
            return f"区间{low}—{high}{f.unit}：竖线从{low}画到{high}，标记在中点{middle}（报告中没有这个数）"
        meaning = QUALIFIER_MEANINGS.get(f.qualifier or "")
        if meaning is None:
            return ""
        return f"“{f.qualifier}”：{meaning}{format_number(f.value)}{f.unit}，标记画在{format_number(f.value)}"

    @property
    def tooltip(self) -> str:
        """The point as a chart explains it on hover: what the report says, how to read the mark, where from."""
        lines = [f"{self.label}：{self.said}", self.reading, self.source]
        return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Trend:
    key: str
    unit: str  # the unit charted
    points: tuple[TrendPoint, ...]  # every figure of the indicator, by year, results before targets

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({p.year for p in self.points if p.figure.unit == self.unit}))

    def result_for(self, year: int) -> TrendPoint | None:
        """The year's result: an actual figure over an expected one, a later report over an earlier one."""
        found = [p for p in self.points if p.year == year and not p.is_target and p.figure.unit == self.unit]
        return max(found, key=lambda p: (p.figure.kind == "actual", p.report.year), default=None)

    def target_for(self, year: int) -> TrendPoint | None:
        """The target set for the year (by the latest report that sets one)."""
        found = [p for p in self.points if p.year == year and p.is_target and p.figure.unit == self.unit]
        return max(found, key=lambda p: p.report.year, default=None)

    def chart(self) -> ChartSpec:
        """Years on the x-axis; results and targets as two series (filled and hatched)."""
        years = self.years

        def bars(pick: str) -> tuple[ChartBar | None, ...]:
            out: list[ChartBar | None] = []
            for year in years:
                point = self.result_for(year) if pick == "result" else self.target_for(year)
                out.append(None if point is None else ChartBar(point.figure.value, point.said, point.figure.id,
                                                              point.figure.kind, year, point.figure.value_high))
            return tuple(out)

        reports = list(dict.fromkeys(p.report.title for p in self.points))
        notes = tuple(f"注：{p.label}为预计数（{p.report.year}年报告）。" for year in years
                      if (p := self.result_for(year)) is not None and p.figure.kind == "expected")
        return ChartSpec(
            key=f"trend/{self.key}", title=f"{self.key}（{years[0]}—{years[-1]}年）" if years else self.key,
            unit=self.unit, categories=tuple(f"{y}年" for y in years),
            series=(ChartSeries("实绩", "result", bars("result")), ChartSeries("目标", "target", bars("target"))),
            source="来源：" + "、".join(f"《{title}》" for title in reports), notes=notes)


def indicator_trend(figures: Sequence[FigureRecord], reports: Sequence[ReportRecord], key: str) -> Trend | None:
    """Every figure for indicator *key* in the loaded reports, or None when there is none."""
    by_id = {r.id: r for r in reports}
    own = [f for f in figures if indicator_key(f) == key and f.report_id in by_id]
    if not own:
        return None
    unit = Counter(f.unit for f in own).most_common(1)[0][0]
    points = sorted((TrendPoint(f, by_id[f.report_id]) for f in own),
                    key=lambda p: (p.year, p.is_target, by_id[p.figure.report_id].year, p.figure.id))
    return Trend(key, unit, tuple(points))


def trend_keys(figures: Sequence[FigureRecord]) -> list[str]:
    """Indicators worth a trend, the ones reported for most years first, then by first appearance."""
    years: dict[str, set[int]] = {}
    for f in figures:
        years.setdefault(indicator_key(f), set()).add(f.period)
    order = list(years)
    return sorted(order, key=lambda k: (-len(years[k]), order.index(k)))
