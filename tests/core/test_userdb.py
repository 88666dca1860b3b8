from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zzdesk import paths
from zzdesk.core.db import DatabaseError
from zzdesk.core.models_meta import USER_SCHEMA_VERSION
from zzdesk.core.store import DataStore
from zzdesk.core.userdb import open_user_db


def test_user_db_lives_in_the_overridden_home(user_home: Path) -> None:
    assert paths.user_db_path() == user_home / "user.sqlite"
    assert paths.user_db_path("/tmp/elsewhere") == Path("/tmp/elsewhere/user.sqlite")


def test_user_db_is_created_with_a_schema_version(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "user.sqlite"
    open_user_db(db).close()
    with sqlite3.connect(db) as conn:
        version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    assert int(version) == USER_SCHEMA_VERSION
    assert mode == "wal"


def test_user_db_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "user.sqlite"
    open_user_db(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(DatabaseError, match="99"):
        open_user_db(db)
    assert db.read_bytes() == before


def test_store_opens_both_databases(user_home: Path) -> None:
    with DataStore(paths.reference_db_path(), paths.user_db_path()) as store:
        assert [t.name for t in store.themes()] == ["稳中求进", "提振消费", "新质生产力", "创新引领"]
    assert (user_home / "user.sqlite").is_file()


def test_damaged_user_db_is_refused_not_overwritten(tmp_path: Path) -> None:
    db = tmp_path / "user.sqlite"
    db.write_bytes(b"garbage" * 1000)
    with pytest.raises(DatabaseError, match="损坏"):
        open_user_db(db)
    assert db.read_bytes() == b"garbage" * 1000


def _columns(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT IN ('alembic_version') AND name NOT LIKE 'sqlite_%'")]
        info = {t: [(c[1], c[2].replace("DOUBLE", "FLOAT"), c[3], c[5]) for c in
                    conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
        info["<indexes>"] = sorted(r for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index' "
                                                           "AND name NOT LIKE 'sqlite_%'"))
        return info
    finally:
        conn.close()


def test_migrations_build_exactly_the_models_schema(tmp_path: Path) -> None:
    from zzdesk.core.db import open_writable
    from zzdesk.core.models import Base
    from zzdesk.core.user_models import UserBase

    open_user_db(tmp_path / "migrated.sqlite").close()
    engine = open_writable(tmp_path / "models.sqlite")
    Base.metadata.create_all(engine)
    UserBase.metadata.create_all(engine)
    engine.dispose()
    assert _columns(tmp_path / "migrated.sqlite") == _columns(tmp_path / "models.sqlite")
    with sqlite3.connect(tmp_path / "migrated.sqlite") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0005"
    conn.close()
