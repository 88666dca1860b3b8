"""One indicator across reports: every figure with its report, the chart by year, the briefing section."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzdesk import paths
from zzdesk.core.briefing import BriefingData, BriefingItem, BriefingSpec, ChartBlock, FigureTable, build_document
from zzdesk.core.citation import figure_citation
from zzdesk.core.importing import commit_import
from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.parsing.report import parse_report
from zzdesk.core.records import FigureRecord, ReportRecord
from zzdesk.core.store import DataStore
from zzdesk.core.trends import indicator_trend, trend_keys

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


@pytest.fixture
def loaded(user_home: Path) -> tuple[list[FigureRecord], list[ReportRecord], DataStore]:
    store = DataStore(paths.reference_db_path(), user_home / "user.sqlite")
    for name in ("zhengzhou-2026-full.txt", "zhengzhou-2027-brief.txt"):
        text = read_report_bytes((REPORTS / name).read_bytes(), name)
        commit_import(store.user_db, parse_report(text, store.entities()), store.reference)
    return store.figures(), store.reports(), store


def test_one_indicator_across_three_reports(loaded: tuple[list[FigureRecord], list[ReportRecord], DataStore]) -> None:
    figures, reports, store = loaded
    try:
        assert trend_keys(figures)[0] == "地区生产总值增速"
        trend = indicator_trend(figures, reports, "地区生产总值增速")
        assert trend is not None and trend.unit == "%"
        rows = [(p.label, p.said, p.report.year) for p in trend.points]
        assert rows == [("2024年实绩", "增长5.7%", 2025), ("2025年实绩", "增长5.6%", 2026),
                        ("2025年目标", "增长6%左右", 2025), ("2026年实绩", "增长5.2%", 2027),
                        ("2026年目标", "增长5%—5.5%", 2026), ("2027年目标", "增长5%左右", 2027)]
        assert all(p.figure.quote in p.source and p.report.title in p.source for p in trend.points)
        chart = trend.chart()
        assert chart.categories == ("2024年", "2025年", "2026年", "2027年")
        result, target = chart.series
        assert [b.label if b else None for b in result.bars] == ["增长5.7%", "增长5.6%", "增长5.2%", None]
        assert [b.label if b else None for b in target.bars] == [None, "增长6%左右", "增长5%—5.5%", "增长5%左右"]
        assert indicator_trend(figures, reports, "没有这个指标") is None
    finally:
        store.close()


def test_a_trend_in_a_briefing_cites_every_report(
        loaded: tuple[list[FigureRecord], list[ReportRecord], DataStore]) -> None:
    figures, reports, store = loaded
    try:
        first = reports[0]
        data = BriefingData(first, [f for f in figures if f.report_id == first.id], store.passages(),
                            store.entities(), (), reports, all_figures=figures)
        document = build_document(BriefingSpec("趋势", (BriefingItem("trend", "地区生产总值增速"),)), data)
        table = next(b for b in document.blocks if isinstance(b, FigureTable))
        assert [r.when for r in table.rows][:3] == ["2024年实绩", "2025年实绩", "2025年目标"]
        assert any(isinstance(b, ChartBlock) for b in document.blocks)
        cited = "\n".join(s.text for s in document.sources)
        for report in reports:
            assert f"《{report.title}》（{report.year}年" in cited
    finally:
        store.close()


def test_citation_has_number_sentence_and_source(
        loaded: tuple[list[FigureRecord], list[ReportRecord], DataStore]) -> None:
    figures, reports, store = loaded
    store.close()
    figure = next(f for f in figures if f.indicator == "地区生产总值增速" and f.period == 2024)
    report = next(r for r in reports if r.id == figure.report_id)
    lines = figure_citation(figure, report).split("\n")
    assert lines[0] == "地区生产总值增速：增长5.7%（2024年实绩）"
    assert lines[1] == f"原句：“{figure.quote}”"
    assert lines[2] == f"出处：《{report.title}》（2025年）·{figure.theme}"


def test_a_range_target_keeps_both_ends_in_the_chart_and_says_how_it_is_drawn(
        loaded: tuple[list[FigureRecord], list[ReportRecord], DataStore]) -> None:
    figures, reports, store = loaded
    store.close()
    trend = indicator_trend(figures, reports, "地区生产总值增速")
    assert trend is not None
    ranged, about = trend.target_for(2026), trend.target_for(2025)
    assert ranged is not None and about is not None
    bar = trend.chart().series[1].bars[2]
    assert bar is not None and (bar.value, bar.high) == (5, 5.5)
    assert ranged.plotted == 5.25  # the line passes the middle; the tooltip says it is no figure of the report
    assert ranged.reading == "区间5—5.5%：竖线从5画到5.5，标记在中点5.25（报告中没有这个数）"
    assert ranged.tooltip.split("\n") == ["2026年目标：增长5%—5.5%", ranged.reading, ranged.source]
    assert about.plotted == 6 and about.reading == "“左右”：约为6%，标记画在6"
    exact = trend.result_for(2024)
    assert exact is not None and exact.reading == "" and exact.tooltip == f"2024年实绩：增长5.7%\n{exact.source}"
