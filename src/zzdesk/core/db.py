"""Opening the databases with the settings each needs.

The reference database ships with the app and is opened read-only (URI
``mode=ro``), so it works from a read-only install folder and cannot be
changed by accident.  Reading uses plain sqlite3; SQLAlchemy (and its import
time) is needed only to build or migrate a database.
"""

from __future__ import annotations

import errno
import os
import sqlite3

from zzdesk.core.errors import UserError
from zzdesk.core.models_meta import SCHEMA_VERSION
from zzdesk.core.protected_files import protect

TYPE_CHECKING = False  # typing (and pathlib) would cost `zzdesk search` start-up a few ms
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from sqlalchemy import Engine


class DatabaseError(UserError):
    """A database is missing, damaged or of a version this program cannot read."""


def read_only_uri(path: str | os.PathLike[str], immutable: bool = False) -> str:
    """The SQLite URI that opens *path* read-only (it works in a read-only folder, and cannot write)."""
    real = os.path.realpath(path)
    query = "?mode=ro&immutable=1" if immutable else "?mode=ro"
    if os.name == "nt":  # drive letters and backslashes: pathlib knows the file-URI form
        from pathlib import Path

        return Path(real).as_uri() + query
    # SQLite decodes %HH in a URI's path, and "?" or "#" would end it; any other character stands for itself.
    return "file://" + real.replace("%", "%25").replace("?", "%3F").replace("#", "%23") + query


def user_db_uri(path: str | os.PathLike[str]) -> str:
    """The read-only URI of the user's (WAL) database, also in a folder this user cannot write.

    SQLite cannot make the -shm file there; when no -wal file holds unsaved pages (the normal case
    after zzdesk closed), the main file is complete and is opened as immutable."""
    real = os.path.realpath(path)  # where SQLite keeps the -wal and -shm files
    if os.access(os.path.dirname(real), os.W_OK):
        return read_only_uri(real)
    try:
        pending = os.stat(real + "-wal").st_size > 0
    except FileNotFoundError:
        pending = False
    return read_only_uri(real, immutable=not pending)


def open_read_only(path: str | os.PathLike[str], expected: int = SCHEMA_VERSION) -> sqlite3.Connection:
    """A read-only connection to a report database, checked for schema and damage."""
    if not os.path.isfile(path):
        raise DatabaseError(f"找不到参考数据库：{path}")
    protect(path)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only=ON")
    except sqlite3.Error as exc:
        raise DatabaseError(f"数据库无法打开：{path}（{exc}）") from exc
    try:
        check_schema(conn, path, expected)
        _check_like_bundled(conn, path)
    except DatabaseError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise DatabaseError(f"数据库已损坏或不是 zzdesk 数据库：{path}") from exc
    return conn


def _check_like_bundled(conn: sqlite3.Connection, path: str | os.PathLike[str]) -> None:
    """A reference database given on the command line must have the bundled one's tables and columns."""
    from zzdesk import locations

    bundled = locations.reference_db()
    if not os.path.isfile(bundled) or os.path.realpath(bundled) == os.path.realpath(path):
        return
    from zzdesk.core.foreign_db import describe  # only for another file: it brings tempfile and the migrations

    mine = sqlite3.connect(read_only_uri(bundled), uri=True)
    try:
        expected = describe(mine)
    finally:
        mine.close()
    if describe(conn) != expected:
        raise DatabaseError(f"数据库结构与 zzdesk 的参考数据库不符：{path}")


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The version a zzdesk database records in its meta table; None when it has none."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return None if row is None else int(row[0])


def check_schema(conn: sqlite3.Connection, path: str | os.PathLike[str], expected: int) -> None:
    try:
        version = schema_version(conn)
    except (sqlite3.Error, ValueError) as exc:
        raise DatabaseError(f"数据库已损坏或不是 zzdesk 数据库：{path}") from exc
    if version is None:
        raise DatabaseError(f"数据库缺少版本信息，不是 zzdesk 数据库：{path}")
    if version != expected:
        raise DatabaseError(f"数据库版本 {version} 与本程序（{expected}）不符：{path}")


def failure_line(exc: BaseException) -> str:
    """What a failed write means for the user, in words (not SQLite's)."""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "用户数据文件夹没有写入权限或是只读的"
    if "full" in text or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
        return "磁盘已满"
    if "readonly" in text or "read-only" in text:
        return "用户数据没有写入权限或是只读的"
    if "locked" in text or "busy" in text:
        return "另一个 zzdesk 正在写入用户数据，请稍后再试"
    return f"写入失败（{getattr(exc, 'strerror', None) or exc}）"


def _enable_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_writable(path: Path) -> Engine:
    """A SQLAlchemy engine that may write (build step, schema creation)."""
    from sqlalchemy import create_engine, event

    path.parent.mkdir(parents=True, exist_ok=True)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(str(path), check_same_thread=False)

    engine = create_engine("sqlite+pysqlite://", creator=connect)
    event.listen(engine, "connect", _enable_foreign_keys)
    return engine
