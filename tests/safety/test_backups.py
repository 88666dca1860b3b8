"""Backups, thinning, restore, damaged databases: nothing the user made is lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from zzdesk import paths
from zzdesk.core.backup import BackupError, list_backups, make_backup, quick_check, restore, thin
from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.briefing_store import list_briefings, save_briefing
from zzdesk.core.health import check
from zzdesk.core.store import DataStore
from zzdesk.core.userdb import open_user_db


def spec(title: str) -> BriefingSpec:
    return BriefingSpec(title, (BriefingItem("theme", "稳中求进"),))


def test_backup_is_verified_and_self_contained(tmp_path: Path) -> None:
    conn = open_user_db(tmp_path / "user.sqlite")
    save_briefing(conn, spec("第一份"))
    path = make_backup(conn, tmp_path / "backups")
    assert quick_check(path) and sorted(p.name for p in (tmp_path / "backups").iterdir()) == [path.name]
    again = make_backup(conn, tmp_path / "backups")  # the same second: a second file, not an overwrite
    assert again != path and len(list_backups(tmp_path / "backups")) == 2
    conn.close()


def test_thinning_keeps_7_daily_4_weekly_6_monthly(tmp_path: Path) -> None:
    conn = open_user_db(tmp_path / "user.sqlite")
    folder = tmp_path / "backups"
    now = datetime(2026, 11, 26, 18, 0)
    for days in range(0, 400, 1):  # a backup every day for more than a year, two on some days
        make_backup(conn, folder, now - timedelta(days=days, hours=1))
        if days % 10 == 0:
            make_backup(conn, folder, now - timedelta(days=days, hours=3))
    thin(folder, now)
    kept = [b.taken for b in list_backups(folder)]
    days = {t.date() for t in kept}
    assert len(kept) == len(days)  # one per day at most
    assert {(now - timedelta(days=d)).date() for d in range(7)} <= days  # the last 7 days
    assert len(kept) <= 7 + 4 + 6 and min(kept) >= now - timedelta(days=31 * 6 + 1)
    conn.close()


def test_restore_brings_back_the_data_and_keeps_the_current_one(tmp_path: Path) -> None:
    db, folder = tmp_path / "user.sqlite", tmp_path / "backups"
    conn = open_user_db(db)
    save_briefing(conn, spec("备份里的"))
    backup = make_backup(conn, folder)
    save_briefing(conn, spec("备份后写的"))
    conn.close()
    safety = restore(db, backup, folder)
    conn = open_user_db(db)
    assert [b.title for b in list_briefings(conn)] == ["备份里的"]
    conn.close()
    assert safety is not None and quick_check(safety)
    restored_later = open_user_db(tmp_path / "check.sqlite")
    restored_later.close()
    with sqlite3.connect(safety) as old:
        assert {r[0] for r in old.execute("SELECT title FROM briefings")} == {"备份里的", "备份后写的"}
    old.close()


def test_a_damaged_backup_or_one_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db, folder = tmp_path / "user.sqlite", tmp_path / "backups"
    conn = open_user_db(db)
    backup = make_backup(conn, folder)
    conn.close()
    with sqlite3.connect(backup) as newer:
        newer.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    newer.close()
    with pytest.raises(BackupError, match="更新版本"):
        restore(db, backup, folder)
    junk = folder / "user-20200101-000000.sqlite"
    junk.write_bytes(b"junk" * 100)
    with pytest.raises(BackupError, match="损坏"):
        restore(db, junk, folder)


def test_changes_are_backed_up_on_close_once_a_day(tmp_path: Path) -> None:
    user = tmp_path / "user.sqlite"
    with DataStore(paths.reference_db_path(), user) as store:
        save_briefing(store.user_db, spec("改动"))
    assert len(list_backups(tmp_path / "backups")) == 1
    with DataStore(paths.reference_db_path(), user) as store:
        save_briefing(store.user_db, spec("又一处改动"))
    assert len(list_backups(tmp_path / "backups")) == 1  # at most daily
    with DataStore(paths.reference_db_path(), tmp_path / "other" / "user.sqlite"):
        pass
    assert not (tmp_path / "other" / "backups").exists()  # nothing changed, nothing backed up


def test_damaged_user_db_is_moved_aside_and_the_backup_restored(tmp_path: Path) -> None:
    user, folder = tmp_path / "user.sqlite", tmp_path / "backups"
    conn = open_user_db(user)
    save_briefing(conn, spec("要保住的"))
    make_backup(conn, folder)
    conn.close()
    user.write_bytes(b"\x00garbage" * 512)
    for side in ("-wal", "-shm"):
        Path(str(user) + side).unlink(missing_ok=True)
    report = check(paths.reference_db_path(), user, folder, repair=True)
    assert report.reference_ok and not report.user_ok
    assert report.quarantined is not None and report.quarantined.read_bytes().startswith(b"\x00garbage")
    assert report.newest_backup is not None
    restore(user, report.newest_backup, folder)
    conn = open_user_db(user)
    assert [b.title for b in list_briefings(conn)] == ["要保住的"]
    conn.close()


def test_cli_backup_check_restore(tmp_path: Path) -> None:
    env = {**os.environ, "ZZDESK_HOME": str(tmp_path)}

    def zz(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True, env=env,
                              timeout=120, check=False)

    assert zz("check").returncode == 0
    made = zz("backup")
    assert made.returncode == 0 and Path(made.stdout.strip()).is_file()
    checked = zz("check")
    assert "figures 68" in checked.stdout and "备份：1 份" in checked.stdout and "检查通过" in checked.stdout
    (tmp_path / "user.sqlite").write_bytes(b"not sqlite" * 300)
    for side in ("-wal", "-shm"):
        (tmp_path / f"user.sqlite{side}").unlink(missing_ok=True)
    broken = zz("figures")
    assert broken.returncode == 1 and "check --repair" in broken.stderr
    assert zz("check", "--repair").returncode == 1
    assert list(tmp_path.glob("user.sqlite.*.damaged"))
    restored = zz("restore", made.stdout.strip())
    assert restored.returncode == 0 and zz("check").returncode == 0
    assert zz("restore", str(tmp_path / "nope.sqlite")).returncode == 1
