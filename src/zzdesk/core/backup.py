"""Backups of the user's database: taken with SQLite's backup API (never a file copy of a
live database), verified with quick_check, thinned to 7 daily, 4 weekly and 6 monthly.

A backup is written to a temporary name and renamed only once verified, so a full disk or
a crash never leaves a half backup, and never touches the backups already there.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from zzdesk.core.db import failure_line
from zzdesk.core.errors import UserError
from zzdesk.core.foreign_db import ForeignDatabaseError, validate_user_db
from zzdesk.core.safe_files import ReadError, SaveError, atomic_path, copy_bounded
from zzdesk.core.writers_lock import DataFolderReadOnly, WritersBusy, lock_for, writers_lock

NAME = re.compile(r"^user-(\d{8}-\d{6})(-safety)?\.sqlite$")
SAFETY_SUFFIX = "-safety"  # copies made before a restore or pack import: thinning never removes them
MAX_DATABASE = 1024 * 1024 * 1024
OK, DAMAGED, UNREADABLE = "ok", "damaged", "unreadable"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6


class BackupError(UserError):
    """A backup or restore could not be done; the message says why, in Chinese."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    size: int
    protected: bool = False  # the safety copy made before a restore: never thinned away


def inspect(path: Path, pragma: str = "quick_check") -> str:
    """OK, DAMAGED (SQLite says so), or UNREADABLE (permissions, a read-only folder: not damage)."""
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError:
        return UNREADABLE
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return OK if conn.execute(f"PRAGMA {pragma}").fetchone()[0] == "ok" else DAMAGED
        finally:
            conn.close()
    except UnicodeError:  # SQLite's message quoted a damaged name that is not UTF-8
        return DAMAGED
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if any(word in text for word in ("unable to open", "readonly", "read-only", "disk i/o", "locked", "busy")):
            return UNREADABLE  # e.g. a WAL database whose -shm cannot be made in a read-only folder
        return DAMAGED


def passes_check(path: Path, pragma: str = "quick_check") -> bool:
    """True when SQLite's quick_check (or integrity_check) of the file, opened read-only, says ok."""
    return inspect(path, pragma) == OK


def quick_check(path: Path) -> bool:
    return passes_check(path, "quick_check")


def list_backups(folder: Path) -> list[BackupInfo]:
    found = []
    for path in folder.glob("user-*.sqlite") if folder.is_dir() else ():
        match = NAME.match(path.name)
        if match:
            try:
                size = path.stat().st_size
            except OSError:
                continue
            found.append(BackupInfo(path, datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), size,
                                    bool(match.group(2))))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def make_backup(conn: sqlite3.Connection, folder: Path, now: datetime | None = None, protected: bool = False,
                ) -> Path:
    """A verified backup of *conn*'s database in *folder*; *protected* marks a safety copy thinning keeps."""
    try:
        with lock_for(conn, "备份用户数据"):
            return _make_backup(conn, folder, now, SAFETY_SUFFIX if protected else "")
    except (WritersBusy, DataFolderReadOnly) as exc:
        raise BackupError(str(exc)) from exc


def _make_backup(conn: sqlite3.Connection, folder: Path, now: datetime | None, suffix: str) -> Path:
    now = now or datetime.now()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.partial*"):  # left by a backup that was killed half-way
            stale.unlink(missing_ok=True)
    except OSError as exc:
        raise BackupError(f"备份失败：{failure_line(exc)}（{folder}）") from exc
    final = folder / f"user-{now:%Y%m%d-%H%M%S}{suffix}.sqlite"
    while any(folder.glob(f"user-{now:%Y%m%d-%H%M%S}*.sqlite")):  # two in one second: never overwrite one
        now += timedelta(seconds=1)
        final = folder / f"user-{now:%Y%m%d-%H%M%S}{suffix}.sqlite"
    try:
        with atomic_path(final, own_backup=True) as partial:
            target = sqlite3.connect(partial)
            try:
                conn.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            finally:
                target.close()
            if not quick_check(partial):
                raise BackupError("备份文件校验失败（quick_check）")
    except SaveError as exc:
        raise BackupError(f"备份失败：{exc}") from exc
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"备份失败：{failure_line(exc)}（原有备份未受影响）") from exc
    return final


def thin(folder: Path, now: datetime | None = None) -> list[Path]:
    """Keep the newest backup of each of the last 7 days, 4 weeks and 6 months; remove the rest."""
    now = now or datetime.now()
    keep: set[Path] = set()
    seen: set[tuple[str, object]] = set()
    backups = [b for b in list_backups(folder) if not b.protected]  # safety copies are never thinned
    for backup in backups:  # newest first
        age = now - backup.taken
        day, week, month = backup.taken.date(), backup.taken.isocalendar()[:2], (backup.taken.year,
                                                                               backup.taken.month)
        for kind, key, window in (("day", day, timedelta(days=KEEP_DAILY)),
                                  ("week", week, timedelta(weeks=KEEP_WEEKLY)),
                                  ("month", month, timedelta(days=31 * KEEP_MONTHLY))):
            if age <= window and (kind, key) not in seen:
                seen.add((kind, key))
                keep.add(backup.path)
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
    """Put *backup* in place of the user database; returns the protected safety copy of the current one.

    Under the writers' lock, so no import or other writer can slip in between the safety copy and
    the overwrite.  The backup is copied privately and checked to be exactly a zzdesk user database
    (a file from another PC is data, never code) before any of it is used."""
    try:
        with writers_lock(user_db.parent, "恢复备份"), tempfile.TemporaryDirectory() as scratch:
            incoming = Path(scratch) / "incoming.sqlite"
            copy_bounded(backup, incoming, MAX_DATABASE, "备份文件")
            try:
                validate_user_db(incoming)
            except ForeignDatabaseError as exc:
                raise BackupError(f"不能恢复 {backup.name}：{exc}") from exc
            return _replace_user_db(user_db, incoming, folder)
    except (WritersBusy, DataFolderReadOnly, ReadError) as exc:
        raise BackupError(str(exc)) from exc


def _replace_user_db(user_db: Path, incoming: Path, folder: Path) -> Path | None:
    safety = None
    state = inspect(user_db) if user_db.exists() else None
    if state == UNREADABLE:
        raise BackupError(f"当前的用户数据库无法读取（没有权限）：{user_db}；没有恢复，也没有改动它")
    if state == DAMAGED:
        from zzdesk.core.health import quarantine  # kept as .damaged: nothing is ever deleted

        quarantine(user_db)
    elif state == OK:
        current = sqlite3.connect(user_db)
        try:
            safety = make_backup(current, folder, protected=True)
        finally:
            current.close()
    source = sqlite3.connect(f"{incoming.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(user_db)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")  # the live database's own mode
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise BackupError(f"恢复失败：{failure_line(exc)}" + (f"（恢复前的数据在 {safety.name}）" if safety else "")
                          ) from exc
    finally:
        source.close()
    return safety
