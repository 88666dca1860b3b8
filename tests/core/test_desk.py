"""The Desk: one API for reads and writes; every write says what changed, every user failure is a UserError."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zzdesk import paths
from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.desk import Changes, Desk, ReadOnlyReport, UnknownBriefing, UnknownReport
from zzdesk.core.errors import UserError
from zzdesk.core.parsing.decoding import read_report_bytes

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def spec(title: str) -> BriefingSpec:
    return BriefingSpec(title, (BriefingItem("headlines", ""),), issued=date(2025, 3, 5))


def test_reports_are_found_by_key_start_slug_or_latest(user_home: Path) -> None:
    with Desk(paths.reference_db_path(), user_home / "user.sqlite") as desk:
        bundled = desk.report("latest")
        assert desk.report("zhengzhou-2025") == desk.report("郑州市-2025") == desk.report(bundled.key) == bundled
        with pytest.raises(UnknownReport) as missing:
            desk.report("北京市-2030")
        assert isinstance(missing.value, UserError) and bundled.key in str(missing.value)
        with pytest.raises(ReadOnlyReport, match="不能删除"):
            desk.remove_report(bundled.key)


def test_imports_select_and_narrow_every_read(user_home: Path) -> None:
    with Desk(paths.reference_db_path(), user_home / "user.sqlite") as desk:
        name = "jinshui-2026-district.gb18030.txt"
        parsed = desk.preview_import(read_report_bytes((REPORTS / name).read_bytes(), name))
        changes = desk.commit_import(parsed)
        [district] = changes.reports
        report = desk.report(district)
        assert report.review_label == "金水实践" and report.section_label("plan") == "目标任务"
        assert desk.figures(report=district) and all(f.report_id == report.id for f in desk.figures(report=district))
        assert {t.report_id for t in desk.themes(report=district)} == {report.id}
        assert all(h.report_id in (None, report.id) for h in desk.search("郑州", report=district))
        assert desk.select(district) == report and desk.report() == report
        assert desk.remove_report(district).reports == (district,)
        assert desk.report().year == 2025  # the selection falls back to the newest left


def test_briefings_saved_duplicated_deleted_by_key(user_home: Path) -> None:
    with Desk(paths.reference_db_path(), user_home / "user.sqlite") as desk:
        [first] = desk.save_briefing(spec("第1期")).briefings
        assert desk.open_briefing(first).reports == (desk.report().key,)
        [copy] = desk.duplicate_briefing(first).briefings
        assert desk.open_briefing(copy).title == "第1期（副本）"
        changes, deleted = desk.delete_briefing(first)
        assert changes == Changes(briefings=(first,), message="已删除“第1期”") and deleted.title == "第1期"
        assert [b.key for b in desk.briefings()] == [copy]
        with pytest.raises(UnknownBriefing):
            desk.open_briefing(first)


def test_backup_restore_and_packs_go_through_the_desk(user_home: Path, tmp_path: Path) -> None:
    with Desk(paths.reference_db_path(), user_home / "user.sqlite") as desk:
        [kept] = desk.save_briefing(spec("备份前")).briefings
        [backup] = desk.backup().files
        desk.save_briefing(spec("备份后"))
        restored = desk.restore(backup)
        assert restored.everything and [b.key for b in desk.briefings()] == [kept]
        [pack] = desk.export_pack(tmp_path / "数据.zzpack").files
    with Desk(paths.reference_db_path(), tmp_path / "other" / "user.sqlite") as other:
        assert other.import_pack(pack).everything
        assert [b.key for b in other.briefings()] == [kept]  # the same key on the other PC
