"""What goes on paper for a figure, a title, a quote and an issue number."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from zzdesk.core.briefing import BriefingSpec, default_title, next_issue
from zzdesk.core.records import FigureRecord, ReportRecord
from zzdesk.core.wording import nest_quotes, period_label, verbatim_value


def figure(**changes: object) -> FigureRecord:
    base = FigureRecord(theme="提振消费", indicator="丹尼斯大卫城销售额", period=2024, kind="actual", value=100.0,
                        unit="亿元", qualifier="突破", cumulative=False, written="突破百亿元",
                        quote="丹尼斯大卫城销售额突破百亿元。", id=1, report_id=1, report_title="t", passage_id=1,
                        start=0, end=5)
    return replace(base, **changes)


def test_values_keep_the_sources_own_words() -> None:
    assert verbatim_value(figure()) == "突破百亿元"
    assert verbatim_value(figure(indicator="研发投入强度超全国平均水平年数", value=3.0, unit="年", qualifier="连续",
                                 written="连续三年")) == "连续三年"
    assert verbatim_value(figure(indicator="地区生产总值增速", value=5.7, unit="%", qualifier=None,
                                 written="5.7%")) == "增长5.7%"


def test_cumulative_figures_say_so() -> None:
    students = figure(indicator="来郑留郑大学生", value=67.0, unit="万人", qualifier="超", cumulative=True,
                      written="超67万人", quote="3年累计来郑留郑大学生超67万人。")
    assert verbatim_value(students) == "3年累计超67万人"
    assert period_label(students, "实绩") == "截至2024年"
    assert verbatim_value(replace(students, quote="累计引育超67万人。")) == "累计超67万人"
    assert period_label(figure(), "实绩") == "2024年实绩"


def test_nested_quotes_become_single_quotes() -> None:
    assert nest_quotes("“汽车“以旧换新”达到”") == "“汽车‘以旧换新’达到”"
    assert nest_quotes("《政府工作报告里的“郑实践”》") == "《政府工作报告里的“郑实践”》"


def test_default_title_names_the_source_as_it_is() -> None:
    report = ReportRecord(id=1, slug="zz", title="政府工作报告里的“郑实践”", region="郑州市", year=2025,
                          review_year=2024, kind="digest", attribution="")
    assert default_title(report) == "《政府工作报告里的“郑实践”》要点"
    assert default_title(report, ["提振消费"]) == "《政府工作报告里的“郑实践”》：提振消费"


def test_issue_numbers_count_up_per_bulletin() -> None:
    saved = [BriefingSpec("a", (), bulletin_name="工作简报", issue="第3期", issued=date(2025, 1, 1)),
             BriefingSpec("b", (), bulletin_name="工作简报", issue="第12期"),
             BriefingSpec("c", (), bulletin_name="督查通报", issue="第40期")]
    assert next_issue("工作简报", saved) == "第13期"
    assert next_issue("督查通报", saved) == "第41期"
    assert next_issue("信息专报", saved) == "第1期"
