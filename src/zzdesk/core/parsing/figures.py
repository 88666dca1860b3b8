"""Figures in report sentences: value, unit, qualifier, indicator, period and kind.

What is not an indicator, and why (each rule has a test):
- years and spans of time (2024年, 3年, 两年); a count of years is kept only as 连续N年;
- a comparison group the city is measured against (全国348个科技城中, 位居9个国家中心城市前列);
- small Chinese numerals in set phrases (一件又一件, 每一条, 重要一年, 两位数);
- a threshold that defines the thing counted (7条产业链规模超千亿元: the figure is 7条).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zzdesk.core.numbers import Quantity, find_quantities
from zzdesk.core.parsing.indicator_names import canonical_indicator
from zzdesk.core.parsing.structure import Structure
from zzdesk.core.records import FigureFacts
from zzdesk.core.text import sentences

_CLAUSE_END = re.compile(r"[，；：。！？,;]")
_LEADING = re.compile(r"^(其中|全年|全市|全区|全县|同时|此外|另外|今年|去年|过去一年|20\d\d年|数据显示|预计|"
                      r"分别|共|累计|实现|完成|郑州市?|全省|我市|[一两二三四五六七八九十\d]+年|[、，\s])+")
_TRAILING = re.compile(r"(分别达到|分别为|分别|同比|比上年|增长|下降|增速|达到|达|突破|超过|超|为|至|倍增至|实现|完成|"
                       r"保持|累计|居|升至|晋升至|跃升|以上|左右|预计|\d+年|[、，\s])+$")
_GENERIC = ("规模", "总数", "总额", "签约额", "签约总额", "占比", "总量", "全省占比")
_GROWTH = re.compile(r"(增长|下降|增速)$")
_PUNCT_ONLY = re.compile(r"^[、，\s]*$")


@dataclass(frozen=True)
class ParsedFigure(FigureFacts):
    passage: int  # index into Structure.passages
    start: int  # offset of `written` in the passage text
    value_high: float | None = None


def _excluded(q: Quantity, prefix: str, after: str, previous: Quantity | None, between: str) -> bool:
    if q.unit == "年" and q.prefix != "连续":
        return True  # years (2024年) and spans (3年, 两年)
    if re.search(r"(全国|全省|位居|居)$", prefix) or re.match(r"[^，。；]{0,14}(中晋升|中位居|前列)", after):
        return True  # the group a ranking is taken in, not the city's own figure
    digits = q.written[len(q.prefix or ""):].removeprefix("第")
    if not re.match(r"\d", digits) and q.value < 10 and not q.prefix:
        return True  # 一件, 一条, 两位数: set phrases
    return previous is not None and "规模" in between and previous.unit in ("条", "个", "家")


def _subject(prefix: str) -> tuple[str, bool]:
    growth = bool(_GROWTH.search(prefix.rstrip("、，")))
    subject = _TRAILING.sub("", _LEADING.sub("", prefix)).strip("、， ")
    subject = re.split(r"在全国|在全省", subject)[0] or subject  # 中原科技城在全国…中 -> 中原科技城
    if subject.count("“") != subject.count("”"):
        subject = subject.replace("“", "").replace("”", "")  # a quotation cut in half by the clause
    return subject, growth


def _without_region(subject: str, region: str) -> str:
    """金水区地区生产总值 -> 地区生产总值: the report's own place is not part of an indicator's name."""
    if region and subject.startswith(region) and len(subject) > len(region) + 1:
        return subject[len(region):]
    return subject


def extract_figures(structure: Structure) -> list[ParsedFigure]:
    figures: list[ParsedFigure] = []
    for index, passage in enumerate(structure.passages):
        if passage.section not in ("review", "plan") or passage.theme is None:
            continue
        default_period = structure.year if passage.section == "plan" else structure.review_year
        offset = 0
        for sentence in sentences(passage.text):
            at = passage.text.find(sentence, offset)
            offset = at + len(sentence)
            period = int(m.group(1)) if (m := re.match(r"(20\d\d)年", sentence)) else default_period
            if sentence.startswith("去年"):
                period = structure.review_year
            previous: Quantity | None = None  # the last number seen, kept or not
            kept: Quantity | None = None  # the last number taken as a figure
            last_subject, last_growth, last_qualifier = "", False, None
            quantities = find_quantities(sentence)
            for position, q in enumerate(quantities):
                clause_start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, q.start)), default=0)
                same_clause = kept is not None and kept.end > clause_start
                start = kept.end if same_clause and kept is not None else clause_start
                prefix = sentence[start:q.start]
                clause_end = m.start() if (m := _CLAUSE_END.search(sentence, q.end)) else len(sentence)
                if position + 1 < len(quantities):
                    clause_end = min(clause_end, quantities[position + 1].start)
                after = sentence[q.end:clause_end]
                near = previous if previous is not None and previous.end > clause_start else None
                between = sentence[near.end:q.start] if near is not None else ""
                previous = q
                if _excluded(q, prefix, after, near, between):
                    continue
                subject, growth = _subject(prefix)
                qualifier = q.qualifier
                if not subject and same_clause:
                    subject, growth = last_subject, growth or last_growth
                    if qualifier is None and _PUNCT_ONLY.match(prefix):
                        qualifier = last_qualifier  # 分别达到12.5万辆、196万台
                if not subject:
                    subject, growth = _subject(after)  # 140辆宇通客车服务巴黎奥运会
                subject = _without_region(subject, structure.region)
                if not subject:
                    subject = last_subject
                elif subject in _GENERIC and last_subject:
                    subject = last_subject + subject  # 电子信息产业增长9.2%，规模突破… -> 电子信息产业规模
                clause = sentence[clause_start:q.start]
                cumulative = "累计" in clause
                if qualifier is None and cumulative:
                    qualifier = "累计"
                kind = "target" if passage.section == "plan" else ("expected" if "预计" in clause else "actual")
                name = canonical_indicator(subject + ("增速" if growth and not subject.endswith("增速") else ""))
                figures.append(ParsedFigure(
                    theme=passage.theme, indicator=name or "未命名指标", period=period, kind=kind, value=q.value,
                    unit=q.unit, qualifier=qualifier, cumulative=cumulative, written=q.written, quote=sentence,
                    passage=index, start=at + q.start, value_high=q.high,
                ))
                kept, last_subject, last_growth, last_qualifier = q, subject, growth, qualifier
    return figures
