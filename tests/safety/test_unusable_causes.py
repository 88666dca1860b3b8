"""Why the user database cannot be opened or made: the cause the evidence shows, in one Chinese line.

A full disk is named only when the error or the free space says so (the full-disk case itself is in
test_full_disk.py); each other cause is made for real and must be named as itself, never as a full disk."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import clear_away, give_to_user, one_line_failure, shared_folder, zz

from zzdesk.core.userdb import open_user_db, why_unusable

REPORT = Path(__file__).resolve().parents[1] / "data" / "reports" / "zhengzhou-2027-brief.txt"
FULL = "满"


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder the ordinary (throwaway) user owns; emptied again with root's help afterwards."""
    made = shared_folder()
    try:
        yield made
    finally:
        clear_away(made)


def failure(home: Path, *args: str, ordinary_user: bool = False) -> str:
    line = one_line_failure(zz(home, *args, ordinary_user=ordinary_user))
    assert FULL not in line and "系统提示" not in line, line
    return line


def test_a_read_only_folder_is_named_not_a_full_disk(folder: Path) -> None:
    home = folder / "data"
    home.mkdir()
    give_to_user(folder)
    home.chmod(0o555)  # a new user whose data folder may not be written: nothing to open, nothing may be made
    for args in (("reports",), ("import", str(REPORT))):
        assert "只读" in failure(home, *args, ordinary_user=True)


def test_permission_denied_on_the_database_is_named(folder: Path) -> None:
    home = folder / "data"
    assert zz(home, "import", str(REPORT)).returncode == 0
    give_to_user(folder)
    (home / "user.sqlite").chmod(0o000)
    assert "没有权限读取用户数据库" in failure(home, "figures", ordinary_user=True)


def test_a_missing_drive_that_may_not_be_made_again_is_named(folder: Path) -> None:
    media = folder / "media"  # like /media/USER: the unplugged drive's folder is gone and may not be made
    media.mkdir()
    give_to_user(folder)
    media.chmod(0o555)
    line = failure(media / "U盘" / "zzdesk", "reports", ordinary_user=True)
    assert "不存在" in line and "移动盘" in line


def test_a_folder_in_place_of_the_database_is_named(folder: Path) -> None:
    (folder / "user.sqlite").mkdir()
    for args in (("reports",), ("backup",)):
        assert "是一个文件夹" in failure(folder, *args)
    checked = zz(folder, "check")  # the same check the window makes before it opens
    assert checked.returncode == 1 and "是一个文件夹" in checked.stderr and "权限" not in checked.stderr


def test_a_file_that_is_not_a_database_is_named(folder: Path) -> None:
    (folder / "user.sqlite").write_text("这是一份笔记，不是数据库。\n" * 200, encoding="utf-8")
    line = failure(folder, "reports")
    assert "不是数据库文件" in line and "zzdesk restore" in line


def test_a_file_in_place_of_a_folder_on_the_path_is_named(folder: Path) -> None:
    (folder / "data").write_text("a file where the data folder should be", encoding="utf-8")
    assert "同名的文件" in failure(folder / "data" / "zzdesk", "reports")


def test_a_locked_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite"
    open_user_db(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")  # another program writing: no one else may read now
    reader = sqlite3.connect(path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        line = why_unusable(path, raised.value)
    finally:
        reader.close()
        holder.rollback()
        holder.close()
    assert "另一个" in line and "正在写入" in line and FULL not in line


def test_an_unrecognised_failure_gives_the_systems_words_not_a_guess(folder: Path) -> None:
    (folder / "user.sqlite").symlink_to("user.sqlite")  # a link to itself: SQLite can only say it cannot open it
    line = one_line_failure(zz(folder, "reports"))
    assert "系统提示：unable to open database file" in line and FULL not in line, line
    too_many = OSError(errno.EMFILE, "Too many open files")
    assert why_unusable(folder / "user.sqlite", too_many) == "系统提示：Too many open files"
