"""A SQLite file from elsewhere (a data pack, a backup to restore) is data, never code.

Before any of it is used, `validate_user_db` opens it read-only with defensive settings and
checks that it holds exactly the user schema of the revision it claims: the same tables with
the same columns and indexes, no triggers, no views, a known Alembic revision that agrees with
the `meta` table, and a clean integrity_check.  The expected schemas are not written down by
hand: they are made by running zzdesk's own migrations into a scratch database, once per process.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
import threading
from pathlib import Path

from zzdesk.core.errors import UserError
from zzdesk.core.models_meta import USER_SCHEMA_VERSION
from zzdesk.core.safe_files import SQLITE_HEADER

# A table, view, trigger or index, as (type, name) -> a description that must match exactly.
Schema = dict[tuple[str, str], object]

_expected: dict[str, tuple[Schema, tuple[Schema, ...]]] = {}
_expected_lock = threading.Lock()


class ForeignDatabaseError(UserError):
    """A database file from elsewhere is not exactly a zzdesk user database; it was not used."""


def unreadable_text_line(exc: BaseException) -> str | None:
    """The user's words when *exc* is Python failing to decode a stored TEXT value, else None."""
    if isinstance(exc, UnicodeError) or "could not decode" in str(exc).lower():
        return "数据库中有无法读取的文字（不是有效的 UTF-8 编码）"
    return None


def open_defensively(path: Path) -> sqlite3.Connection:
    """Read-only, immutable, with schema code untrusted and cell sizes checked."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "query_only=ON", "mmap_size=0"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _normal_sql(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").replace("IF NOT EXISTS ", "").strip().lower()


def describe(conn: sqlite3.Connection) -> Schema:
    """Every schema object with its columns (tables) or its SQL (indexes, virtual tables …)."""
    found: Schema = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        if kind == "table" and not _normal_sql(sql).startswith("create virtual table"):
            columns = tuple((c[1], str(c[2]).upper(), c[3], c[4], c[5], c[6])
                            for c in conn.execute(f'PRAGMA table_xinfo("{name.replace(chr(34), "")}")'))
            found[(kind, name)] = ("columns", table, columns)
        else:
            found[(kind, name)] = ("sql", table, _normal_sql(sql))
    return found


def _scratch_schemas(revision: str) -> tuple[Schema, tuple[Schema, ...]]:
    """Required schema objects of a user database at *revision*, made by the migrations, and the
    optional ones: each layout of search tables a zzdesk version has written (current first)."""
    from zzdesk.core.search.index import build_search_index
    from zzdesk.core.search.schema import DDL, LEGACY_CREATE
    from zzdesk.core.userdb import create_or_upgrade

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "expected.sqlite"
        create_or_upgrade(path, revision)
        conn = sqlite3.connect(path)
        try:
            required = describe(conn)
            build_search_index(conn, [])  # the search tables come and go with imported reports
            conn.commit()
            current = {k: v for k, v in describe(conn).items() if k not in required}
            for statement in (*(d for d in DDL if d.startswith("DROP")), *LEGACY_CREATE):
                conn.execute(statement)
            conn.commit()
            legacy = {k: v for k, v in describe(conn).items() if k not in required}
        finally:
            conn.close()
    return required, (current, legacy)


def expected_schemas(revision: str) -> tuple[Schema, tuple[Schema, ...]]:
    with _expected_lock:
        if revision not in _expected:
            _expected[revision] = _scratch_schemas(revision)
        return _expected[revision]


def _claims(conn: sqlite3.Connection) -> tuple[int, str | None]:
    """The schema version in meta and the Alembic revision (None for databases made before Alembic)."""
    from zzdesk.core.userdb import REVISIONS

    try:
        rows = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    except sqlite3.Error as exc:
        raise ForeignDatabaseError("不是 zzdesk 的用户数据（没有版本信息）") from exc
    if len(rows) != 1 or not isinstance(rows[0][0], str) or not rows[0][0].isdecimal() or len(rows[0][0]) > 4:
        raise ForeignDatabaseError("不是 zzdesk 的用户数据（版本信息无效）")
    version = int(rows[0][0])
    if version > USER_SCHEMA_VERSION:
        raise ForeignDatabaseError("来自更新版本的 zzdesk，请先升级程序")
    if version not in REVISIONS:
        raise ForeignDatabaseError(f"不是 zzdesk 的用户数据（未知的版本 {version}）")
    try:
        revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.OperationalError:
        return version, None
    if revisions != [REVISIONS[version]]:
        raise ForeignDatabaseError("不是 zzdesk 的用户数据（数据库迁移记录与版本信息不符）")
    return version, revisions[0]


def check_claims(conn: sqlite3.Connection) -> None:
    """The cheap part of the check, for a database about to be upgraded: no code, a known version."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchone():
        raise ForeignDatabaseError("数据库中有触发器或视图")
    _claims(conn)


def validate_live_db(path: Path) -> int:
    """`validate_user_db` of a database in use: checked on a consistent private snapshot (with its -wal)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "snapshot.sqlite"
        try:
            source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                target = sqlite3.connect(copy)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
        except sqlite3.Error as exc:
            raise ForeignDatabaseError("数据库无法读取") from exc
        return validate_user_db(copy)


def validate_user_db(path: Path) -> int:
    """Check *path* (a private copy) is exactly a zzdesk user database; returns its schema version."""
    from zzdesk.core.userdb import REVISIONS

    try:
        with open(path, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise ForeignDatabaseError("文件已损坏，或不是 SQLite 数据库")
        conn = open_defensively(path)
    except OSError as exc:
        raise ForeignDatabaseError(f"无法读取：{exc.strerror or exc}") from exc
    except (sqlite3.Error, UnicodeError) as exc:
        raise ForeignDatabaseError("数据库无法打开，可能已损坏") from exc
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise ForeignDatabaseError("数据库已损坏（integrity_check 未通过）")
        found = describe(conn)
        kinds = {kind for kind, _name in found}
        if "trigger" in kinds:
            raise ForeignDatabaseError("数据库中有触发器：zzdesk 的数据不含可执行的内容，拒绝使用")
        if "view" in kinds:
            raise ForeignDatabaseError("数据库中有视图：不是 zzdesk 的用户数据，拒绝使用")
        version, revision = _claims(conn)
    # SQLite's message can quote a damaged name that is not UTF-8: Python then raises UnicodeError
    except (sqlite3.Error, UnicodeError) as exc:
        raise ForeignDatabaseError("数据库无法读取，可能已损坏") from exc
    finally:
        conn.close()
    required, layouts = expected_schemas(REVISIONS[version])
    if revision is None:  # made before Alembic kept its record
        required = {k: v for k, v in required.items() if k != ("table", "alembic_version")}
    extra = {k: v for k, v in found.items() if k not in required}
    optional = next((layout for layout in layouts if all(layout.get(k) == v for k, v in extra.items())),
                    layouts[0])
    for key, shape in found.items():
        if required.get(key, optional.get(key)) != shape:
            raise ForeignDatabaseError(f"数据库结构与 zzdesk 的不符（{key[1]}）")
    missing = [name for (kind, name) in required if (kind, name) not in found]
    if missing:
        raise ForeignDatabaseError(f"数据库结构不完整（缺少 {missing[0]}）")
    search_tables = {k for k in optional if k[0] == "table"}
    if found.keys() & search_tables and not search_tables <= found.keys():
        raise ForeignDatabaseError("数据库结构不完整（搜索索引缺少部分表）")
    _refuse_unreadable_text(path, [name for (kind, name), shape in found.items()
                                   if kind == "table" and isinstance(shape, tuple) and shape[0] == "columns"])
    return version


def _refuse_unreadable_text(path: Path, tables: list[str]) -> None:
    """Every value of *tables* must read back as the app reads it.

    SQLite stores TEXT bytes unchecked, while Python's sqlite3 decodes each one strictly as UTF-8 on
    every read: one bad sequence would fail the upgrade or every later page, after the file had
    replaced the user's data.  Streaming each table once through a cursor lets the C decoder do the
    work (a normal backup takes a fraction of a second) and holds one row in memory at a time."""
    conn = open_defensively(path)
    try:
        for table in tables:
            try:
                for _row in conn.execute(f'SELECT * FROM "{table}"'):
                    pass
            except (sqlite3.Error, UnicodeError) as exc:
                raise ForeignDatabaseError(f"{unreadable_text_line(exc) or '数据库无法读取，可能已损坏'}（表 {table}）"
                                           ) from exc
    finally:
        conn.close()
