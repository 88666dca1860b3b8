"""Did we hit last year's targets?  Each target against the later report's result.

Rules (shown in the app and printed with the table):
- 以上 / 达到 / 达 / plain number: met when the result is at least the target;
- 超 / 突破: met when the result is above the target (or is itself "超" the same number);
- 左右 (about X): met when the result, rounded to the target's decimal places, is at least X
  (6%左右 is met by 5.5%, not by 5.4%);
- 以内 / 以下: met when the result is at most the target;
- a range X–Y: met when the result is at least X (above the range is met as well);
- a result that is 预计 (expected) is never final: 待核实.
The gap is in 个百分点 for rates (%), and in % of the target for amounts and counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from zzdesk.core.numbers import convert, format_number
from zzdesk.core.parsing.indicator_names import indicator_key
from zzdesk.core.records import FigureRecord, ReportRecord

MET, MISSED, TO_VERIFY, NO_DATA = "达标", "未达标", "待核实", "无数据"
RULES_TEXT = ("判定规则：“以上”“达到”及未注限定词的目标，实绩不低于目标为达标；“超”“突破”须高于目标；“左右”按目标的"
              "小数位四舍五入后不低于目标为达标（6%左右：5.5%达标、5.4%未达标）；“以内”不高于目标为达标；区间目标"
              "不低于下限为达标；实绩为预计数的记为待核实。差距：增速、比重等百分数以“个百分点”计，其他以占目标的百分比计。")
RULES = {
    "以上": "不低于目标即达标", "达到": "不低于目标即达标", "达": "不低于目标即达标", None: "不低于目标即达标",
    "超": "高于目标即达标", "突破": "高于目标即达标", "超过": "高于目标即达标",
    "左右": "按目标的小数位四舍五入后不低于目标即达标", "以内": "不高于目标即达标", "以下": "不高于目标即达标",
    "区间": "不低于区间下限即达标",
}


@dataclass(frozen=True)
class TargetCheck:
    indicator: str
    period: int
    target: FigureRecord
    target_report: ReportRecord
    actual: FigureRecord | None
    actual_report: ReportRecord | None
    status: str
    gap: float | None  # 个百分点 for %, else % of the target
    gap_unit: str | None

    @property
    def rule(self) -> str:
        return RULES.get(self.target.qualifier, "不低于目标即达标")

    @property
    def gap_text(self) -> str:
        if self.gap is None:
            return "—"
        word = "高于" if self.gap > 0 else "低于" if self.gap < 0 else "等于"
        if self.gap == 0:
            return "与目标持平"
        return f"{word}目标{format_number(abs(round(self.gap, 2)))}{self.gap_unit}"

    def to_json(self) -> dict[str, object]:
        return {"indicator": self.indicator, "period": self.period, "target_value": self.target.value,
                "unit": self.target.unit, "qualifier": self.target.qualifier,
                "target_report": self.target_report.title, "actual_value": None if self.actual is None
                else self.actual.value, "actual_report": None if self.actual_report is None
                else self.actual_report.title, "status": self.status, "gap": None if self.gap is None
                else round(self.gap, 4), "gap_unit": self.gap_unit, "rule": self.rule}


def _decimals(value: float) -> int:
    text = format_number(value)
    return len(text.split(".")[1]) if "." in text else 0


def is_met(target: FigureRecord, actual: FigureRecord) -> bool:
    q, x, a = target.qualifier, target.value, actual.value
    if q in ("以内", "以下"):
        return a <= x
    if q in ("超", "突破", "超过"):
        return a > x or (a == x and actual.qualifier in ("超", "突破", "超过"))
    if q == "左右":
        places = Decimal(1).scaleb(-_decimals(x))
        return Decimal(str(a)).quantize(places, rounding=ROUND_HALF_UP) >= Decimal(str(x))
    return a >= x  # 以上, 达到, 达, 区间 (lower end), plain


def check_targets(figures: Sequence[FigureRecord], reports: Sequence[ReportRecord]) -> list[TargetCheck]:
    """Each target against a later report's result for the same indicator key and period.

    Keys, not spellings, meet (社会消费品零售总额全年增速 = 社零增速); a growth rate never meets a level, and
    units of one family are converted (1.52万亿元 against 15000亿元).
    """
    by_report = {r.id: r for r in reports}
    results_by_key: dict[tuple[str, int], list[FigureRecord]] = {}
    for f in figures:
        if f.kind in ("actual", "expected"):
            results_by_key.setdefault((indicator_key(f.indicator), f.period), []).append(f)
    checks: list[TargetCheck] = []
    for target in figures:
        if target.kind != "target":
            continue
        indicator = indicator_key(target.indicator)
        target_report = by_report[target.report_id]
        later = [(f, value) for f in results_by_key.get((indicator, target.period), [])
                 if by_report[f.report_id].year > target_report.year
                 and by_report[f.report_id].region == target_report.region  # a district answers no city target
                 and (value := convert(f.value, f.unit, target.unit)) is not None]
        best = max(later, key=lambda fv: (by_report[fv[0].report_id].year, fv[0].kind == "actual"), default=None)
        if best is None:
            checks.append(TargetCheck(indicator, target.period, target, target_report, None, None, NO_DATA, None,
                                      None))
            continue
        actual, value = best
        if target.unit == "%":
            gap, gap_unit = value - target.value, "个百分点"
        else:
            gap, gap_unit = (value - target.value) / target.value * 100 if target.value else 0.0, "%"
        comparable = replace(actual, value=value, unit=target.unit)
        status = TO_VERIFY if actual.kind == "expected" else (MET if is_met(target, comparable) else MISSED)
        checks.append(TargetCheck(indicator, target.period, target, target_report, actual,
                                  by_report[actual.report_id], status, gap, gap_unit))
    return checks
