"""Opening the two databases with the settings each needs.

The reference database ships with the app and is opened read-only (URI
``mode=ro``), so it works from a read-only install folder and cannot be
changed by accident.  The user database is the only file zzdesk writes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from zzdesk.core.models import SCHEMA_VERSION, Meta


class DatabaseError(RuntimeError):
    """A database is missing, damaged or of a version this program cannot read."""


def _enable_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _engine_for(connect: Any) -> Engine:
    engine = create_engine("sqlite+pysqlite://", creator=connect)
    event.listen(engine, "connect", _enable_foreign_keys)
    return engine


def open_read_only(path: Path) -> Engine:
    """A read-only engine on a reference database, checked for schema and damage."""
    if not path.is_file():
        raise DatabaseError(f"找不到参考数据库：{path}")
    uri = path.resolve().as_uri() + "?mode=ro"

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only=ON")
        return conn

    engine = _engine_for(connect)
    check_schema(engine, path)
    return engine


def open_writable(path: Path) -> Engine:
    """An engine that may write (build step, user database)."""
    path.parent.mkdir(parents=True, exist_ok=True)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(str(path), check_same_thread=False)

    return _engine_for(connect)


def check_schema(engine: Engine, path: Path, expected: int = SCHEMA_VERSION) -> None:
    try:
        with Session(engine) as session:
            version = session.scalar(select(Meta.value).where(Meta.key == "schema_version"))
    except (SQLAlchemyError, sqlite3.Error) as exc:
        engine.dispose()
        raise DatabaseError(f"数据库已损坏或不是 zzdesk 数据库：{path}") from exc
    if version is None:
        engine.dispose()
        raise DatabaseError(f"数据库缺少版本信息，不是 zzdesk 数据库：{path}")
    if int(version) != expected:
        engine.dispose()
        raise DatabaseError(f"数据库版本 {version} 与本程序（{expected}）不符：{path}")
