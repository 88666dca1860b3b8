"""Files from another PC are data, never code: packs and backups must hold exactly our schema,
safety copies survive thinning, our own packs are never called bombs, keys are Ed25519 only."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_runner import one_line_failure, zz

from zzdesk.core.backup import BackupError, list_backups, make_backup, restore, thin
from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.briefing_store import save_briefing
from zzdesk.core.datapack import PackError, export_pack, generate_keys, import_pack, read_pack
from zzdesk.core.importing import commit_import, remove_report
from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.parsing.report import parse_report
from zzdesk.core.userdb import open_user_db

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def user_db_with(path: Path, change: Callable[[sqlite3.Connection], None] | None = None) -> Path:
    """A real user database holding one briefing, then changed by *change* as an attacker would."""
    conn = open_user_db(path)
    save_briefing(conn, BriefingSpec("别人的简报", (BriefingItem("headlines", ""),)))
    if change is not None:
        with conn:
            change(conn)
    conn.close()
    return path


HOSTILE: dict[str, Callable[[sqlite3.Connection], None]] = {
    "trigger": lambda c: c.execute("CREATE TRIGGER wipe AFTER INSERT ON briefings BEGIN DELETE FROM briefings; END"),
    "trigger-on-meta": lambda c: c.execute(
        "CREATE TRIGGER brick AFTER DELETE ON reports BEGIN UPDATE meta SET value='99'; END"),
    "view-for-table": lambda c: (c.execute("DROP TABLE mentions"),
                                 c.execute("CREATE VIEW mentions AS SELECT * FROM figures")),
    "extra-table": lambda c: c.execute("CREATE TABLE notes (x)"),
    "extra-column": lambda c: c.execute("ALTER TABLE briefings ADD COLUMN extra TEXT"),
    "unknown-revision": lambda c: c.execute("UPDATE alembic_version SET version_num = 'ffff'"),
    "revision-disagrees": lambda c: c.execute("UPDATE alembic_version SET version_num = '0002'"),
    "odd-version": lambda c: c.execute("UPDATE meta SET value = '2x' WHERE key = 'schema_version'"),
    "extra-index": lambda c: c.execute("CREATE INDEX sneaky ON briefings (title)"),
}


def only_meta_saying_3(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '3')")
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def live(tmp_path: Path) -> Path:
    return user_db_with(tmp_path / "home" / "user.sqlite")


@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_a_signed_pack_with_code_or_another_schema_is_refused(live: Path, tmp_path: Path, attack: str) -> None:
    hostile = user_db_with(tmp_path / "attacker" / "user.sqlite", HOSTILE[attack])
    private, public = generate_keys(tmp_path / "keys")
    conn = sqlite3.connect(hostile)
    try:
        pack = export_pack(conn, tmp_path / "hostile.zzpack", private)
    finally:
        conn.close()
    assert read_pack(pack, [public.read_bytes()], require_signature=True)[0].signed_by  # the signature is fine
    before = digest(live)
    with pytest.raises(PackError, match="不能使用"):
        import_pack(pack, live, live.parent / "backups", [public.read_bytes()], True)
    assert digest(live) == before


@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_a_backup_with_code_or_another_schema_is_not_restored(live: Path, tmp_path: Path, attack: str) -> None:
    hostile = user_db_with(tmp_path / "attacker" / "user.sqlite", HOSTILE[attack])
    before = digest(live)
    with pytest.raises(BackupError, match="不能恢复"):
        restore(live, hostile, live.parent / "backups")
    assert digest(live) == before


def test_any_sqlite_file_whose_meta_says_3_is_not_restored_and_check_says_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert zz(home, "backup").returncode == 0
    fake = only_meta_saying_3(tmp_path / "fake.sqlite")
    before = digest(home / "user.sqlite")
    assert "不能恢复" in one_line_failure(zz(home, "restore", str(fake)))
    assert digest(home / "user.sqlite") == before
    # Even if such a file becomes the live database by other means, check does not call it sound.
    other = tmp_path / "other"
    other.mkdir()
    only_meta_saying_3(other / "user.sqlite")
    checked = zz(other, "check")
    assert checked.returncode == 1 and "检查通过" not in checked.stdout, checked.stdout
    assert "不是 zzdesk 的数据" in checked.stderr


def test_a_live_database_with_a_trigger_is_not_used(tmp_path: Path) -> None:
    user_db_with(tmp_path / "user.sqlite", HOSTILE["trigger"])
    line = one_line_failure(zz(tmp_path, "reports"))
    assert "触发器" in line
    assert "检查通过" not in zz(tmp_path, "check").stdout


def test_the_safety_copy_of_a_restore_is_never_thinned(live: Path, tmp_path: Path) -> None:
    folder = live.parent / "backups"
    conn = open_user_db(live)
    old = make_backup(conn, folder, datetime(2026, 1, 5, 9))
    conn.close()
    safety = restore(live, old, folder)
    assert safety is not None and next(b for b in list_backups(folder) if b.path == safety).protected
    conn = open_user_db(live)
    for hours in range(1, 4):  # more backups that day, the next days, and months later
        make_backup(conn, folder, datetime.now() + timedelta(hours=hours))
    make_backup(conn, folder, datetime.now() + timedelta(days=400))
    conn.close()
    thin(folder, datetime.now() + timedelta(days=400))
    assert safety.exists()


def test_our_own_pack_after_imports_and_removals_is_accepted(tmp_path: Path) -> None:
    """secure_delete zeroes freed pages; exported as they were they looked like a zip bomb elsewhere."""
    conn = open_user_db(tmp_path / "a" / "user.sqlite")
    conn.execute("PRAGMA secure_delete=ON")
    for name in ("zhengzhou-2026-full.txt", "zhengzhou-2027-brief.txt"):
        path = REPORTS / name
        report_id = commit_import(conn, parse_report(read_report_bytes(path.read_bytes(), name)))
        remove_report(conn, report_id)
    pack = export_pack(conn, tmp_path / "ours.zzpack")
    conn.close()
    info, data = read_pack(pack)
    with zipfile.ZipFile(pack) as archive:
        member = archive.getinfo("user.sqlite")
    assert info.schema >= 3 and member.file_size == len(data)
    import_pack(pack, tmp_path / "b" / "user.sqlite", tmp_path / "b" / "backups")


def test_pack_trust_takes_only_ed25519_public_keys(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    home = tmp_path / "home"
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    (tmp_path / "rsa.pem").write_bytes(rsa_key.public_bytes(serialization.Encoding.PEM,
                                                           serialization.PublicFormat.SubjectPublicKeyInfo))
    (tmp_path / "garbage.pem").write_bytes(b"-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n")
    (tmp_path / "private.pem").write_bytes(generate_keys(tmp_path / "k")[0].read_bytes())
    for name, word in (("rsa.pem", "Ed25519"), ("garbage.pem", "PEM"), ("private.pem", "PEM")):
        assert word in one_line_failure(zz(home, "pack", "trust", str(tmp_path / name)))
    assert not (home / "trust.json").exists()
    assert zz(home, "pack", "trust", str(tmp_path / "k" / "zzdesk-signing-key.pub.pem")).returncode == 0


def manifest_pack(tmp_path: Path, live: Path, manifest: object, raw: bytes | None = None) -> Path:
    conn = sqlite3.connect(live)
    try:
        good = export_pack(conn, tmp_path / "good.zzpack")
    finally:
        conn.close()
    target = tmp_path / "odd.zzpack"
    with zipfile.ZipFile(good) as original, zipfile.ZipFile(target, "w") as copy:
        copy.writestr("manifest.json", raw if raw is not None else json.dumps(manifest))
        copy.writestr("user.sqlite", original.read("user.sqlite"))
    return target


ODD_MANIFESTS: list[object] = [
    [], "text", 5, None, {"format": "zzdesk.datapack/1"},
    {"format": "zzdesk.datapack/1", "files": []},
    {"format": "zzdesk.datapack/1", "files": {"user.sqlite": "abc"}},
    {"format": "zzdesk.datapack/1", "files": {"user.sqlite": {"sha256": 5, "size": "1"}}, "schema": 3},
    {"format": "zzdesk.datapack/1", "files": {"user.sqlite": {"sha256": "0", "size": 1}}, "schema": "3"},
    {"format": "zzdesk.datapack/1", "files": {"user.sqlite": {"sha256": "0", "size": 1}}, "schema": 2**80},
    {"format": ["zzdesk.datapack/1"]},
]


@pytest.mark.parametrize("manifest", ODD_MANIFESTS, ids=[str(i) for i in range(len(ODD_MANIFESTS))])
def test_odd_manifests_are_one_line(live: Path, tmp_path: Path, manifest: object) -> None:
    pack = manifest_pack(tmp_path, live, manifest)
    before = digest(live)
    one_line_failure(zz(live.parent, "pack", "import", str(pack)))
    assert digest(live) == before


def test_manifest_text_is_shown_without_terminal_escapes(live: Path, tmp_path: Path) -> None:
    source = user_db_with(tmp_path / "src" / "user.sqlite")
    conn = sqlite3.connect(source)
    try:
        good = export_pack(conn, tmp_path / "good.zzpack")
    finally:
        conn.close()
    with zipfile.ZipFile(good) as original:
        manifest = json.loads(original.read("manifest.json"))
        data = original.read("user.sqlite")
    manifest["created"] = "\x1b]0;owned\x07\x1b[2J2026"
    manifest["app_version"] = "\x1b[31mred\u202e"
    pack = tmp_path / "escapes.zzpack"
    with zipfile.ZipFile(pack, "w") as copy:
        copy.writestr("manifest.json", json.dumps(manifest))
        copy.writestr("user.sqlite", data)
    result = zz(live.parent, "pack", "import", str(pack))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr + result.stdout and "\u202e" not in result.stderr


def test_imported_text_is_printed_without_terminal_escapes(tmp_path: Path) -> None:
    text = (REPORTS / "zhengzhou-2027-brief.txt").read_text(encoding="utf-8")
    hostile = tmp_path / "escapes.txt"
    hostile.write_text("\x1b]0;owned\x07\x1b[2J" + text, encoding="utf-8")
    result = zz(tmp_path / "home", "import", str(hostile), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout + result.stderr


def test_keygen_never_overwrites_a_signing_key(tmp_path: Path) -> None:
    private, _public = generate_keys(tmp_path / "keys")
    before = private.read_bytes()
    assert "已有签名密钥" in one_line_failure(zz(tmp_path / "home", "pack", "keygen", str(tmp_path / "keys")))
    assert private.read_bytes() == before and oct(private.stat().st_mode & 0o777) == "0o600"


def test_a_database_claiming_an_old_version_with_an_unknown_revision_is_not_backed_up_every_start(
        tmp_path: Path) -> None:
    def claim_old(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")

    user_db_with(tmp_path / "user.sqlite", claim_old)
    before = digest(tmp_path / "user.sqlite")
    for _start in range(3):
        assert "不是 zzdesk 的数据" in one_line_failure(zz(tmp_path, "reports"))
    assert not list((tmp_path / "backups").glob("user-*.sqlite"))
    assert digest(tmp_path / "user.sqlite") == before


def test_trust_settings_that_are_a_fifo_or_huge_do_not_hang_pack_import(live: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(live)
    try:
        pack = export_pack(conn, tmp_path / "p.zzpack")
    finally:
        conn.close()
    trust = live.parent / "trust.json"
    os.mkfifo(trust)
    assert "普通文件" in one_line_failure(zz(live.parent, "pack", "import", str(pack), timeout=60))
    trust.unlink()
    trust.write_bytes(b" " * (2 * 1024 * 1024))
    assert "太大" in one_line_failure(zz(live.parent, "pack", "import", str(pack), timeout=60))


def test_a_damaged_schema_name_that_is_not_utf8_is_refused_in_one_line(live: Path, tmp_path: Path) -> None:
    """Found by the fuzz run: SQLite's error quoted the name, and Python could not decode the message."""
    made = tmp_path / "made.sqlite"
    conn = open_user_db(made)
    conn.execute("CREATE TABLE qqzzqq (x)")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    data = made.read_bytes().replace(b"CREATE TABLE qqzzqq", b"CREATE TABLX \xff\xfe\xfd\xfc\xfb\xfa")
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(data.replace(b"qqzzqq", b"\xff\xfe\xfd\xfc\xfb\xfa"))
    before = digest(live)
    assert "不能恢复" in one_line_failure(zz(live.parent, "restore", str(damaged)))
    assert digest(live) == before


def with_bad_utf8(source: Path, target: Path, table: str, column: str) -> Path:
    """*source* with one TEXT value whose bytes are not UTF-8: SQLite stores it, Python cannot read it."""
    target.write_bytes(source.read_bytes())
    conn = sqlite3.connect(target)
    with conn:
        conn.execute(f"UPDATE {table} SET {column} = CAST(x'e5a2ff9e' AS TEXT) "
                     f"WHERE rowid = (SELECT min(rowid) FROM {table})")
    conn.close()
    return target


OLD_BACKUP = Path(__file__).resolve().parents[1] / "data" / "fuzz" / "backup.sqlite"  # schema version 3


def test_an_older_backup_with_text_that_is_not_utf8_is_not_restored(tmp_path: Path) -> None:
    """Found by the fuzz run: it was restored, then its upgrade failed with a line about a full disk."""
    home = tmp_path / "home"
    assert zz(home, "backup").returncode == 0
    bad = with_bad_utf8(OLD_BACKUP, tmp_path / "old.sqlite", "figures", "quote")
    before = digest(home / "user.sqlite")
    line = one_line_failure(zz(home, "restore", str(bad)))
    assert "不能恢复" in line and "UTF-8" in line, line
    assert digest(home / "user.sqlite") == before
    assert zz(home, "reports").returncode == 0


def test_a_current_backup_or_pack_with_text_that_is_not_utf8_is_refused(live: Path, tmp_path: Path) -> None:
    bad = with_bad_utf8(user_db_with(tmp_path / "other" / "user.sqlite"), tmp_path / "bad.sqlite",
                        "briefings", "title")
    before = digest(live)
    with pytest.raises(BackupError, match="UTF-8"):
        restore(live, bad, live.parent / "backups")
    conn = sqlite3.connect(bad)
    try:
        pack = export_pack(conn, tmp_path / "bad.zzpack")
    finally:
        conn.close()
    with pytest.raises(PackError, match="UTF-8"):
        import_pack(pack, live, live.parent / "backups", [], False)
    assert digest(live) == before


def test_an_old_live_database_with_text_that_is_not_utf8_does_not_blame_the_disk(tmp_path: Path) -> None:
    with_bad_utf8(OLD_BACKUP, tmp_path / "user.sqlite", "figures", "quote")
    line = one_line_failure(zz(tmp_path, "reports"))
    assert "UTF-8" in line and "磁盘" not in line, line
