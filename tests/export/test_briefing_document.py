"""The briefing document model: structure, numbering and sources, without drawing anything."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from zzdesk import paths
from zzdesk.core.briefing import (
    BriefingData,
    BriefingItem,
    BriefingSpec,
    ChartBlock,
    FigureTable,
    Heading,
    Paragraph,
    TargetTable,
    build_document,
    chinese_date,
    chinese_ordinal,
    theme_items,
)
from zzdesk.core.store import DataStore
from zzdesk.core.targets import check_targets
from zzdesk.core.wording import nest_quotes
from zzdesk.export.page_layout import compress


@pytest.fixture(scope="module")
def data() -> BriefingData:
    with DataStore(paths.reference_db_path()) as store:
        report = store.reports()[-1]
        return BriefingData(report, store.figures(), store.passages(), store.entities())


def test_all_themes_with_headlines(data: BriefingData) -> None:
    doc = build_document(BriefingSpec("要点", theme_items(["稳中求进", "提振消费", "新质生产力", "创新引领"], True)),
                         data)
    level1 = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert level1 == ["一、主要指标", "二、稳中求进", "三、提振消费", "四、新质生产力", "五、创新引领"]
    level2 = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 2]
    assert level2[:3] == ["（一）2024年郑州实践", "（二）2025年目标任务", "（三）主要指标"]
    tables = [b for b in doc.blocks if isinstance(b, FigureTable)]
    printed = {r.indicator for t in tables for r in t.rows}
    assert {f.indicator for f in data.figures} <= printed  # every figure of the report is printed


def test_every_printed_figure_cites_its_sentence(data: BriefingData) -> None:
    doc = build_document(BriefingSpec("要点", theme_items(["提振消费"], False)), data)
    sources = {s.number: s.text for s in doc.sources}
    assert sorted(sources) == list(range(1, len(sources) + 1))
    by_indicator = {f.indicator: f for f in data.figures if f.theme == "提振消费"}
    for table in (b for b in doc.blocks if isinstance(b, FigureTable)):
        for row in table.rows:
            figure = by_indicator[row.indicator]
            assert nest_quotes(f"“{figure.quote}”") in sources[row.source]  # inner quotes as ‘’
            assert data.report.title in sources[row.source]
    for chart in (b for b in doc.blocks if isinstance(b, ChartBlock)):
        figures = {f.id: f for f in data.figures}
        for figure_id in chart.spec.figure_ids:
            assert any(nest_quotes(f"“{figures[figure_id].quote}”") in sources[n] for n in chart.sources)
    for paragraph in (b for b in doc.blocks if isinstance(b, Paragraph)):
        assert paragraph.sources and "全段照录" in sources[paragraph.sources[0]]


def test_loose_items_and_note(data: BriefingData) -> None:
    gdp = next(f for f in data.figures if f.indicator == "地区生产总值")
    yutong = next(e for e in data.entities if e.name == "宇通客车")
    items = (BriefingItem("figure", gdp.key), BriefingItem("entity", yutong.key),
             BriefingItem("chart", "稳中求进/%/增速"))
    doc = build_document(BriefingSpec("专题", items, note="供常务会参阅。"), data)
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text == "按语：供常务会参阅。"
    assert isinstance(doc.blocks[1], FigureTable) and doc.blocks[1].rows[0].value == "超1.45万亿元"
    assert isinstance(doc.blocks[2], Paragraph) and doc.blocks[2].text.startswith("宇通客车（企业）：")
    assert isinstance(doc.blocks[3], ChartBlock) and doc.blocks[3].spec.unit == "%"


def test_spec_round_trips_through_json() -> None:
    spec = BriefingSpec("标题", (BriefingItem("theme", "稳中求进"),), template="report", issued=date(2025, 3, 5),
                        copies=40, report_to="市委办公厅")
    assert BriefingSpec.from_json(spec.to_json()) == spec


def test_conventions() -> None:
    assert chinese_date(date(2025, 3, 5)) == "2025年3月5日"
    assert [chinese_ordinal(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]
    assert compress([5, 1, 2, 3, 9, 10]) == "1–3,5,9–10"
    assert compress([4]) == "4"


def test_a_targets_section_without_results_is_left_out_with_a_note(data: BriefingData) -> None:
    checks = check_targets(data.figures, [data.report])
    assert checks and all(c.status == "无数据" for c in checks)  # only the bundled report: nothing to compare yet
    doc = build_document(BriefingSpec("要点", (BriefingItem("targets", ""),)), replace(data, checks=checks))
    assert not any(isinstance(b, (TargetTable, Heading)) for b in doc.blocks)
    assert doc.notes and "目标完成情况" in doc.notes[0]
