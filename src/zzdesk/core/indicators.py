"""Indicators across periods: pairing a year's result with the next year's target,
and the words Chinese statistics use to describe them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zzdesk.core.numbers import SUFFIX_QUALIFIERS, format_number
from zzdesk.core.records import FigureRecord

# The overview's headline indicators, in the order offices list them, with short labels.
HEADLINES: tuple[tuple[str, str], ...] = (
    ("地区生产总值增速", "地区生产总值"),
    ("规上工业增加值增速", "规上工业增加值"),
    ("固定资产投资增速", "固定资产投资"),
    ("社会消费品零售总额增速", "社会消费品零售总额"),
    ("一般公共预算收入增速", "一般公共预算收入"),
    ("全社会研发投入强度", "研发投入强度"),
)


def is_growth(indicator: str) -> bool:
    return indicator.endswith("增速")


def short_label(indicator: str) -> str:
    for name, label in HEADLINES:
        if name == indicator:
            return label
    return indicator.removesuffix("增速")


def describe(figure: FigureRecord) -> str:
    """How a report says the figure: 增长5.7%, 下降1.2%, 增长6%左右, 达到2.8%, 超1.45万亿元."""
    if not is_growth(figure.indicator):
        return figure.display_value
    verb = "增长" if figure.value >= 0 else "下降"
    if figure.value_high is not None:
        return f"{verb}{format_number(abs(figure.value))}{figure.unit}—{format_number(figure.value_high)}{figure.unit}"
    body = f"{format_number(abs(figure.value))}{figure.unit}"
    qualifier = figure.qualifier
    if qualifier in SUFFIX_QUALIFIERS:
        return f"{verb}{body}{qualifier}"
    return f"{verb}{qualifier or ''}{body}"


@dataclass(frozen=True)
class IndicatorPair:
    """One indicator's result for a year and the target set for the next."""

    indicator: str
    label: str
    result: FigureRecord | None  # actual or expected, for the review year
    target: FigureRecord | None  # for the plan year

    @property
    def unit(self) -> str:
        figure = self.result or self.target
        assert figure is not None
        return figure.unit

    def comparison(self) -> str | None:
        """The target against the result, in 个百分点 for rates: 目标比上年高0.3个百分点."""
        if self.result is None or self.target is None or self.result.unit != self.target.unit:
            return None
        diff = round(self.target.value - self.result.value, 6)
        unit = "个百分点" if self.unit == "%" else self.unit
        if diff == 0:
            return "目标与上年持平"
        word = "高" if diff > 0 else "低"
        base = "预计数" if self.result.kind == "expected" else "实绩"
        return f"目标比上年{base}{word}{format_number(abs(diff))}{unit}"


def pair_indicators(figures: Sequence[FigureRecord], indicators: Sequence[str] | None = None,
                    ) -> list[IndicatorPair]:
    """Pairs in first-appearance order (or the order of *indicators*), latest periods."""
    order = list(indicators) if indicators is not None else list(dict.fromkeys(f.indicator for f in figures))
    pairs = []
    for indicator in order:
        own = [f for f in figures if f.indicator == indicator]
        if not own:
            continue
        results = [f for f in own if f.kind in ("actual", "expected")]
        targets = [f for f in own if f.kind == "target"]
        result = max(results, key=lambda f: f.period, default=None)
        target = max(targets, key=lambda f: f.period, default=None)
        pairs.append(IndicatorPair(indicator, short_label(indicator), result, target))
    return pairs


def headline_pairs(figures: Sequence[FigureRecord]) -> list[IndicatorPair]:
    return pair_indicators(figures, [name for name, _ in HEADLINES])
