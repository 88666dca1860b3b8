"""zzdesk run by an ordinary user (not root, whose powers hide permission problems), with read-only
and unreadable data folders: one clear line that names the real cause, and the data untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import clear_away, give_to_user, one_line_failure, shared_folder, zz

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
WRONG_WORDS = ("磁盘可能已满", "磁盘已满", "已损坏")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def home() -> Iterator[Path]:
    """A data folder the ordinary user made: a database with one imported report, and a backup."""
    folder = shared_folder()
    report = folder / "report.txt"
    shutil.copyfile(REPORTS / "zhengzhou-2027-brief.txt", report)
    give_to_user(folder)
    data = folder / "data"
    for args in (("import", str(report)), ("backup",)):
        result = zz(data, *args, ordinary_user=True)
        assert result.returncode == 0, result.stderr
    try:
        yield data
    finally:
        if (data / "user.sqlite").exists():
            os.chmod(data / "user.sqlite", 0o644)
        clear_away(folder)


def plain_line(line: str) -> str:
    assert not any(word in line for word in WRONG_WORDS), line
    return line


def test_check_repair_never_moves_a_healthy_database_it_cannot_read(home: Path) -> None:
    user = home / "user.sqlite"
    before = digest(user)
    user.chmod(0o000)
    checked = zz(home, "check", "--repair", ordinary_user=True)
    assert checked.returncode == 1 and "无法读取" in checked.stderr and "已损坏" not in checked.stderr
    assert "检查通过" not in checked.stdout and "Traceback" not in checked.stderr
    assert "权限" in plain_line(one_line_failure(zz(home, "figures", ordinary_user=True)))
    assert not list(home.glob("*.damaged"))
    user.chmod(0o644)
    assert digest(user) == before
    assert "检查通过" in zz(home, "check", ordinary_user=True).stdout


def test_a_read_only_folder_can_be_read_and_says_why_it_cannot_be_written(home: Path, tmp_path: Path) -> None:
    before = digest(home / "user.sqlite")
    home.chmod(0o555)
    listed = zz(home, "reports", ordinary_user=True)
    assert listed.returncode == 0 and "2027" in listed.stdout, listed.stderr
    searched = zz(home, "search", "特色商业街区", ordinary_user=True)  # the search command's own quick start
    assert searched.returncode == 0 and "郑州市2027年政府工作报告" in searched.stdout, searched.stderr
    text = home.parent / "report.txt"
    other = home.parent / "other.txt"
    other.write_text(text.read_text(encoding="utf-8") + "\n（另一份）\n", encoding="utf-8")
    for args in (("import", str(other)), ("reports", "--remove", "1000000"), ("export", "--json", str(home / "x.json")),
                 ("briefing", "--pdf", str(home / "x.pdf"))):
        line = plain_line(one_line_failure(zz(home, *args, ordinary_user=True)))
        assert "只读" in line or "权限" in line, line
    assert digest(home / "user.sqlite") == before


def test_an_unreadable_folder_is_one_line_for_every_command(home: Path) -> None:
    before = digest(home / "user.sqlite")
    backup = str(next((home / "backups").glob("user-*.sqlite")))
    home.chmod(0o000)
    for args in (("figures",), ("reports",), ("backup",), ("search", "科技"), ("restore", backup),
                 ("pack", "export", str(home.parent / "x.zzpack")), ("targets",)):
        plain_line(one_line_failure(zz(home, *args, ordinary_user=True)))
    checked = zz(home, "check", "--repair", ordinary_user=True)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr and "检查通过" not in checked.stdout
    home.chmod(0o755)
    assert digest(home / "user.sqlite") == before and not list(home.glob("*.damaged"))


def test_a_data_folder_that_cannot_be_made(home: Path) -> None:
    home.parent.chmod(0o555)
    line = plain_line(one_line_failure(zz(home.parent / "new" / "data", "reports", ordinary_user=True)))
    assert "权限" in line or "只读" in line


def test_a_backup_the_user_cannot_read_is_refused_clearly(home: Path) -> None:
    backup = next((home / "backups").glob("user-*.sqlite"))
    backup.chmod(0o000)
    before = digest(home / "user.sqlite")
    line = plain_line(one_line_failure(zz(home, "restore", str(backup), ordinary_user=True)))
    assert "权限" in line
    assert digest(home / "user.sqlite") == before
