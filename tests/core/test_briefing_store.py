from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.briefing_store import (
    delete_briefing,
    duplicate_briefing,
    list_briefings,
    load_briefing,
    save_briefing,
)
from zzdesk.core.models_meta import USER_SCHEMA_VERSION
from zzdesk.core.userdb import open_user_db


def spec(title: str = "经济运行简报") -> BriefingSpec:
    return BriefingSpec(title, (BriefingItem("theme", "稳中求进"),), issued=date(2025, 3, 5), copies=50)


def test_save_list_load_update(tmp_path: Path) -> None:
    conn = open_user_db(tmp_path / "user.sqlite")
    first = save_briefing(conn, spec())
    assert load_briefing(conn, first) == spec()
    save_briefing(conn, spec("改过的标题"), first)
    assert [b.title for b in list_briefings(conn)] == ["改过的标题"]
    conn.close()


def test_duplicate_and_delete_with_undo(tmp_path: Path) -> None:
    conn = open_user_db(tmp_path / "user.sqlite")
    first = save_briefing(conn, spec())
    copy = duplicate_briefing(conn, first)
    assert load_briefing(conn, copy).title == "经济运行简报（副本）"
    removed = delete_briefing(conn, first)
    assert [b.id for b in list_briefings(conn)] == [copy]
    save_briefing(conn, removed)  # undo
    assert sorted(b.title for b in list_briefings(conn)) == ["经济运行简报", "经济运行简报（副本）"]
    with pytest.raises(KeyError):
        load_briefing(conn, 9999)
    conn.close()


def test_version_1_database_is_upgraded_without_losing_anything(tmp_path: Path) -> None:
    db = tmp_path / "user.sqlite"
    with sqlite3.connect(db) as old:
        old.execute("CREATE TABLE meta (key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)")
        old.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('installed', '2025-01-01')")
    old.close()
    conn = open_user_db(db)
    assert dict(conn.execute("SELECT key, value FROM meta").fetchall()) == {
        "schema_version": str(USER_SCHEMA_VERSION), "installed": "2025-01-01"}
    assert list_briefings(conn) == []
    conn.close()
    [backup] = (tmp_path / "backups").glob("user-*.sqlite")  # taken before the upgrade, as version 1
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "1"
    old.close()
