"""The user's own database: the one file zzdesk writes.

It starts empty but versioned, so later releases can migrate it; a database
written by a newer zzdesk is refused and left untouched.  An existing,
current database opens with plain sqlite3; SQLAlchemy is loaded only to
create the schema.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from zzdesk.core.db import DatabaseError, check_schema, failure_line, open_writable, schema_version, user_db_uri
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
            conn.close()
            raise DatabaseError(f"用户数据库已损坏：{path}（运行 zzdesk check --repair 移开损坏的文件，"
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
    """Why the user database cannot be used, in the user's words: permissions are not a full disk."""
    folder = path.parent

    def exists(place: Path) -> bool:
        try:
            return place.exists()
        except OSError:
            return False

    if exists(folder) and not os.access(folder, os.R_OK | os.X_OK):
        return "没有权限打开用户数据文件夹"
    if exists(path) and not os.access(path, os.R_OK):
        return "没有权限读取用户数据库"
    if exists(folder) and not os.access(folder, os.W_OK):
        return "用户数据文件夹是只读的或没有写入权限"
    if exists(path) and not os.access(path, os.W_OK):
        return "用户数据库是只读的"
    undecodable = unreadable_text_line(exc)  # bad bytes in the file, not a full disk
    if undecodable:
        return f"{undecodable}，请恢复备份"
    line = failure_line(exc)
    return line if any(word in line for word in ("权限", "只读", "另一个")) else f"{exc}；磁盘可能已满"
