"""Many reports, one truth: a saved briefing prints the same text whatever happens around it.

The story: the bundled 2025 report, then a 2026 city report and a 2026 district report are
imported; a briefing is composed on 2025 and saved; the selection moves to 2026; the district
report is removed; the reference data is rebuilt from a source whose figures are in another
order.  The saved briefing's PDF (exported with the CLI, read back with pdftotext) stays word for
word the same.  A rebuild that drops one of its figures prints that item as missing, never as
another figure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from zzdesk import paths
from zzdesk.core.briefing import BriefingItem, BriefingSpec, FigureTable
from zzdesk.core.build import build_reference_db
from zzdesk.core.desk import Desk, ReportInUse
from zzdesk.core.parsing.decoding import read_report_bytes

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
GDP = "地区生产总值增速"


def zzdesk(*args: str, home: Path, reference: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "zzdesk", "--reference-db", str(reference), *args],
                            capture_output=True, text=True, timeout=180, check=False,
                            env={**os.environ, "ZZDESK_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def pdf_text(key: str, home: Path, reference: Path, out: Path) -> str:
    zzdesk("briefing", "--saved", key, "--pdf", str(out), home=home, reference=reference)
    return subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout


def source_copy(folder: Path, change: str | None = None) -> Path:
    """data/source copied; its figures reversed ("reorder") or one dropped ("drop")."""
    shutil.copytree(paths.source_dir(), folder)
    yaml_path = folder / "zhengzhou-2025.yaml"
    doc = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    if change == "reorder":
        doc["figures"].reverse()
    elif change == "drop":
        doc["figures"] = [f for f in doc["figures"] if not (f["indicator"] == "固定资产投资增速"
                                                             and f["period"] == 2024)]
    yaml_path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def import_file(desk: Desk, name: str) -> str:
    parsed = desk.preview_import(read_report_bytes((REPORTS / name).read_bytes(), name))
    return desk.commit_import(parsed).reports[0]


@pytest.fixture()
def reference(tmp_path: Path) -> Path:
    return build_reference_db(source_copy(tmp_path / "src"), tmp_path / "ref" / "zz.sqlite")


def compose(desk: Desk) -> BriefingSpec:
    """A briefing on the 2025 report: headlines, a theme, two single figures, an entity and a paragraph."""
    desk.select("latest")  # the newest report is shown: 2026
    old = desk.report("郑州市-2025")
    figures = desk.figures(report=old.key)
    gdp = next(f for f in figures if f.indicator == GDP and f.kind == "actual")
    investment = next(f for f in figures if f.indicator == "固定资产投资增速" and f.period == 2024)
    entity = next(e for e in desk.entities() if e.name == "宇通客车")
    passage = next(p for p in desk.passages(report=old.key) if p.section == "plan" and p.theme == "提振消费")
    items = tuple(desk.pin_item(item, old.key) for item in (
        BriefingItem("headlines", ""), BriefingItem("theme", "稳中求进"), BriefingItem("figure", gdp.key),
        BriefingItem("figure", investment.key), BriefingItem("entity", entity.key),
        BriefingItem("passage", passage.key)))
    return BriefingSpec("经济运行情况", items, issue="第3期", issued=date(2025, 3, 5), issuer="市政府办公厅")


def test_a_saved_briefing_prints_the_same_whatever_happens(reference: Path, user_home: Path,
                                                          tmp_path: Path) -> None:
    with Desk(reference, user_home / "user.sqlite") as desk:
        city = import_file(desk, "zhengzhou-2026-full.txt")
        district = import_file(desk, "jinshui-2026-district.gb18030.txt")
        assert [r.year for r in desk.reports()] == [2025, 2026, 2026]
        saved = desk.save_briefing(compose(desk)).briefings[0]
        spec = desk.open_briefing(saved)
        assert spec.reports == (desk.report("郑州市-2025").key,)
        on_2026 = desk.build_briefing(spec)
        desk.select(district)
        assert desk.build_briefing(spec) == on_2026  # the selection is not an input
    first = pdf_text(saved, user_home, reference, tmp_path / "1.pdf")
    assert "2024年郑州实践" in first and "地区生产总值" in first and "宇通客车" in first
    assert "金水" not in first and "此项数据已不存在" not in first

    listing = zzdesk("briefings", home=user_home, reference=reference)
    assert saved in listing and "经济运行情况" in listing

    with Desk(reference, user_home / "user.sqlite") as desk:
        assert desk.remove_report(district).briefings == ()  # nobody used it
    assert pdf_text(saved, user_home, reference, tmp_path / "2.pdf") == first

    rebuilt = tmp_path / "reordered.sqlite"
    build_reference_db(source_copy(tmp_path / "reordered", "reorder"), rebuilt)
    assert pdf_text(saved, user_home, rebuilt, tmp_path / "3.pdf") == first

    dropped = tmp_path / "dropped.sqlite"
    build_reference_db(source_copy(tmp_path / "dropped", "drop"), dropped)
    missing = pdf_text(saved, user_home, dropped, tmp_path / "4.pdf")
    assert "（此项数据已不存在：指标固定资产投资增速（2024年实绩））" in re.sub(r"\s+", "", missing)
    assert "超1.45万亿元" in missing  # the other figures are where they were
    with Desk(dropped, user_home / "user.sqlite") as desk:
        assert desk.build_briefing(desk.open_briefing(saved)).missing == ("指标固定资产投资增速（2024年实绩）",)
        assert city in {r.key for r in desk.reports()}


def test_removing_a_report_a_briefing_uses_names_it_and_never_repoints(reference: Path, user_home: Path) -> None:
    with Desk(reference, user_home / "user.sqlite") as desk:
        city = import_file(desk, "zhengzhou-2026-full.txt")
        theme = desk.themes(report=city)[1].name
        spec = BriefingSpec("2026年要点", (desk.pin_item(BriefingItem("theme", theme), city),), issued=date(2026, 3, 1))
        saved = desk.save_briefing(spec).briefings[0]
        with pytest.raises(ReportInUse, match="2026年要点") as refused:
            desk.remove_report(city)
        assert "不会改用其他报告的数据" in str(refused.value) and "\n" not in str(refused.value)
        assert desk.removal_impact(city).briefings[0].key == saved
        changes = desk.remove_report(city, force=True)
        assert changes.reports == (city,) and changes.briefings == (saved,)
        document = desk.build_briefing(desk.open_briefing(saved))
        gone = f"主题“{theme}”（报告 {city} 已删除）"
        assert document.missing == (gone,)
        assert [getattr(b, "text", None) for b in document.blocks] == [f"（此项数据已不存在：{gone}）"]


def test_every_figure_carries_its_own_report(reference: Path, user_home: Path) -> None:
    with Desk(reference, user_home / "user.sqlite") as desk:
        city = import_file(desk, "zhengzhou-2026-full.txt")
        old = desk.report("郑州市-2025")
        new = desk.report(city)
        items = tuple(desk.pin_item(BriefingItem("headlines", ""), key) for key in (old.key, new.key))
        document = desk.build_briefing(BriefingSpec("两年对照", items, issued=date(2026, 3, 1)))
        sources = {s.number: s.text for s in document.sources}
        figures = {f.key: f for f in desk.figures()}
        tables = [b for b in document.blocks if isinstance(b, FigureTable)]
        assert len(tables) == 2
        for table, report in zip(tables, (old, new), strict=True):
            for row in table.rows:
                assert sources[row.source].startswith(f"《{report.title}》（{report.year}年")
        assert all(f.key.startswith(desk.report(f.key.split("/")[0]).key + "/") for f in figures.values())
    exported = zzdesk("figures", "--report", city, "--json", home=user_home, reference=reference)
    rows = json.loads(exported)
    assert rows and all(r["report_key"] == city and r["report_year"] == 2026 and r["key"].startswith(city + "/")
                        for r in rows)
    latest = json.loads(zzdesk("figures", "--report", "latest", "--json", home=user_home, reference=reference))
    assert latest == rows
    exported = json.loads(zzdesk("export", "--json", "-", "--report", city, home=user_home, reference=reference))
    assert [r["key"] for r in exported["reports"]] == [city]
    assert [f["key"] for f in exported["figures"]] == [r["key"] for r in rows]
    everything = json.loads(zzdesk("export", "--json", "-", home=user_home, reference=reference))
    assert {(f["report_key"], f["report_year"]) for f in everything["figures"]} == {(old.key, 2025), (city, 2026)}
    assert all(f["key"].startswith(f["report_key"] + "/") for f in everything["figures"])


def test_keys_survive_a_rebuild_in_another_order(reference: Path, tmp_path: Path) -> None:
    rebuilt = build_reference_db(source_copy(tmp_path / "reordered", "reorder"), tmp_path / "r.sqlite")
    with Desk(reference) as before, Desk(rebuilt) as after:
        assert [replace(f, id=0, passage_id=0) for f in before.figures()] == \
            [replace(f, id=0, passage_id=0) for f in after.figures()]
        assert len({f.key for f in after.figures()}) == len(after.figures())


def failing(*args: str, home: Path, reference: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "zzdesk", "--reference-db", str(reference), *args],
                            capture_output=True, text=True, timeout=180, check=False,
                            env={**os.environ, "ZZDESK_HOME": str(home)})
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def test_the_command_line_saves_lists_exports_and_protects_briefings(user_home: Path, tmp_path: Path) -> None:
    reference = tmp_path / "built.sqlite"
    zzdesk("build-db", "--source", str(source_copy(tmp_path / "src")), "--output", str(reference),
           home=user_home, reference=paths.reference_db_path())
    zzdesk("import", str(REPORTS / "zhengzhou-2026-full.txt"), home=user_home, reference=reference)
    key = zzdesk("briefing", "--report", "latest", "--theme", "总体情况", "--save", home=user_home,
                 reference=reference).strip()
    [listed] = json.loads(zzdesk("briefings", "--json", home=user_home, reference=reference))
    new = "郑州市-2026-郑州市2026年政府工作报告"
    assert listed["key"] == key and listed["reports"] == [{"key": new, "loaded": True}]
    text = pdf_text(key, user_home, reference, tmp_path / "saved.pdf")
    assert "郑州市2026年政府工作报告" in text
    assert "不会改用其他报告的数据" in failing("reports", "--remove", new, home=user_home, reference=reference)
    zzdesk("reports", "--remove", new, "--force", home=user_home, reference=reference)
    after = pdf_text(key, user_home, reference, tmp_path / "after.pdf")
    assert "此项数据已不存在" in after and "已删除" in re.sub(r"\s+", "", after)
    assert "%" in text and "%" not in after  # none of the removed report's figures, nor anyone else's
    assert "没有已保存的简报「nope」" in failing("briefing", "--saved", "nope", "--pdf", str(tmp_path / "x.pdf"),
                                          home=user_home, reference=reference)
