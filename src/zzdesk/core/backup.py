"""Backups of the user's database: taken with SQLite's backup API (never a file copy of a
live database), verified with quick_check, thinned to 7 daily, 4 weekly and 6 monthly.

A backup is written to a temporary name and renamed only once verified, so a full disk or
a crash never leaves a half backup, and never touches the backups already there.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from zzdesk.core.errors import UserError
from zzdesk.core.models_meta import USER_SCHEMA_VERSION

NAME = re.compile(r"^user-(\d{8}-\d{6})\.sqlite$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6


class BackupError(UserError):
    """A backup or restore could not be done; the message says why, in Chinese."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    size: int


def passes_check(path: Path, pragma: str = "quick_check") -> bool:
    """True when SQLite's quick_check (or integrity_check) of the file, opened read-only, says ok."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return bool(conn.execute(f"PRAGMA {pragma}").fetchone()[0] == "ok")
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def quick_check(path: Path) -> bool:
    return passes_check(path, "quick_check")


def list_backups(folder: Path) -> list[BackupInfo]:
    found = []
    for path in folder.glob("user-*.sqlite") if folder.is_dir() else ():
        match = NAME.match(path.name)
        if match:
            found.append(BackupInfo(path, datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), path.stat().st_size))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def make_backup(conn: sqlite3.Connection, folder: Path, now: datetime | None = None) -> Path:
    now = now or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.partial*"):  # left by a backup that was killed half-way
        stale.unlink(missing_ok=True)
    final = folder / f"user-{now:%Y%m%d-%H%M%S}.sqlite"
    while final.exists():  # two backups in one second: never overwrite one
        now += timedelta(seconds=1)
        final = folder / f"user-{now:%Y%m%d-%H%M%S}.sqlite"
    partial = final.with_name(final.name + ".partial")
    try:
        target = sqlite3.connect(partial)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            target.close()
        if not quick_check(partial):
            raise BackupError("备份文件校验失败（quick_check）")
        os.replace(partial, final)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"备份失败：{getattr(exc, 'strerror', None) or exc}（原有备份未受影响）") from exc
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    return final


def thin(folder: Path, now: datetime | None = None) -> list[Path]:
    """Keep the newest backup of each of the last 7 days, 4 weeks and 6 months; remove the rest."""
    now = now or datetime.now()
    keep: set[Path] = set()
    seen: set[tuple[str, object]] = set()
    for backup in list_backups(folder):  # newest first
        age = now - backup.taken
        day, week, month = backup.taken.date(), backup.taken.isocalendar()[:2], (backup.taken.year,
                                                                               backup.taken.month)
        for kind, key, window in (("day", day, timedelta(days=KEEP_DAILY)),
                                  ("week", week, timedelta(weeks=KEEP_WEEKLY)),
                                  ("month", month, timedelta(days=31 * KEEP_MONTHLY))):
            if age <= window and (kind, key) not in seen:
                seen.add((kind, key))
                keep.add(backup.path)
    backups = list_backups(folder)
    if backups:
        keep.add(backups[0].path)  # never remove the newest
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def auto_backup(conn: sqlite3.Connection, folder: Path, now: datetime | None = None) -> Path | None:
    """At most one backup a day, then thinning; returns the new backup or None."""
    now = now or datetime.now()
    newest = list_backups(folder)[:1]
    if newest and newest[0].taken.date() == now.date():
        return None
    path = make_backup(conn, folder, now)
    thin(folder, now)
    return path


def restore(user_db: Path, backup: Path, folder: Path) -> Path | None:
    """Put *backup* in place of the user database; the current one is backed up first (if readable)."""
    if not quick_check(backup):
        raise BackupError(f"备份文件已损坏，不能恢复：{backup.name}")
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = source.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None or int(row[0]) > USER_SCHEMA_VERSION:
            raise BackupError("这个备份来自更新版本的 zzdesk，或不是 zzdesk 的备份，不能恢复")
        safety = None
        if user_db.exists() and quick_check(user_db):
            current = sqlite3.connect(user_db)
            try:
                safety = make_backup(current, folder)
            finally:
                current.close()
        target = sqlite3.connect(user_db)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")  # the live database's own mode
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise BackupError(f"恢复失败：{exc}") from exc
    finally:
        source.close()
    return safety
