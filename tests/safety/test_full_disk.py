"""A full disk during an import and a backup: a clear error, nothing half-written, old backups
intact.  Needs root to mount a 4 MB tmpfs, so it runs with the fault tests (ZZDESK_FAULT_TESTS=1)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zzdesk.core.backup import list_backups, quick_check

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
pytestmark = pytest.mark.skipif(os.environ.get("ZZDESK_FAULT_TESTS") != "1",
                                reason="set ZZDESK_FAULT_TESTS=1 (CI does) to run the full-disk test")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.fail("the full-disk test mounts a tmpfs and must run as root (CI does)")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def zz(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "ZZDESK_HOME": str(home)})


def fill(disk: Path, leave: int) -> None:
    """Fill the disk, then give back *leave* bytes: enough to open a database, not to copy it.

    Unbuffered writes, smaller and smaller: a buffered file would fail again when closed."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))


def test_full_disk_during_backup_and_import(small_disk: Path) -> None:
    assert zz(small_disk, "import", str(REPORTS / "zhengzhou-2026-full.txt")).returncode == 0
    assert zz(small_disk, "backup").returncode == 0
    old = list_backups(small_disk / "backups")
    assert old and all(quick_check(b.path) for b in old)
    fill(small_disk, leave=96 * 1024)
    backup = zz(small_disk, "backup")
    assert backup.returncode == 1, backup.stderr
    assert len(backup.stderr.strip().splitlines()) == 1 and "原有备份未受影响" in backup.stderr
    assert list_backups(small_disk / "backups") == old and all(quick_check(b.path) for b in old)
    assert not list((small_disk / "backups").glob("*.partial*"))
    imported = zz(small_disk, "import", str(REPORTS / "jinshui-2026-district.gb18030.txt"))
    assert imported.returncode == 1, imported.stderr
    assert len(imported.stderr.strip().splitlines()) == 1 and "磁盘已满" in imported.stderr
    (small_disk / "filler").unlink()
    conn = sqlite3.connect(small_disk / "user.sqlite")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1  # nothing half-imported
    finally:
        conn.close()
    again = zz(small_disk, "import", str(REPORTS / "jinshui-2026-district.gb18030.txt"))
    assert again.returncode == 0, again.stderr  # with room again, it works


def test_a_disk_too_full_to_open_the_database_is_said_so(small_disk: Path) -> None:
    assert zz(small_disk, "reports").returncode == 0
    fill(small_disk, leave=0)
    result = zz(small_disk, "backup")
    assert result.returncode == 1 and "磁盘已满" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(("name", "args"), [
    ("简报.pdf", ("briefing", "--pdf")), ("简报.docx", ("briefing", "--docx")), ("数据.json", ("export", "--json")),
    ("数据.zzpack", ("pack", "export")),
])
def test_full_disk_during_an_export_keeps_the_previous_file(small_disk: Path, tmp_path: Path, name: str,
                                                            args: tuple[str, ...]) -> None:
    home = tmp_path / "home"
    assert zz(home, "reports").returncode == 0
    previous = small_disk / name
    previous.write_bytes(b"the previous export, which must survive")
    fill(small_disk, leave=0)
    result = zz(home, *args, str(previous))
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "磁盘已满" in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert previous.read_bytes() == b"the previous export, which must survive"
    assert sorted(p.name for p in small_disk.iterdir()) == sorted(["filler", name])  # no temporary file left
