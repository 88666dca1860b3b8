"""`zzdesk import` of a PDF, an OFD and a Word file, and the verdicts its results give last year's targets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "ZZDESK_HOME": str(home)})


@pytest.mark.parametrize("ext", [".pdf", ".ofd", ".docx"])
def test_each_format_imports_with_its_metadata(user_home: Path, ext: str) -> None:
    result = run("import", str(REPORTS / f"erqi-2026-district{ext}"), "--dry-run", "--json", home=user_home)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["report"] == {"title": "二七区2026年政府工作报告", "region": "二七区", "year": 2026,
                             "kind": "政府工作报告"}
    assert len(doc["figures"]) == 14


def test_targets_meet_the_results_the_new_report_states(user_home: Path) -> None:
    expected = yaml.safe_load((REPORTS / "zhengzhou-2026-report.expected.yaml").read_text(encoding="utf-8"))
    imported = run("import", str(REPORTS / "zhengzhou-2026-report.pdf"), home=user_home)
    assert imported.returncode == 0, imported.stderr
    checks = json.loads(run("targets", "--json", home=user_home).stdout)
    verdicts = {(c["indicator"], c["period"]): c["status"] for c in checks if c["period"] == 2025}
    for indicator, period, status in expected["targets"]:
        assert verdicts.get((indicator, period)) == status, indicator
    gdp = next(c for c in checks if c["indicator"] == "地区生产总值增速" and c["period"] == 2025)
    assert (gdp["target_value"], gdp["actual_value"], gdp["gap"]) == (6.0, 5.4, -0.6)


def test_a_scan_is_refused_in_one_line(user_home: Path) -> None:
    result = run("import", str(REPORTS / "scanned.pdf"), home=user_home)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("zzdesk: scanned.pdf：这是扫描件，无法识别文字")
