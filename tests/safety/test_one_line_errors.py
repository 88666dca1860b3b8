"""Inputs that used to end in a traceback: numbers too big for SQLite, arguments that are not
UTF-8, a terminal that cannot show Chinese, a reference database of another schema."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import one_line_failure, zz

from zzdesk import paths

USAGE = 2


@pytest.mark.parametrize("args", [
    ("search", "科技", "--limit", str(2**61)),
    ("search", "科技", "--limit", "-5"),
    ("figures", "--period", str(2**70)),
    ("briefing", "--pdf", "x.pdf", "--copies", "9" * 30),
])
def test_numbers_out_of_range_are_a_usage_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = zz(tmp_path, *args)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == USAGE and len(lines) == 1 and "之间的整数" in lines[0], result.stderr


def test_removing_a_report_that_is_not_there_is_one_line(tmp_path: Path) -> None:
    # reports are removed by key: a huge number is just a key that names no report
    result = zz(tmp_path, "reports", "--remove", "9" * 40)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1 and "没有报告" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_arguments_that_are_not_utf8(tmp_path: Path) -> None:
    env = {**os.environ, "ZZDESK_HOME": str(tmp_path)}
    for args in ([b"search", b"\xff\xfe"], [b"import", b"\xb1\xa8\xb8\xe6.txt"], [b"reports", b"--remove", b"\xff"]):
        result = subprocess.run([os.fsencode(sys.executable), b"-m", b"zzdesk", *args], capture_output=True,
                                env=env, timeout=120, check=False)
        err = result.stderr.decode("utf-8")
        assert result.returncode in (1, USAGE) and len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err and err.startswith("zzdesk: ")


def test_a_terminal_that_cannot_show_chinese(tmp_path: Path) -> None:
    ascii_only = {"PYTHONIOENCODING": "ascii"}
    listed = zz(tmp_path, "figures", env=ascii_only)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr and "\\u" in listed.stdout
    failed = zz(tmp_path, "figures", "--theme", "没有这个", env=ascii_only)
    assert failed.returncode == 1 and len(failed.stderr.strip().splitlines()) == 1, failed.stderr
    assert "Traceback" not in failed.stderr


def test_a_reference_database_of_another_schema(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    shutil.copyfile(paths.reference_db_path(), other)
    with sqlite3.connect(other) as conn:
        conn.execute("ALTER TABLE figures RENAME COLUMN indicator TO name")
    conn.close()
    for args in (("figures",), ("search", "科技"), ("export", "--json", "-"), ("reports",)):
        line = one_line_failure(zz(tmp_path / "home", "--reference-db", str(other), *args))
        assert "结构" in line
    checked = zz(tmp_path / "home", "--reference-db", str(other), "check")
    assert checked.returncode == 1 and "检查通过" not in checked.stdout and "Traceback" not in checked.stderr
