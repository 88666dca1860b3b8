"""`zzdesk check`, `zzdesk backup` and `zzdesk restore`: keeping the user's work safe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zzdesk import paths
from zzdesk.cli.data_commands import CommandError
from zzdesk.core.backup import BackupError, list_backups, make_backup, restore
from zzdesk.core.health import check
from zzdesk.core.userdb import open_user_db


def _reference(args: argparse.Namespace) -> Path:
    return Path(args.reference_db or paths.reference_db_path())


def cmd_check(args: argparse.Namespace) -> int:
    user_db = paths.user_db_path(args.data_dir)
    report = check(_reference(args), user_db, user_db.parent / "backups", repair=args.repair, schema=True)
    for place, counts in report.counts.items():
        print(f"{place}：" + "，".join(f"{name} {n}" for name, n in counts.items()))
    try:
        backups = list_backups(user_db.parent / "backups")
    except OSError:
        backups = []
    print(f"备份：{len(backups)} 份" + (f"，最新 {backups[0].taken:%Y-%m-%d %H:%M}" if backups else ""))
    for message in report.messages:
        print(message, file=sys.stderr)
    if not report.user_ok and report.newest_backup and report.quarantined:
        print(f"可以用最新备份恢复：zzdesk restore {report.newest_backup}", file=sys.stderr)
    print("检查通过" if report.ok else "检查发现问题")
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    user_db = paths.user_db_path(args.data_dir)
    conn = open_user_db(user_db)
    try:
        path = make_backup(conn, user_db.parent / "backups")
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        conn.close()
    print(path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    user_db = paths.user_db_path(args.data_dir)
    backup = Path(args.file)
    try:
        safety = restore(user_db, backup, user_db.parent / "backups")
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    print(f"已从 {backup.name} 恢复" + (f"；恢复前的数据另存为 {safety.name}" if safety else ""), file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    chk = sub.add_parser("check", help="检查参考数据和用户数据是否完好，并列出数量")
    chk.add_argument("--repair", action="store_true", help="把损坏的用户数据库移到一旁（.damaged），以便恢复备份")
    chk.set_defaults(handler=cmd_check)
    sub.add_parser("backup", help="立即备份用户数据").set_defaults(handler=cmd_backup)
    res = sub.add_parser("restore", help="用一份备份恢复用户数据（恢复前会先备份当前数据）")
    res.add_argument("file", metavar="FILE")
    res.set_defaults(handler=cmd_restore)
