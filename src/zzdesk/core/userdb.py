"""The user's own database: the one file zzdesk writes.

It starts empty but versioned, so later releases can migrate it; a database
written by a newer zzdesk is refused and left untouched.  An existing,
current database opens with plain sqlite3; SQLAlchemy is loaded only to
create the schema.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from zzdesk.core.db import DatabaseError, check_schema, open_writable, schema_version, user_db_uri
from zzdesk.core.foreign_db import ForeignDatabaseError, check_claims, unreadable_text_line
from zzdesk.core.models_meta import USER_SCHEMA_VERSION
from zzdesk.core.safe_files import protect

# meta schema_version -> the Alembic revision that produced it (for databases made before Alembic).
REVISIONS = {1: "0001", 2: "0002", 3: "0003", 4: "0004", 5: "0005"}


def create_or_upgrade(path: Path, revision: str = "head", reference_db: Path | None = None) -> None:
    """Bring the database to *revision* (the current schema) with Alembic's migrations, in one transaction;
    an upgrade of old briefings looks their row ids up in *reference_db*."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    engine = open_writable(path)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            config.attributes["reference_db"] = reference_db  # old briefings' row ids are looked up there
            tables = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
            if "meta" in tables and "alembic_version" not in tables:
                row = connection.exec_driver_sql("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                if row is not None:
                    command.stamp(config, REVISIONS[int(row[0])])  # made before Alembic kept a record
            command.upgrade(config, revision)
            connection.exec_driver_sql("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                                       (str(USER_SCHEMA_VERSION),))
    finally:
        engine.dispose()


def open_user_db(path: Path, reference_db: Path | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the user database at *path*; read-only when its folder cannot be written.
    An upgrade may consult *reference_db*."""
    try:
        read_only = path.is_file() and not os.access(path.parent, os.W_OK)
    except OSError as exc:  # the folder cannot even be looked into
        raise DatabaseError(f"用户数据库无法打开：{path}（{why_unusable(path, exc)}）") from exc
    if read_only:
        return _open_read_only(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        protect(path)  # no export may ever be written over the live database
        conn = sqlite3.connect(str(path), check_same_thread=False)
        try:
            version = schema_version(conn)
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                conn.close()  # disk full, permissions: not a new file, and nothing to create
                raise DatabaseError(f"用户数据库无法打开：{path}（{why_unusable(path, exc)}）") from exc
            version = None  # a new, empty file
        except (sqlite3.DatabaseError, ValueError) as exc:
            conn.close()  # not a database, or a damaged one: say which, and how to get the data back
            reason = why_unusable(path, exc) if isinstance(exc, sqlite3.DatabaseError) else "数据库文件已损坏"
            raise DatabaseError(f"用户数据库无法使用：{path}（{reason}；运行 zzdesk check --repair 移开这个文件，"
                                f"再用 zzdesk restore 恢复备份）") from exc
        if version is not None and version < USER_SCHEMA_VERSION:
            from zzdesk.core.backup import make_backup  # an upgrade starts from a verified backup

            try:  # not for a file that only claims to be ours: it would fail, and back up again, every start
                check_claims(conn)
            except ForeignDatabaseError as exc:
                conn.close()
                raise DatabaseError(f"用户数据库不是 zzdesk 的数据（{exc}）：{path}（请恢复备份）") from exc

            make_backup(conn, path.parent / "backups")
        if version is None or version < USER_SCHEMA_VERSION:
            conn.close()
            try:
                create_or_upgrade(path, reference_db=reference_db)
            except Exception as exc:  # SQLAlchemy wraps sqlite3's errors in its own classes
                cause = exc.__cause__ or getattr(exc, "orig", None) or exc
                raise DatabaseError(f"用户数据库无法建立：{path}（{why_unusable(path, cause)}）") from exc
            conn = sqlite3.connect(str(path), check_same_thread=False)
        check_schema(conn, path, USER_SCHEMA_VERSION)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchone():
            conn.close()  # zzdesk makes neither: such a file came from elsewhere and may run code on a write
            raise DatabaseError(f"用户数据库中有触发器或视图，不是 zzdesk 的数据：{path}（请恢复备份）")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    except OSError as exc:
        raise DatabaseError(f"无法创建用户数据：{path}（{why_unusable(path, exc)}）") from exc
    except sqlite3.Error as exc:
        raise DatabaseError(f"用户数据库无法打开：{path}（{why_unusable(path, exc)}）") from exc


def _open_read_only(path: Path) -> sqlite3.Connection:
    """The user's data in a read-only folder: it can be shown, and any write fails with a clear line."""
    protect(path)
    try:
        conn = sqlite3.connect(user_db_uri(path), uri=True, check_same_thread=False)
        try:
            check_schema(conn, path, USER_SCHEMA_VERSION)
            conn.execute("PRAGMA query_only=ON")
        except BaseException:
            conn.close()
            raise
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(f"用户数据库无法打开：{path}（{why_unusable(path, exc)}）") from exc
    return conn


def why_unusable(path: Path, exc: BaseException) -> str:
    """Why the user database cannot be used, in the user's words: the cause the evidence shows, never a guess.

    A disk is called full only when the error or the free space says so; what is not recognised is given
    in the system's own words."""
    folder = path.parent
    if _exists(folder) and not os.access(folder, os.R_OK | os.X_OK):
        return "没有权限打开用户数据文件夹"
    if _exists(path) and not os.access(path, os.R_OK):
        return "没有权限读取用户数据库"
    if _is_dir(path):
        return "用户数据库的位置上是一个文件夹，不是数据库文件"
    if _exists(folder) and not os.access(folder, os.W_OK):
        return "用户数据文件夹是只读的或没有写入权限"
    if _exists(path) and not os.access(path, os.W_OK):
        return "用户数据库是只读的"
    undecodable = unreadable_text_line(exc)  # bad bytes in the file, not a full disk
    if undecodable:
        return f"{undecodable}，请恢复备份"
    return _cause_line(path, exc)


def _cause_line(path: Path, exc: BaseException) -> str:
    code = getattr(exc, "errno", None) if isinstance(exc, OSError) else None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if code in (errno.ENOSPC, errno.EDQUOT) or name == "SQLITE_FULL" or "disk is full" in text or _no_room(path):
        return "磁盘已满，请腾出空间后再试"
    if not _exists(path.parent) and code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "用户数据文件夹不存在，也没有权限建立，移动盘或网络盘可能已断开"
    if code in (errno.EACCES, errno.EPERM) or name.startswith(("SQLITE_PERM", "SQLITE_AUTH")):
        return "没有权限读写用户数据"
    if code == errno.EROFS or name.startswith("SQLITE_READONLY"):
        return "用户数据所在的磁盘或文件夹是只读的"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "另一个 zzdesk 或其他程序正在写入用户数据库，请稍后再试"
    if name == "SQLITE_NOTADB" or "not a database" in text:
        return "这个文件不是数据库文件，可能已损坏或被别的文件替换"
    if name.startswith("SQLITE_CORRUPT"):
        return "数据库文件已损坏"
    if code == errno.ENOTDIR:
        return "用户数据文件夹的路径中有一个同名的文件，不是文件夹"
    if code == errno.ENOENT:
        return "用户数据文件夹的路径不存在，移动盘或网络盘可能已断开"
    if code in (errno.EIO, errno.ENXIO, errno.ENODEV) or name.startswith("SQLITE_IOERR"):
        return "读写磁盘出错，移动盘或网络盘可能已断开，或磁盘有故障"
    return f"系统提示：{getattr(exc, 'strerror', None) or exc}"


def _exists(place: Path) -> bool:
    try:
        return place.exists()
    except OSError:
        return False


def _is_dir(place: Path) -> bool:
    try:
        return place.is_dir()
    except OSError:
        return False


def _nearest_folder(path: Path) -> Path:
    """The mount point's stand-in: the first of *path*'s folders that exists (the drive root when unplugged)."""
    return next((folder for folder in path.parents if _exists(folder)), Path(path.anchor or "."))


def _no_room(path: Path) -> bool:
    """Whether the disk holding *path* has no free space left (SQLite then often says only "disk I/O error")."""
    try:
        return shutil.disk_usage(_nearest_folder(path)).free == 0
    except OSError:
        return False
