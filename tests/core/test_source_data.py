"""The curated seed data checked against the report text itself.

These checks read the text independently of the build's own validation, so a
mistake in either one shows up here.
"""

from __future__ import annotations

import re

import pytest

from zzdesk.core.numbers import find_quantities
from zzdesk.core.source import SourceReport, validate
from zzdesk.core.text import repaired_paragraphs, sentences

THEMES = ["稳中求进", "提振消费", "新质生产力", "创新引领"]


def _repaired(seed: SourceReport) -> str:
    return "\n".join(repaired_paragraphs(seed.raw_text))


def _sentences(seed: SourceReport) -> list[str]:
    return [s for p in seed.passages for s in sentences(p.text)]


def test_seed_validates_cleanly(seed: SourceReport) -> None:
    assert validate(seed) == []


def test_themes_and_their_passages(seed: SourceReport) -> None:
    assert list(seed.themes) == THEMES
    for theme in THEMES:
        sections = {p.section for p in seed.passages if p.theme == theme}
        assert sections == {"review", "plan"}, theme


def test_broken_lines_are_repaired(seed: SourceReport) -> None:
    texts = [p.text for p in seed.passages]
    for joined in ("今年省会发展主要预期目标", "将惠企政策落细落实", "郑南商许超硬材料集群", "国药生命科学谷"):
        assert any(joined in t for t in texts), joined
    # The raw text really does break them, so this is a repair and not a copy.
    assert "今\n" in seed.raw_text and "超硬材\n" in seed.raw_text


def test_passages_are_the_text_in_order(seed: SourceReport) -> None:
    repaired = _repaired(seed)
    positions = [repaired.index(p.text) for p in seed.passages]
    assert positions == sorted(positions)
    assert seed.passages[0].section == "intro" and seed.passages[-1].section == "caption"


def test_there_are_about_65_figures(seed: SourceReport) -> None:
    assert 60 <= len(seed.figures) <= 75


def test_every_quote_is_a_verbatim_sentence_with_its_number(seed: SourceReport) -> None:
    all_sentences = _sentences(seed)
    repaired = _repaired(seed)
    for f in seed.figures:
        assert f.quote in repaired
        assert f.quote in all_sentences, f.quote
        assert f.written in f.quote, (f.indicator, f.written)
        digits = re.sub(r"[^\d.]", "", f.written)
        assert digits == "" or digits in f.quote


def test_values_parse_back_from_quotes(seed: SourceReport) -> None:
    for f in seed.figures:
        at = f.quote.index(f.phrase) + f.phrase.index(f.written)
        found = [q for q in find_quantities(f.quote) if q.start <= at < q.end or at <= q.start < at + len(f.written)]
        assert len(found) == 1, (f.indicator, f.written, found)
        q = found[0]
        assert q.value == pytest.approx(f.value), f.indicator
        assert q.unit == f.unit, f.indicator
        if q.qualifier is not None:
            assert q.qualifier == f.qualifier, f.indicator
        if f.qualifier is not None:
            clause = next(c for c in re.split(r"[，；。：]", f.quote) if f.written in c)
            assert f.qualifier in clause, (f.indicator, f.qualifier, clause)


def test_kind_and_period_follow_the_section(seed: SourceReport) -> None:
    section_of = {p.text: p.section for p in seed.passages}
    for f in seed.figures:
        section = next(section_of[t] for t in section_of if f.quote in t)
        if section == "plan":
            assert (f.kind, f.period) == ("target", 2025), f.indicator
        else:
            assert f.kind in ("actual", "expected") and f.period == 2024, f.indicator
        clause = next(c for c in re.split(r"[，；。：]", f.quote) if f.written in c)
        assert (f.kind == "expected") == ("预计" in clause), f.indicator


# Independently written expectations for the headline figures.
HEADLINES = [
    ("地区生产总值", 2024, "actual", 1.45, "万亿元", "超"),
    ("地区生产总值增速", 2024, "actual", 5.7, "%", None),
    ("地区生产总值增速", 2025, "target", 6, "%", "左右"),
    ("规上工业增加值增速", 2025, "target", 10, "%", "以上"),
    ("全社会研发投入强度", 2024, "expected", 2.8, "%", "达到"),
    ("全社会研发投入强度", 2025, "target", 3, "%", "达到"),
    ("进出口总值", 2024, "actual", 5565.8, "亿元", None),
    ("丹尼斯大卫城销售额", 2024, "actual", 100, "亿元", "突破"),
    ("“专精特新”企业数量", 2024, "actual", 1129, "家", None),
    ("研发投入强度超全国平均水平年数", 2024, "actual", 3, "年", "连续"),
    ("新签约亿元以上工业项目签约额", 2025, "target", 2600, "亿元", "以上"),
    ("来郑留郑大学生", 2024, "actual", 67, "万人", "超"),
]


@pytest.mark.parametrize(("indicator", "period", "kind", "value", "unit", "qualifier"), HEADLINES)
def test_headline_figures(seed: SourceReport, indicator: str, period: int, kind: str, value: float,
                          unit: str, qualifier: str | None) -> None:
    [f] = [f for f in seed.figures if f.indicator == indicator and f.period == period]
    assert (f.kind, f.value, f.unit, f.qualifier) == (kind, value, unit, qualifier)


# Numbers in the text that are deliberately not indicators (see the YAML header).
# Comparison groups (9个国家中心城市, 348个科技城), spans of time (两年, 3年), set phrases
# (一件又一件, 每一条, 重要一年, 两位数) and a threshold that names an indicator (规模超千亿元).
NOT_FIGURES = {"9个", "348个", "两年", "3年", "一件", "一条", "一年", "两位", "超千亿元"}


def test_every_number_in_the_report_is_curated_or_excluded(seed: SourceReport) -> None:
    curated: dict[str, list[str]] = {}
    for f in seed.figures:
        curated.setdefault(f.quote, []).append(f.written)
    for p in seed.passages:
        for sentence in sentences(p.text):
            for q in find_quantities(sentence):
                if q.written in NOT_FIGURES or re.fullmatch(r"(19|20)\d\d年", q.written):
                    continue
                written = curated.get(sentence, [])
                assert any(q.written in w or w in q.written for w in written), (q.written, sentence)


def test_entities_cover_the_named_things(seed: SourceReport) -> None:
    by_name = {e.name: e for e in seed.entities}
    assert "华润万象城" in by_name["万象城"].aliases
    assert "宇通" in by_name["宇通客车"].aliases
    for name in ("以旧换新", "亲清在线", "超聚变", "安图生物", "中原科技城", "中原量子谷",
                 "郑南商许超硬材料集群", "国药生命科学谷", "正弘坊"):
        assert name in by_name, name
    assert any("7+20" in n for e in seed.entities for n in e.names)
    assert len(seed.entities) >= 50


def test_entity_quotes_are_complete(seed: SourceReport) -> None:
    all_sentences = _sentences(seed)
    for e in seed.entities:
        mentioned = [s for s in all_sentences if any(n in s for n in e.names)]
        assert list(e.quotes) == mentioned, e.name
