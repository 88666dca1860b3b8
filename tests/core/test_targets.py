"""Targets against later results: the rules, and a round trip through two imported reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzdesk import paths
from zzdesk.core.importing import AlreadyImported, commit_import, imported_reports, remove_report
from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.parsing.report import parse_report
from zzdesk.core.records import FigureRecord
from zzdesk.core.store import DataStore
from zzdesk.core.targets import MET, MISSED, NO_DATA, TO_VERIFY, check_targets, is_met

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def figure(value: float, qualifier: str | None, kind: str = "target", unit: str = "%") -> FigureRecord:
    return FigureRecord(id=1, report_id=1, report_title="", theme="", indicator="x", period=2025, kind=kind,
                        value=value, unit=unit, qualifier=qualifier, cumulative=False, written="", quote="",
                        passage_id=1, start=0, end=0)


@pytest.mark.parametrize(("target", "qualifier", "actual", "met"), [
    (6, "左右", 5.5, True), (6, "左右", 5.4, False), (6.5, "左右", 6.45, True), (6.5, "左右", 6.44, False),
    (10, "以上", 10, True), (10, "以上", 9.9, False), (3, "以内", 3, True), (3, "以内", 3.1, False),
    (100, "超", 100, False), (100, "突破", 120, True), (8, None, 8, True), (4.5, "区间", 4.6, True),
    (4.5, "区间", 4.4, False), (3, "达到", 3, True),
])
def test_rules(target: float, qualifier: str | None, actual: float, met: bool) -> None:
    assert is_met(figure(target, qualifier), figure(actual, None, kind="actual")) is met


def load(store: DataStore, name: str) -> int:
    text = read_report_bytes((REPORTS / name).read_bytes(), name)
    return commit_import(store.user_db, parse_report(text, store.entities()), store.reference)


def test_seed_targets_against_the_2026_report(user_home: Path) -> None:
    with DataStore(paths.reference_db_path(), user_home / "user.sqlite") as store:
        load(store, "zhengzhou-2026-full.txt")
        checks = {c.indicator: c for c in check_targets(store.figures(), store.reports()) if c.period == 2025}
    assert (checks["地区生产总值增速"].status, round(checks["地区生产总值增速"].gap or 0, 2)) == (MET, -0.4)
    assert checks["固定资产投资增速"].status == MISSED and checks["固定资产投资增速"].gap_text == "低于目标1.9个百分点"
    assert checks["规上工业增加值增速"].status == MET
    assert checks["一般公共预算收入增速"].status == MET  # 1.6% rounds to 2%: 2%左右 is met
    assert checks["全社会研发投入强度"].status == TO_VERIFY  # the 2025 figure is 预计
    assert checks["建筑业总产值增速"].status == NO_DATA
    projects = checks["新签约亿元以上工业项目数"]
    assert projects.status == MET and projects.gap_unit == "%" and round(projects.gap or 0, 2) == 4.07
    json = projects.to_json()
    assert json["target_report"] == "政府工作报告里的“郑实践”" and json["actual_report"] == "郑州市2026年政府工作报告"


def test_a_district_report_answers_no_city_target(user_home: Path) -> None:
    with DataStore(paths.reference_db_path(), user_home / "user.sqlite") as store:
        load(store, "jinshui-2026-district.gb18030.txt")  # 金水区, 2026: its 地区生产总值增速 is the district's
        checks = [c for c in check_targets(store.figures(), store.reports()) if c.period == 2025]
        assert checks and all(c.actual is None and c.status == NO_DATA for c in checks)
        load(store, "zhengzhou-2026-full.txt")
        checks = [c for c in check_targets(store.figures(), store.reports()) if c.period == 2025]
    answered = [c for c in checks if c.actual_report is not None]
    assert answered and all(c.actual_report.region == c.target_report.region == "郑州市" for c in answered
                            if c.actual_report is not None)


def test_round_trip_through_two_imported_reports(user_home: Path) -> None:
    with DataStore(paths.reference_db_path(), user_home / "user.sqlite") as store:
        first = load(store, "zhengzhou-2026-full.txt")
        load(store, "zhengzhou-2027-brief.txt")
        checks = {c.indicator: c for c in check_targets(store.figures(), store.reports()) if c.period == 2026}
        assert checks["地区生产总值增速"].status == MET  # 5.2% against 5%—5.5%
        assert checks["规上工业增加值增速"].status == MISSED  # 7.5% against 8%以上
        assert checks["社会消费品零售总额增速"].status == MET  # 5.6% against 6%左右
        assert checks["一般公共预算收入增速"].status == MISSED  # 2.4% against 3%左右
        assert {r.title for r in imported_reports(store.user_db)} == {"郑州市2026年政府工作报告",
                                                                      "郑州市2027年政府工作报告（摘要）"}
        remove_report(store.user_db, first)
        assert [r.year for r in imported_reports(store.user_db)] == [2027]
        assert not store.search("中原数据基地")  # its entities and index entries went with it


def test_importing_the_same_text_twice_changes_nothing(user_home: Path) -> None:
    with DataStore(paths.reference_db_path(), user_home / "user.sqlite") as store:
        load(store, "zhengzhou-2026-full.txt")
        before = store.user_db.execute("SELECT count(*) FROM figures").fetchone()[0]
        with pytest.raises(AlreadyImported, match="已导入"):
            load(store, "zhengzhou-2026-full.txt")
        assert store.user_db.execute("SELECT count(*) FROM figures").fetchone()[0] == before
        seed_text = (paths.source_dir() / "zhengzhou-2025.txt").read_text(encoding="utf-8")
        with pytest.raises(AlreadyImported):
            commit_import(store.user_db, parse_report(seed_text), store.reference)  # the bundled report


def test_imported_reports_appear_everywhere(user_home: Path) -> None:
    with DataStore(paths.reference_db_path(), user_home / "user.sqlite") as store:
        load(store, "jinshui-2026-district.gb18030.txt")
        assert [r.region for r in store.reports()] == ["郑州市", "金水区"]
        assert any(f.quote.startswith("2026年，金水区将聚焦数字经济") for f in store.figures())
        assert store.search("金水科教园区")[0].name == "金水科教园区"
        assert store.search("jskjyq")[0].name == "金水科教园区"  # pinyin initials, built at import
        ids = [f.id for f in store.figures()]
        assert len(ids) == len(set(ids))  # no id is shared by bundled and imported rows


def _named(indicator: str, value: float, unit: str, kind: str, report_id: int, qualifier: str | None = None,
           ) -> FigureRecord:
    return FigureRecord(id=report_id * 100 + len(indicator), report_id=report_id, report_title="", theme="",
                        indicator=indicator, period=2025, kind=kind, value=value, unit=unit, qualifier=qualifier,
                        cumulative=False, written="", quote="", passage_id=1, start=0, end=0)


def test_targets_meet_results_by_indicator_key_not_by_spelling() -> None:
    from zzdesk.core.records import ReportRecord

    reports = [ReportRecord(id=n, slug=f"r{n}", title=f"{year}年报告", region="某市", year=year,
                            review_year=year - 1, kind="政府工作报告", attribution="")
               for n, year in ((1, 2025), (2, 2026))]
    figures = [
        _named("社会消费品零售总额全年增速", 6, "%", "target", 1, "以上"),
        _named("社零增速", 5, "%", "actual", 2),  # the same indicator, spelt otherwise
        _named("地区生产总值", 15000, "亿元", "target", 1, "达到"),
        _named("地区生产总值", 1.52, "万亿元", "actual", 2, "突破"),  # a level, in another unit of money
        _named("地区生产总值增速", 5.4, "%", "actual", 2),  # a growth rate: never the level's result
        _named("一般公共预算收入增速", 3, "%", "target", 1),
        _named("一般公共预算收入", 1150, "亿元", "actual", 2),  # only the level is stated: no result
    ]
    checks = {c.indicator: c for c in check_targets(figures, reports)}
    assert checks["社会消费品零售总额增速"].status == MISSED
    level = checks["地区生产总值"]
    assert (level.status, level.actual.value if level.actual else None) == (MET, 1.52)  # shown as written
    assert round(level.gap or 0, 2) == 1.33  # 15200亿元 against 15000亿元: 1.33% above
    assert checks["一般公共预算收入增速"].status == NO_DATA
