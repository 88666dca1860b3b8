"""The command line, run as a user runs it: a separate process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zzdesk import __version__
from zzdesk.core.source import SourceReport


def run(*args: str, home: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZZDESK_HOME": str(home)}
    result = subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True,
                            env=env, check=False, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_version(user_home: Path) -> None:
    assert run("--version", home=user_home).stdout.strip() == f"zzdesk {__version__}"


def test_export_json_shape(user_home: Path) -> None:
    doc = json.loads(run("export", "--json", "-", home=user_home).stdout)
    assert doc["schema"] == "zzdesk.export/1"
    assert [set(r) >= {"id", "title", "region", "year"} for r in doc["reports"]] == [True]
    assert doc["reports"][0]["year"] == 2025 and doc["reports"][0]["region"] == "郑州市"
    assert [t["name"] for t in doc["themes"]] == ["稳中求进", "提振消费", "新质生产力", "创新引领"]
    assert all(set(t) >= {"id", "report", "name", "order"} for t in doc["themes"])
    keys = {"id", "report", "theme", "indicator", "period", "kind", "value", "unit", "qualifier", "quote"}
    for f in doc["figures"]:
        assert set(f) >= keys
        assert isinstance(f["value"], (int, float)) and not isinstance(f["value"], bool)
        assert f["qualifier"] is None or isinstance(f["qualifier"], str)
        assert f["report"] == doc["reports"][0]["id"]
    for e in doc["entities"]:
        assert set(e) >= {"id", "name", "aliases", "type", "themes", "quotes"}
        assert e["quotes"] and all(isinstance(q, str) for q in e["quotes"])
    assert (user_home / "user.sqlite").is_file()


def test_export_round_trips_the_curated_source(user_home: Path, tmp_path: Path, seed: SourceReport) -> None:
    out = tmp_path / "导出.json"
    run("export", "--json", str(out), home=user_home)
    doc = json.loads(out.read_text(encoding="utf-8"))
    exported = [(f["theme"], f["indicator"], f["period"], f["kind"], f["value"], f["unit"],
                 f["qualifier"], f["quote"]) for f in doc["figures"]]
    curated = [(f.theme, f.indicator, f.period, f.kind, f.value, f.unit, f.qualifier, f.quote)
               for f in seed.figures]
    assert exported == curated
    by_name = {e["name"]: e for e in doc["entities"]}
    for e in seed.entities:
        got = by_name[e.name]
        assert (got["type"], got["aliases"], got["themes"], got["quotes"]) == (
            e.type, list(e.aliases), list(e.themes), list(e.quotes))


def test_figures_table_filters(user_home: Path) -> None:
    out = run("figures", "--theme", "提振消费", "--kind", "target", home=user_home).stdout
    assert "“两新”政策带动消费" in out and "300亿元以上" in out
    assert "丹尼斯大卫城" not in out
    out = run("figures", "--period", "2024", home=user_home).stdout
    assert "超1.45万亿元" in out and "6%左右" not in out
    header, rule = out.splitlines()[:2]
    assert header.startswith("主题") and set(rule) <= {"─", " "}


def test_unknown_theme_is_one_clear_line(user_home: Path) -> None:
    line = one_line_error(run("figures", "--theme", "不存在", home=user_home, check=False))
    assert "不存在" in line and "稳中求进" in line


@pytest.mark.parametrize("args", [["figures", "--period", "明年"], ["nosuch"], ["export"]])
def test_bad_arguments(user_home: Path, args: list[str]) -> None:
    result = run(*args, home=user_home, check=False)
    assert result.returncode == 2
    assert "参数错误" in one_line_error(result)


def test_missing_and_corrupt_reference_db(user_home: Path, tmp_path: Path) -> None:
    line = one_line_error(run("--reference-db", str(tmp_path / "none.sqlite"), "export", "--json", "-",
                              home=user_home, check=False))
    assert "找不到" in line
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(4096))
    line = one_line_error(run("--reference-db", str(junk), "figures", home=user_home, check=False))
    assert "损坏" in line


def test_unwritable_export_path(user_home: Path, tmp_path: Path) -> None:
    line = one_line_error(run("export", "--json", str(tmp_path / "no" / "such" / "dir.json"),
                              home=user_home, check=False))
    assert "无法写入" in line


def test_data_dir_option_wins_over_environment(user_home: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    run("--data-dir", str(chosen), "figures", home=user_home)
    assert (chosen / "user.sqlite").is_file()
    assert not (user_home / "user.sqlite").exists()


def test_build_db_writes_where_asked(user_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "built.sqlite"
    run("build-db", "--output", str(out), home=user_home)
    doc = json.loads(run("--reference-db", str(out), "export", "--json", "-", home=user_home).stdout)
    assert len(doc["figures"]) >= 60


def test_search_json(user_home: Path) -> None:
    hits = json.loads(run("search", "zykjc", "--json", home=user_home).stdout)
    assert hits[0]["name"] == "中原科技城" and hits[0]["type"] == "place"
    for hit in hits:
        assert set(hit) >= {"type", "id", "name", "theme", "snippet", "score"}
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_table_groups_by_type(user_home: Path) -> None:
    out = run("search", "消费", "--limit", "8", home=user_home).stdout
    assert re.search(r"^主题（\d+）$", out, re.M) and re.search(r"^指标（\d+）$", out, re.M)
    assert "〔消费〕" in out
    assert out.strip().endswith("共 8 条结果")


def test_search_type_filter_accepts_chinese_labels(user_home: Path) -> None:
    hits = json.loads(run("search", "消费", "--type", "指标", "--json", home=user_home).stdout)
    assert hits and {h["type"] for h in hits} == {"figure"}
    line = one_line_error(run("search", "消费", "--type", "火箭", home=user_home, check=False))
    assert "火箭" in line


def test_search_hostile_input(user_home: Path) -> None:
    for query in ['"AND" NEAR(', "-", "a" * 10_000]:
        result = run("search", query, "--json", home=user_home)
        assert isinstance(json.loads(result.stdout), list)
    assert "没有找到" in run("search", "火星基地", home=user_home).stdout


def test_no_display_is_one_clear_line(user_home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["ZZDESK_HOME"] = str(user_home)
    result = subprocess.run([sys.executable, "-m", "zzdesk"], capture_output=True, text=True, env=env,
                            timeout=60, check=False)
    assert result.returncode == 1 and "DISPLAY" in one_line_error(result)
