"""Where zzdesk writes: never over its own databases or backups, never over a device or FIFO,
never '' or the same file twice; a failed write leaves the previous file as it was."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from cli_runner import as_root, one_line_failure, zz

from zzdesk import paths
from zzdesk.core.safe_files import SaveError, atomic_path, check_target, protect, read_bounded, write_bytes


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert zz(home, "backup").returncode == 0  # a user database and one backup exist
    return home


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    copy = tmp_path / "reference.sqlite"
    shutil.copyfile(paths.reference_db_path(), copy)
    return copy


WRITERS = {
    "pdf": lambda target, ref: ("--reference-db", str(ref), "briefing", "--pdf", target),
    "docx": lambda target, ref: ("--reference-db", str(ref), "briefing", "--docx", target),
    "json": lambda target, ref: ("--reference-db", str(ref), "export", "--json", target),
    "pack": lambda target, ref: ("pack", "export", target),
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_the_databases_and_backups_are_never_an_output(home: Path, reference: Path, writer: str) -> None:
    backup = next((home / "backups").glob("user-*.sqlite"))
    targets = [home / "user.sqlite", backup, home / "user.sqlite-wal"]
    if writer != "pack":
        targets.append(reference)
    for target in targets:
        before = digest(target) if target.exists() else None
        line = one_line_failure(zz(home, *WRITERS[writer](str(target), reference)))
        assert "数据库" in line or "备份" in line, line
        assert (digest(target) if target.exists() else None) == before
    assert zz(home, "check").returncode == 0  # and every later start is fine


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_devices_fifos_folders_and_empty_names_are_refused(home: Path, reference: Path, tmp_path: Path,
                                                          writer: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    targets = [str(fifo), str(tmp_path), ""]
    if as_root():  # a private copy of /dev/full: a build with the bug must not replace the system's own
        device = tmp_path / "full"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        targets.append(str(device))
    for target in targets:
        one_line_failure(zz(home, *WRITERS[writer](target, reference), timeout=60))
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert not as_root() or stat.S_ISCHR(os.stat(tmp_path / "full").st_mode)


def test_pdf_and_docx_to_the_same_file_is_refused(home: Path, reference: Path, tmp_path: Path) -> None:
    target = tmp_path / "简报"
    line = one_line_failure(zz(home, "--reference-db", str(reference), "briefing", "--pdf", str(target),
                               "--docx", str(tmp_path / "." / "简报")))
    assert "同一个文件" in line and not target.exists()


def test_export_json_is_strict_json_even_for_an_out_of_range_value(home: Path, reference: Path,
                                                                   tmp_path: Path) -> None:
    hacked = tmp_path / "hacked-reference.sqlite"
    shutil.copyfile(reference, hacked)
    with sqlite3.connect(hacked) as conn:
        conn.execute("UPDATE figures SET value = 9e999 WHERE id = (SELECT min(id) FROM figures)")
    conn.close()
    out = tmp_path / "out.json"
    result = zz(home, "--reference-db", str(hacked), "export", "--json", str(out))
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"),
                          parse_constant=lambda name: pytest.fail(f"非标准 JSON：{name}"))
    assert any(f["value"] is None for f in document["figures"])
    assert "超出范围" in result.stderr


def test_atomic_save_keeps_the_previous_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "简报.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("the writer failed half-way")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["简报.pdf"]  # no temporary file left
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    old_mask = os.umask(0o022)
    try:
        write_bytes(tmp_path / "new.txt", b"x")
        kept = tmp_path / "kept.txt"
        kept.write_bytes(b"x")
        kept.chmod(0o600)
        write_bytes(kept, b"y")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_database_this_process_opened_is_protected_even_by_another_name(tmp_path: Path) -> None:
    live = tmp_path / "somewhere" / "mine.sqlite"
    live.parent.mkdir()
    sqlite3.connect(live).close()
    protect(live)
    link = tmp_path / "link.pdf"
    link.symlink_to(live)
    hard = tmp_path / "hard.pdf"
    os.link(live, hard)
    for target in (live, link, hard, live.with_name("mine.sqlite-journal")):
        with pytest.raises(SaveError):
            check_target(target)


def test_any_existing_sqlite_file_is_not_an_output(tmp_path: Path) -> None:
    other = tmp_path / "其他程序的数据.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(SaveError, match="数据库"):
        write_bytes(other, b"export")


def test_bounded_reading_refuses_fifos_devices_and_big_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2000)
    for path, word in ((fifo, "普通文件"), ("/dev/zero", "普通文件"), (big, "太大"), (tmp_path, "文件夹"),
                       (tmp_path / "missing", "找不到"), ("", "没有给出")):
        with pytest.raises(OSError, match=word):
            read_bounded(path, 1000)
    assert read_bounded(big, 2000) == b"x" * 2000
