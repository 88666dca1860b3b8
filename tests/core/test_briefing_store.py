from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from olddb import user_db_at
from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.briefing_store import (
    delete_briefing,
    duplicate_briefing,
    find_briefing,
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
    key = next(b.key for b in list_briefings(conn) if b.id == first)
    removed = delete_briefing(conn, first)
    assert [b.id for b in list_briefings(conn)] == [copy]
    save_briefing(conn, removed, key=key)  # undo
    assert sorted(b.title for b in list_briefings(conn)) == ["经济运行简报", "经济运行简报（副本）"]
    assert load_briefing(conn, find_briefing(conn, key) or 0) == spec()
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


def _version_3_database(db: Path) -> None:
    """A user database as zzdesk wrote it before content keys: row-id items, an imported report."""
    user_db_at(db, "0003")
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO reports VALUES (1000000, 'import-x', '郑州市2026年政府工作报告', '郑州市', 2026, "
                     "2025, '导入', '由用户导入', '全文', 'abc')")
        conn.execute("INSERT INTO themes VALUES (1000000, 1000000, '总体情况', 1)")
        conn.execute("INSERT INTO passages VALUES (1000000, 1000000, 1000000, 'review', 1, '地区生产总值增长5.6%。')")
        conn.execute("INSERT INTO figures VALUES (1000000, 1000000, 1000000, 1000000, 1, '地区生产总值增速', 2025, "
                     "'actual', 5.6, NULL, '%', NULL, 0, '5.6%', '地区生产总值增长5.6%。', 8, 12)")
    conn.close()


def test_version_3_briefings_are_converted_to_keys(tmp_path: Path) -> None:
    from zzdesk import paths
    from zzdesk.core.desk import Desk

    with Desk(paths.reference_db_path()) as reference:
        gdp = next(f for f in reference.figures() if f.indicator == "地区生产总值" and f.period == 2024)
        bundled = reference.reports()[0]
    db = tmp_path / "user.sqlite"
    _version_3_database(db)
    old_items = [{"kind": "figure", "ref": str(gdp.id)}, {"kind": "figure", "ref": "1000000"},
                 {"kind": "figure", "ref": "424242"}, {"kind": "theme", "ref": "总体情况"}]
    old_spec = {**json.loads(spec().to_json()), "items": old_items}
    del old_spec["reports"]
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO briefings (title, template, spec_json, created, updated) VALUES (?, ?, ?, ?, ?)",
                     ("旧简报", "jianbao", json.dumps(old_spec, ensure_ascii=False), "2025-03-05", "2025-03-05"))
    conn.close()

    with Desk(paths.reference_db_path(), db) as desk:
        imported = desk.report("latest")
        assert (imported.key, imported.review_label) == ("郑州市-2026-郑州市2026年政府工作报告", "郑州实践")
        [info] = desk.briefings()
        converted = desk.open_briefing(info.key)
        assert [i.ref for i in converted.items] == [gdp.key, f"{imported.key}/地区生产总值增速/2025/actual", "#424242",
                                                    "总体情况"]
        assert converted.items[3].report == imported.key  # composed on the report then shown: the newest
        assert set(converted.reports) == {bundled.key, imported.key}
        document = desk.build_briefing(converted)
        assert document.missing == ("指标（原编号424242）",)
        assert "（此项数据已不存在：指标（原编号424242））" in [getattr(b, "text", "") for b in document.blocks]


def test_an_upgrade_by_a_command_that_names_no_reference_uses_the_bundled_one(tmp_path: Path) -> None:
    from zzdesk import paths
    from zzdesk.core.desk import Desk

    with Desk(paths.reference_db_path()) as reference:
        gdp = next(f for f in reference.figures() if f.indicator == "地区生产总值" and f.period == 2024)
    db = tmp_path / "user.sqlite"
    _version_3_database(db)
    old_spec = {**json.loads(spec().to_json()), "items": [{"kind": "figure", "ref": str(gdp.id)}]}
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO briefings (title, template, spec_json, created, updated) VALUES (?, ?, ?, ?, ?)",
                     ("旧简报", "jianbao", json.dumps(old_spec, ensure_ascii=False), "2025-03-05", "2025-03-05"))
    conn.close()
    conn = open_user_db(db)  # as `zzdesk backup` or `zzdesk check` open it
    [info] = list_briefings(conn)
    assert load_briefing(conn, info.id).items[0].ref == gdp.key
    conn.close()
