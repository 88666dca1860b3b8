"""Every bad file in tests/data/bad-inputs: one clear Chinese line, exit status 1, no data changed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad-inputs"
EXPECTED = {
    "empty.txt": "空", "bom-only.txt": "空", "binary.bin": "二进制", "undecodable.txt": "编码",
    "no-year.txt": "年份", "xml-bomb.docx": "DOCTYPE", "external-entity.docx": "DOCTYPE",
    "not-a-zip.docx": "Word", "zip-bomb.docx": "过大",
}


def zzdesk(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "ZZDESK_HOME": str(home)})


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    assert zzdesk(tmp_path, "reports").returncode == 0  # the user database exists before the bad input
    return tmp_path


@pytest.mark.parametrize(("name", "word"), sorted(EXPECTED.items()))
def test_bad_file_is_refused_clearly_and_changes_nothing(home: Path, name: str, word: str) -> None:
    before = digest(home / "user.sqlite")
    result = zzdesk(home, "import", str(CORPUS / name))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and word in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])  # said in Chinese
    assert digest(home / "user.sqlite") == before


def test_a_50_megabyte_single_line(home: Path, tmp_path: Path) -> None:
    big = tmp_path / "one-line.txt"
    big.write_bytes("增长5%，".encode() * (50 * 1024 * 1024 // 9))
    before = digest(home / "user.sqlite")
    result = zzdesk(home, "import", str(big))
    assert result.returncode == 1 and "太大" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert digest(home / "user.sqlite") == before


@pytest.mark.parametrize("name", ["gbk-report.txt", "fullwidth-digits.txt"])
def test_gbk_and_full_width_digits_are_read(home: Path, name: str) -> None:
    result = zzdesk(home, "import", str(CORPUS / name), "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    values = [(f["value"], f["unit"], f["period"], f["kind"]) for f in json.loads(result.stdout)["figures"]]
    assert values == [(5.8, "%", 2025, "actual"), (12000.0, "人", 2025, "actual"), (5.5, "%", 2026, "target")]


def test_every_corpus_file_has_a_test() -> None:
    files = {p.name for p in CORPUS.iterdir()} - {"README.md"}
    assert files == set(EXPECTED) | {"gbk-report.txt", "fullwidth-digits.txt"}
