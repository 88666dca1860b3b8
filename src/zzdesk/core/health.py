"""Start-up checks: the reference data must be intact; a damaged user database is moved
aside (never deleted) so the newest good backup can take its place."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from zzdesk.core.backup import list_backups, passes_check, quick_check

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


def check(reference: Path, user_db: Path, backups: Path, repair: bool = False) -> HealthReport:
    report = HealthReport(reference_ok=reference.is_file() and integrity_ok(reference), user_ok=True)
    if report.reference_ok:
        report.counts["参考数据"] = _counts(reference)
    else:
        report.messages.append(f"参考数据库缺失或已损坏：{reference}（请重新安装程序）")
    if user_db.exists():
        if quick_check(user_db):
            report.counts["用户数据"] = _counts(user_db)
        else:
            report.user_ok = False
            report.messages.append(f"用户数据库已损坏：{user_db}")
            if repair:
                report.quarantined = quarantine(user_db)
                report.messages.append(f"已把损坏的文件移到 {report.quarantined.name}")
    newest = list_backups(backups)[:1]
    report.newest_backup = newest[0].path if newest else None
    return report
