"""Ctrl+Q in the real program under Xvfb while an import parses and while it commits: the program exits
with 0 and nothing on stderr, and the user's database holds the report whole or not at all."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_gui_xvfb import display, ended_cleanly, running, screenshot, wait_for_file, xdo  # noqa: F401

from zzdesk import paths
from zzdesk.core.desk import Desk

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
SOURCE = REPORTS / "zhengzhou-2026-full.txt"
SLOW_SECONDS = 4.0

# The file dialog answers with the report at once; the parse (or the write inside the import's
# transaction) is made slow so that Ctrl+Q arrives while it runs.  The program is the real one.
LAUNCHER = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QFileDialog
source, marker, phase, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (source, ""))
if phase == "parse":
    from zzdesk.ui import import_dialog
    parse = import_dialog.parse_report
    def slow_parse(text, entities, themes, should_stop):
        Path(marker).touch()
        give_up = time.monotonic() + seconds
        while not should_stop() and time.monotonic() < give_up:
            time.sleep(0.02)
        return parse(text, entities, themes, should_stop)
    import_dialog.parse_report = slow_parse
else:
    from zzdesk.core import writer
    write = writer.write_report
    def slow_write(*args, **kwargs):
        Path(marker).touch()
        time.sleep(seconds)
        return write(*args, **kwargs)
    writer.write_report = slow_write
from zzdesk.cli.main import main
sys.argv = ["zzdesk"]
raise SystemExit(main())
"""


def counts(user_db: Path) -> tuple[int, int, int, int]:
    """Reports, figures, passages and mentions of the user's database, and its integrity check."""
    conn = sqlite3.connect(user_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[return-value]
                     for table in ("reports", "figures", "passages", "mentions"))
    finally:
        conn.close()


@pytest.mark.parametrize("phase", ["parse", "commit"])
def test_ctrl_q_during_an_import(display: str, user_home: Path, tmp_path: Path, phase: str) -> None:  # noqa: F811
    # What the import stores when it is let to finish, in a data folder of its own.
    with Desk(paths.reference_db_path(), tmp_path / "whole" / paths.USER_DB_NAME) as desk:
        desk.commit_import(desk.preview_import_file(SOURCE))
    whole = counts(tmp_path / "whole" / paths.USER_DB_NAME)
    assert whole[0] == 1 and whole[1] > 0

    marker = tmp_path / f"{phase}.started"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, ZZDESK_HOME=str(user_home))
    with running([sys.executable, "-c", LAUNCHER, str(SOURCE), str(marker), phase, str(SLOW_SECONDS)], env) as app:
        window = xdo(display, "search", "--sync", "--onlyvisible", "--name", "zzdesk").splitlines()[0]
        xdo(display, "windowsize", window, "1600", "1000")
        xdo(display, "windowfocus", "--sync", window)
        time.sleep(1.0)
        xdo(display, "key", "--clearmodifiers", "ctrl+i")
        if phase == "commit":
            review = xdo(display, "search", "--sync", "--onlyvisible", "--name", "核对导入的报告").splitlines()[0]
            xdo(display, "windowfocus", "--sync", review)
            time.sleep(0.8)
            screenshot(display, "import-quit-01-review")
            xdo(display, "key", "Return")  # 导入
            xdo(display, "windowfocus", "--sync", window)  # Xvfb has no window manager to give it back
        wait_for_file(marker, f"{phase} did not start")
        time.sleep(0.5)
        screenshot(display, f"import-quit-02-{phase}-running")
        xdo(display, "key", "--clearmodifiers", "ctrl+q")
        if phase == "commit":
            time.sleep(0.8)
            assert app.poll() is None  # still running: the report is being written
            screenshot(display, "import-quit-03-commit-finishing")
        ended_cleanly(app)
    assert counts(user_home / paths.USER_DB_NAME) == (whole if phase == "commit" else (0, 0, 0, 0))
    check = subprocess.run([sys.executable, "-m", "zzdesk", "check"], env={**env, "QT_QPA_PLATFORM": "offscreen"},
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
