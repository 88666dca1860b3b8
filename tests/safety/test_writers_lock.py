"""One writer at a time on the user data: an import and a restore at once lose nothing, and a
writer that has to wait too long says so in one line instead of half-doing its work."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import one_line_failure, zz

from zzdesk.core.backup import BackupError, list_backups, restore
from zzdesk.core.writers_lock import WritersBusy, writers_lock

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
FAULT_TESTS = os.environ.get("ZZDESK_FAULT_TESTS") == "1"


@pytest.fixture
def other_process_holds_the_lock(tmp_path: Path) -> Iterator[Path]:
    """Another zzdesk process in the middle of a restore of *tmp_path*'s data."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from zzdesk.core.writers_lock import writers_lock; "
         "lock = writers_lock(Path(sys.argv[1]), '恢复备份'); lock.__enter__(); print('held', flush=True); "
         "time.sleep(120)", str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield tmp_path
    finally:
        holder.kill()
        holder.wait()


def test_a_second_writer_is_told_what_the_other_zzdesk_does(other_process_holds_the_lock: Path) -> None:
    with pytest.raises(WritersBusy, match="另一个 zzdesk 正在恢复备份，请稍后再试"), \
            writers_lock(other_process_holds_the_lock, "导入报告", wait=0.3):
        pytest.fail("the lock was taken twice")


def test_restore_waits_for_the_lock_and_gives_up_clearly(other_process_holds_the_lock: Path) -> None:
    home = other_process_holds_the_lock
    user = home / "user.sqlite"
    sqlite3.connect(user).close()
    before = user.read_bytes()
    line = one_line_failure(zz(home, "restore", str(REPORTS / "zhengzhou-2026-full.txt"),
                               env={"ZZDESK_LOCK_WAIT": "0.5"}))
    assert "另一个 zzdesk 正在恢复备份" in line
    assert user.read_bytes() == before


def test_the_lock_is_reentrant_in_one_thread_and_exclusive_between_threads(tmp_path: Path) -> None:
    order: list[str] = []
    inside = threading.Event()

    def other_thread() -> None:
        inside.wait()
        with writers_lock(tmp_path, "备份用户数据", wait=5):
            order.append("other")

    thread = threading.Thread(target=other_thread)
    thread.start()
    with writers_lock(tmp_path, "恢复备份"), writers_lock(tmp_path, "备份用户数据"):
        inside.set()
        thread.join(0.3)
        order.append("first")
    thread.join()
    assert order == ["first", "other"]


def reports_in(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT text_sha256 FROM reports")}
    finally:
        conn.close()


def test_import_during_restore_is_never_lost(tmp_path: Path) -> None:
    """An import that says 已导入 is in the live data or in the safety copy the restore made of it."""
    home = tmp_path / "home"
    made = zz(home, "backup")
    assert made.returncode == 0, made.stderr
    empty_backup = Path(made.stdout.strip())
    base = (REPORTS / "zhengzhou-2027-brief.txt").read_text(encoding="utf-8")
    rounds = 8 if FAULT_TESTS else 2
    for round_number in range(rounds):
        text = tmp_path / f"report-{round_number}.txt"
        text.write_text(base + f"\n（第 {round_number} 份副本）\n", encoding="utf-8")
        env = {**os.environ, "ZZDESK_HOME": str(home)}
        importing = subprocess.Popen([sys.executable, "-m", "zzdesk", "import", str(text)], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        threading.Event().wait(random.uniform(0.0, 1.5))  # land the restore anywhere in the import
        restoring = zz(home, "restore", str(empty_backup))
        _out, import_err = importing.communicate(timeout=120)
        assert restoring.returncode == 0, restoring.stderr
        assert importing.returncode == 0 and "UNIQUE" not in import_err, import_err
        imported = set()
        for backup in list_backups(home / "backups"):
            imported |= reports_in(backup.path)
        imported |= reports_in(home / "user.sqlite")
        assert len(imported) == round_number + 1, (round_number, import_err)  # every import so far is kept


def test_two_imports_of_the_same_text_at_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert zz(home, "reports").returncode == 0
    env = {**os.environ, "ZZDESK_HOME": str(home)}
    report = str(REPORTS / "zhengzhou-2027-brief.txt")
    runs = [subprocess.Popen([sys.executable, "-m", "zzdesk", "import", report], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert sum("已导入，报告编号" in err for _out, err in results) == 1
    assert not any("UNIQUE" in err or "Traceback" in err for _out, err in results)
    assert len(reports_in(home / "user.sqlite")) == 1


def test_restore_in_process_refuses_while_another_writes(other_process_holds_the_lock: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("zzdesk.core.writers_lock.WAIT_SECONDS", 0.3)
    user = other_process_holds_the_lock / "user.sqlite"
    with pytest.raises(BackupError, match="另一个 zzdesk"):
        restore(user, REPORTS / "zhengzhou-2026-full.txt", other_process_holds_the_lock / "backups")
    assert not user.exists()
