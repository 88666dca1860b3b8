"""Start-up checks: the reference data must be intact; a damaged user database is moved
aside (never deleted) so the newest good backup can take its place."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from zzdesk.core.backup import DAMAGED, OK, UNREADABLE, inspect, list_backups, passes_check
from zzdesk.core.db import DatabaseError, open_read_only
from zzdesk.core.foreign_db import ForeignDatabaseError, validate_live_db
from zzdesk.core.userdb import why_unusable

COUNTED = ("reports", "themes", "passages", "figures", "entities", "briefings")


@dataclass
class HealthReport:
    reference_ok: bool
    user_ok: bool
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    quarantined: Path | None = None
    newest_backup: Path | None = None

    @property
    def ok(self) -> bool:
        return self.reference_ok and self.user_ok


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED if t in tables}
    finally:
        conn.close()


def integrity_ok(path: Path) -> bool:
    return passes_check(path, "integrity_check")


def quarantine(path: Path) -> Path:
    """Move a damaged database (and its -wal/-shm) aside as .damaged; nothing is deleted."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.damaged")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def check(reference: Path, user_db: Path, backups: Path, repair: bool = False, schema: bool = False,
          ) -> HealthReport:
    """Reference and user data intact?  *schema* also checks the user database holds exactly our schema.

    Only a damaged (or foreign) database is moved aside by *repair*; one that cannot be read
    (permissions, a read-only folder) is reported and left exactly as it is."""
    report = HealthReport(reference_ok=reference.is_file() and integrity_ok(reference), user_ok=True)
    if report.reference_ok:
        try:
            open_read_only(reference).close()
            report.counts["参考数据"] = _counts(reference)
        except (DatabaseError, sqlite3.Error) as exc:
            report.reference_ok = False
            report.messages.append(str(exc) if isinstance(exc, DatabaseError) else f"参考数据库无法读取：{reference}")
    else:
        report.messages.append(f"参考数据库缺失或已损坏：{reference}（请重新安装程序）")
    try:
        state = inspect(user_db) if user_db.exists() else None
    except OSError:  # the folder itself cannot be read
        state = UNREADABLE
    problem = None
    if state == UNREADABLE:
        report.user_ok = False
        report.messages.append(f"用户数据库无法读取：{user_db}（{_why_unreadable(user_db)}）；文件没有改动")
    elif state == DAMAGED:
        problem = f"用户数据库已损坏：{user_db}"
    elif state == OK and schema:
        problem = _foreign_problem(user_db)
    if state == OK and problem is None:
        try:
            report.counts["用户数据"] = _counts(user_db)
        except sqlite3.Error:
            problem = f"用户数据库已损坏：{user_db}"
    if problem is not None:
        report.user_ok = False
        report.messages.append(problem)
        if repair:
            report.quarantined = quarantine(user_db)
            report.messages.append(f"已把有问题的文件移到 {report.quarantined.name}")
    try:
        newest = list_backups(backups)[:1]
    except OSError:
        newest = []
    report.newest_backup = newest[0].path if newest else None
    return report


def _why_unreadable(user_db: Path) -> str:
    """The cause, as the file system or SQLite gives it on a second try (a folder in the file's place is
    not a permission problem)."""
    try:
        conn = sqlite3.connect(f"{user_db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        return why_unusable(user_db, exc)
    return "再次读取时已无问题，请重新打开"


def _foreign_problem(user_db: Path) -> str | None:
    """Why the user database is not exactly ours (triggers, views, another schema), or None."""
    try:
        validate_live_db(user_db)
    except ForeignDatabaseError as exc:
        return f"用户数据库不是 zzdesk 的数据：{exc}：{user_db}"
    return None
