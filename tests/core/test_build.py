from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from dbdump import dump
from zzdesk import paths
from zzdesk.core.build import build_reference_db
from zzdesk.core.db import DatabaseError, open_read_only
from zzdesk.core.source import SourceError
from zzdesk.core.store import DataStore


@pytest.fixture(scope="module")
def fresh_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_reference_db(paths.source_dir(), tmp_path_factory.mktemp("build") / "zz.sqlite")


def test_committed_database_matches_a_fresh_build(fresh_db: Path) -> None:
    committed = dump(paths.reference_db_path())
    rebuilt = dump(fresh_db)
    assert committed.keys() == rebuilt.keys()
    for table in rebuilt:
        assert committed[table] == rebuilt[table], f"{table} 与 data/source 不一致：请运行 zzdesk build-db"


def test_shipped_with_rollback_journal(fresh_db: Path) -> None:
    for db in (fresh_db, paths.reference_db_path()):
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        conn.close()
    assert not fresh_db.with_name(fresh_db.name + ".building").exists()


def test_reference_opens_read_only(fresh_db: Path) -> None:
    conn = open_read_only(fresh_db)
    try:
        assert conn.execute("SELECT count(*) FROM figures").fetchone()[0] >= 60
        with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only"):
            conn.execute("DELETE FROM figures")
    finally:
        conn.close()


def test_reference_opens_from_a_read_only_folder(fresh_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(fresh_db, folder / "zz.sqlite")
    (folder / "zz.sqlite").chmod(0o444)
    folder.chmod(0o555)
    try:
        with DataStore(folder / "zz.sqlite") as store:
            assert len(store.figures()) >= 60
        assert sorted(p.name for p in folder.iterdir()) == ["zz.sqlite"]
    finally:
        folder.chmod(0o755)


def test_damaged_and_foreign_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError, match="损坏"):
        open_read_only(junk)
    empty_db = tmp_path / "empty.sqlite"
    sqlite3.connect(empty_db).close()
    with pytest.raises(DatabaseError):
        open_read_only(empty_db)
    with pytest.raises(DatabaseError, match="找不到"):
        open_read_only(tmp_path / "missing.sqlite")


def test_a_broken_source_fails_the_build_and_keeps_the_old_file(tmp_path: Path, fresh_db: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(paths.source_dir(), source)
    yaml_file = source / "zhengzhou-2025.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(
        "进出口总值5565.8亿元", "进出口总值5565.9亿元"), encoding="utf-8")
    target = tmp_path / "zz.sqlite"
    shutil.copy(fresh_db, target)
    before = dump(target)
    with pytest.raises(SourceError, match="进出口总值"):
        build_reference_db(source, target)
    assert dump(target) == before


def test_figures_record_their_position_in_the_passage(fresh_db: Path) -> None:
    with DataStore(fresh_db) as store:
        passages = {p.id: p.text for p in store.passages()}
        for f in store.figures():
            assert passages[f.passage_id][f.start:f.end] == f.written
            assert f.quote in passages[f.passage_id]
