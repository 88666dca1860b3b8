"""`zzdesk import`, `reports` and `targets` run as separate processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "ZZDESK_HOME": str(home)})


def test_dry_run_json_shape_writes_nothing(user_home: Path) -> None:
    result = run("import", str(REPORTS / "zhengzhou-2026-full.txt"), "--dry-run", "--json", home=user_home)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["report"] == {"title": "郑州市2026年政府工作报告", "region": "郑州市", "year": 2026,
                             "kind": "政府工作报告"}
    assert doc["themes"][0] == {"name": "总体情况", "order": 1}
    assert set(doc["figures"][0]) == {"theme", "indicator", "key", "period", "kind", "value", "unit", "qualifier",
                                      "quote"}
    assert doc["figures"][0]["key"] == "地区生产总值增速"
    assert {"name", "type", "themes"} <= set(doc["entities"][0]) and doc["warnings"] == []
    listing = run("reports", home=user_home).stdout
    assert "郑州市2026年政府工作报告" not in listing


def test_import_targets_and_remove(user_home: Path) -> None:
    assert run("import", str(REPORTS / "zhengzhou-2026-full.txt"), home=user_home).returncode == 0
    again = run("import", str(REPORTS / "zhengzhou-2026-full.txt"), home=user_home)
    assert again.returncode == 0 and "已导入" in again.stderr
    targets = json.loads(run("targets", "--json", home=user_home).stdout)
    keys = {"indicator", "period", "target_value", "unit", "qualifier", "target_report", "actual_value",
            "actual_report", "status", "gap"}
    assert all(keys <= set(t) for t in targets)
    assert {t["status"] for t in targets} <= {"达标", "未达标", "待核实", "无数据"}
    gdp = next(t for t in targets if t["indicator"] == "地区生产总值增速" and t["period"] == 2025)
    assert (gdp["target_value"], gdp["actual_value"], gdp["status"], gdp["gap"]) == (6.0, 5.6, "达标", -0.4)
    table = run("targets", home=user_home).stdout
    assert "未达标" in table and "低于目标1.9个百分点" in table
    listing = run("reports", home=user_home).stdout
    imported_id = next(line.split()[0] for line in listing.splitlines() if "2026年政府工作报告" in line)
    assert run("reports", "--remove", imported_id, home=user_home).returncode == 0
    assert "郑州市2026年政府工作报告" not in run("reports", home=user_home).stdout
    refused = run("reports", "--remove", "1", home=user_home)
    assert refused.returncode == 1 and "不能删除" in refused.stderr


def test_the_same_report_in_another_format_is_already_imported(user_home: Path) -> None:
    """A .docx breaks its lines otherwise than the .txt: the same words are still the same report."""
    txt = (REPORTS / "erqi-2026-district.txt").read_text(encoding="utf-8")
    assert run("import", str(REPORTS / "erqi-2026-district.txt"), home=user_home).returncode == 0
    preview = json.loads(run("import", str(REPORTS / "erqi-2026-district.docx"), "--dry-run", "--json",
                             home=user_home).stdout)
    assert preview["report"]["title"] in txt  # the file reads as the same report...
    again = run("import", str(REPORTS / "erqi-2026-district.docx"), home=user_home)
    assert again.returncode == 0 and "已导入" in again.stderr  # ...and is not stored a second time
    listing = run("reports", home=user_home)
    assert listing.returncode == 0
    erqi = [line.split()[0] for line in listing.stdout.splitlines() if "二七区" in line]
    assert erqi == ["1000000"], listing.stdout  # one report, the first import


def test_bad_files_get_one_clear_line(user_home: Path, tmp_path: Path) -> None:
    cases = {"empty.txt": b"", "binary.txt": b"\x00\x01\x02\x03", "bad.txt": b"\x80\x80\xff\xff",
             "bad.docx": b"PK not really", "noyear.txt": "某地工作总结\n\n总体情况\n\n工作有序推进。".encode()}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        result = run("import", str(tmp_path / name), home=user_home)
        assert result.returncode == 1, name
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, name
    missing = run("import", str(tmp_path / "nope.txt"), home=user_home)
    assert missing.returncode == 1 and "无法读取" in missing.stderr
