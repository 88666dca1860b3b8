"""Figures in report sentences: value, unit, qualifier, indicator, period and kind.

What is not an indicator, and why (each rule has a test):
- years and spans of time (2024年, 3年, 两年); a count of years is kept only as 连续N年;
- a comparison group the city is measured against (全国348个科技城中, 位居9个国家中心城市前列);
- small Chinese numerals in set phrases (一件又一件, 每一条, 重要一年, 两位数);
- a threshold that defines the thing counted (7条产业链规模超千亿元: the figure is 7条).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from zzdesk.core.numbers import Quantity, find_quantities
from zzdesk.core.parsing.indicator_names import GROWTH, alias_table, canonical_indicator, lookup, split_growth
from zzdesk.core.parsing.phrases import noun_phrase, strip_leading_words
from zzdesk.core.parsing.structure import Structure
from zzdesk.core.records import FigureFacts
from zzdesk.core.text import sentences

_CLAUSE_END = re.compile(r"[，；：。！？,;]")
MAX_CONTEXT = 60  # characters before a number that can name it; bounds the work per number
_GENERIC = ("规模", "总数", "总额", "签约额", "签约总额", "占比", "总量", "全省占比")
_PUNCT_ONLY = re.compile(r"^[、，\s]*$")
_RANKING_BEFORE = ("全国", "全省", "位居", "居")
_RANKING_AFTER = re.compile(r"[^，。；]{0,14}(中晋升|中位居|前列)")
_SENTENCE_YEAR = re.compile(r"(20\d\d)年")
_RANKING_SCOPES = ("在全国", "在全省")
_SCOPE_WORDS = ("全市", "全区", "全县", "全省", "我市", "本市", "我区", "本区", "我县", "本县", "全年", "其中")
_SHARE_WORDS = ("占比", "比重", "占")
_COUNT_SUFFIXES = ("总数", "数量", "个数", "总量", "总额")
@dataclass(frozen=True)
class ParsedFigure(FigureFacts):
    passage: int  # index into Structure.passages
    start: int  # offset of `written` in the passage text
    value_high: float | None = None


def _excluded(q: Quantity, prefix: str, after: str, previous: Quantity | None, between: str) -> bool:
    if q.unit == "年" and q.prefix != "连续":
        return True  # years (2024年) and spans (3年, 两年)
    if prefix.endswith(_RANKING_BEFORE) or _RANKING_AFTER.match(after):
        return True  # the group a ranking is taken in, not the city's own figure
    digits = q.written[len(q.prefix or ""):].removeprefix("第")
    if not digits[:1].isdigit() and q.value < 10 and not q.prefix:
        return True  # 一件, 一条, 两位数: set phrases
    return previous is not None and "规模" in between and previous.unit in ("条", "个", "家")


def resolve(name: str, region: str) -> str:
    """A cleaned name against the catalogue: 全市规模以上工业增加值 -> 规上工业增加值; unknown names stay."""
    if region and name.startswith(region) and len(name) > len(region) + 1:
        name = name[len(region):]  # 金水区地区生产总值 -> 地区生产总值: the report's own place is no part of it
    bare = strip_leading_words(name, _SCOPE_WORDS) or name
    table = alias_table()
    if bare in table:
        return table[bare]
    base, growth = split_growth(bare)
    if growth and base in table:
        return table[base] + GROWTH
    for counted in _COUNT_SUFFIXES:  # 高新技术企业总数 -> 高新技术企业数
        if bare.endswith(counted) and bare[: -len(counted)] in table:
            return table[bare[: -len(counted)]]
    return canonical_indicator(bare)


def indicator_name(subject: str, growth: bool, unit: str, falling: bool = False) -> str:
    """The indicator a number measures: growth and level never share a name.

    A level (地区生产总值) with a percentage is its growth rate (地区生产总值增速); a rate (城镇化率) with a
    percentage is the rate itself; a level said to grow by an amount is its increase (…增量).
    """
    base, suffix_growth = split_growth(subject)
    known = lookup(base) if suffix_growth else lookup(subject)
    if known is None:
        if growth and unit in ("%", "个百分点") and not subject.endswith(GROWTH):
            return subject + GROWTH
        return subject
    if known.rate:
        return known.name + ("降幅" if falling and unit == "%" else "")
    is_share = subject.endswith(_SHARE_WORDS)
    if (growth or suffix_growth or unit == "%") and not is_share:
        return known.name + (GROWTH if unit in ("%", "个百分点") else "增量")
    return known.name


def _clause_starts(sentence: str) -> list[int]:
    return [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)]


def extract_figures(structure: Structure, check: Callable[[], None] = lambda: None) -> list[ParsedFigure]:
    """Figures of every review and plan passage; *check* runs before each passage (it may raise to stop)."""
    figures: list[ParsedFigure] = []
    for index, passage in enumerate(structure.passages):
        check()
        if passage.section not in ("review", "plan") or passage.theme is None:
            continue
        default_period = structure.year if passage.section == "plan" else structure.review_year
        offset = 0
        for sentence in sentences(passage.text):
            at = passage.text.find(sentence, offset)
            offset = at + len(sentence)
            period = int(m.group(1)) if (m := _SENTENCE_YEAR.match(sentence)) else default_period
            if sentence.startswith("去年"):
                period = structure.review_year
            figures.extend(_sentence_figures(sentence, structure.region, passage.theme, passage.section, period,
                                             index, at))
    return figures


def _sentence_figures(sentence: str, region: str, theme: str, section: str, period: int, passage: int,
                      at: int) -> list[ParsedFigure]:
    found: list[ParsedFigure] = []
    starts = _clause_starts(sentence)
    previous: Quantity | None = None  # the last number seen, kept or not
    kept: Quantity | None = None  # the last number taken as a figure
    last_subject, last_growth, last_qualifier = "", False, None
    last_written = ""  # the last subject as the text wrote it, before the catalogue renamed it
    quantities = find_quantities(sentence)
    for position, q in enumerate(quantities):
        clause_start = starts[bisect_right(starts, q.start) - 1]
        same_clause = kept is not None and kept.end > clause_start
        start = kept.end if same_clause and kept is not None else clause_start
        start = max(start, q.start - MAX_CONTEXT)
        prefix = sentence[start:q.start]
        following = bisect_right(starts, q.end)
        clause_end = starts[following] - 1 if following < len(starts) else len(sentence)
        if position + 1 < len(quantities):
            clause_end = min(clause_end, quantities[position + 1].start)
        after = sentence[q.end:min(clause_end, q.end + MAX_CONTEXT)]
        near = previous if previous is not None and previous.end > clause_start else None
        between = sentence[max(near.end, q.start - MAX_CONTEXT):q.start] if near is not None else ""
        previous = q
        if _excluded(q, prefix, after, near, between):
            continue
        phrase = noun_phrase(prefix)
        subject, growth = phrase.name, phrase.growth
        for scope in _RANKING_SCOPES:  # 中原科技城在全国348个科技城中 -> 中原科技城
            subject = subject.split(scope)[0] or subject
        qualifier = q.qualifier
        if not subject and same_clause:
            subject, growth = last_subject, growth or last_growth
            if qualifier is None and _PUNCT_ONLY.match(prefix):
                qualifier = last_qualifier  # 分别达到12.5万辆、196万台
        if not subject and growth and last_subject:
            subject = split_growth(last_subject)[0]  # 地区生产总值突破1.52万亿元，按初步核算比上年增长5.4%
        if not subject and not _PUNCT_ONLY.match(prefix) and last_subject and prefix.strip("，、 ").startswith("占"):
            subject = split_growth(last_subject)[0] + "占比"
        if not subject:
            subject = noun_phrase(after).name  # 140辆宇通客车服务巴黎奥运会
        if not subject:
            subject = last_subject
        elif subject in _GENERIC and last_written:
            subject = split_growth(last_written)[0] + subject  # 电子信息产业增长9.2%，规模突破… -> 电子信息产业规模
        written_subject = subject
        subject = resolve(subject, region) if subject else ""
        clause = sentence[max(clause_start, q.start - MAX_CONTEXT):q.start]
        cumulative = "累计" in clause
        if qualifier is None and cumulative:
            qualifier = "累计"
        kind = "target" if section == "plan" else ("expected" if "预计" in clause else "actual")
        name = indicator_name(subject, growth, q.unit, phrase.falling) if subject else ""
        found.append(ParsedFigure(
            theme=theme, indicator=name or "未命名指标", period=period, kind=kind, value=q.value,
            unit=q.unit, qualifier=qualifier, cumulative=cumulative, written=q.written, quote=sentence,
            passage=passage, start=at + q.start, value_high=q.high,
        ))
        kept, last_subject, last_growth, last_qualifier = q, subject, growth, qualifier
        last_written = written_subject
    return found
