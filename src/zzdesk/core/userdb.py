"""The user's own database: the one file zzdesk writes.

It starts empty but versioned, so later releases can migrate it; a database
written by a newer zzdesk is refused rather than damaged.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, String, Text, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from zzdesk.core.db import DatabaseError, check_schema, open_writable

USER_SCHEMA_VERSION = 1


class UserBase(DeclarativeBase):
    pass


class UserMeta(UserBase):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def _wal(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def open_user_db(path: Path) -> Engine:
    """Open (creating if needed) the user database at *path*."""
    try:
        engine = open_writable(path)
    except OSError as exc:
        raise DatabaseError(f"无法创建用户数据文件夹：{path.parent}（{exc.strerror}）") from exc
    event.listen(engine, "connect", _wal)
    try:
        UserBase.metadata.create_all(engine)
        with Session(engine) as session, session.begin():
            if session.scalar(select(UserMeta).where(UserMeta.key == "schema_version")) is None:
                session.add(UserMeta(key="schema_version", value=str(USER_SCHEMA_VERSION)))
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"用户数据库无法打开：{path}（{exc.__class__.__name__}）") from exc
    check_schema(engine, path, USER_SCHEMA_VERSION)
    return engine
