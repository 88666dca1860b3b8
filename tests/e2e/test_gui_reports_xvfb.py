"""The real program under Xvfb with three imported reports: it opens on the remembered report (title and
pages follow it), and Ctrl+Q during a list export waits, finishes the file and exits cleanly."""

from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from test_gui_xvfb import display, ended_cleanly, running, screenshot, wait_for_file, xdo  # noqa: F401

from zzdesk import paths
from zzdesk.core.importing import commit_import
from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.parsing.report import parse_report
from zzdesk.core.store import DataStore

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
TEXTS = ("zhengzhou-2026-full.txt", "zhengzhou-2027-brief.txt", "jinshui-2026-district.gb18030.txt")
SLOW_SECONDS = 3.0

# The file dialog answers with OUT at once, and the CSV writer takes a few seconds, so Ctrl+Q
# arrives while the export runs.  Only the test changes these two; the program is the real one.
LAUNCHER = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QFileDialog
from zzdesk.export import tables
out, seconds = sys.argv[1], float(sys.argv[2])
QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (out, ""))
original = tables.write_csv
def slow_write_csv(path, headers, rows):
    Path(out + ".started").touch()
    time.sleep(seconds)
    original(path, headers, rows)
tables.write_csv = slow_write_csv
from zzdesk.cli.main import main
sys.argv = ["zzdesk"]
raise SystemExit(main())
"""


def load_three_reports(home: Path) -> DataStore:
    store = DataStore(paths.reference_db_path(), home / paths.USER_DB_NAME)
    for name in TEXTS:
        text = read_report_bytes((REPORTS / name).read_bytes(), name)
        commit_import(store.user_db, parse_report(text, store.entities()), store.reference)
    return store


def test_opens_on_the_remembered_report_and_quits_cleanly_during_an_export(display: str, user_home: Path,  # noqa: F811
                                                                           tmp_path: Path) -> None:
    with load_three_reports(user_home) as store:
        report = next(r for r in store.reports() if r.year == 2026 and r.region == "郑州市")
        theme_count = len([t for t in store.themes() if t.report_id == report.id])
        own = {p.id for p in store.passages() if p.report_id == report.id}
        projects = [e for e in store.entities() if e.type in ("project", "place", "platform", "cluster")
                    and any(m.passage_id in own for m in e.mentions)]
    settings = QSettings(str(user_home / "window.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/report", report.key)
    settings.sync()
    out = tmp_path / "项目.csv"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, ZZDESK_HOME=str(user_home))
    with running([sys.executable, "-c", LAUNCHER, str(out), str(SLOW_SECONDS)], env) as app:
        window = xdo(display, "search", "--sync", "--onlyvisible", "--name", "zzdesk").splitlines()[0]
        xdo(display, "windowsize", window, "1600", "1000")
        xdo(display, "windowfocus", "--sync", window)
        time.sleep(1.0)
        title = xdo(display, "getwindowname", window)
        assert f"《{report.title}》" in title and "2026年" in title  # the remembered report, named in the title
        screenshot(display, "reports-01-remembered-2026")

        projects_key = 1 + theme_count + 2  # 概览, the report's themes, 报告原文, then 项目
        assert projects_key <= 9
        xdo(display, "key", "--clearmodifiers", f"ctrl+{projects_key}")
        time.sleep(0.8)
        screenshot(display, "reports-02-projects")
        xdo(display, "key", "--clearmodifiers", "ctrl+e")
        wait_for_file(Path(f"{out}.started"), "导出没有开始")
        xdo(display, "key", "--clearmodifiers", "ctrl+q")
        time.sleep(0.8)
        assert app.poll() is None and not out.exists()  # still running: the file is being written
        screenshot(display, "reports-03-finishing")
        ended_cleanly(app)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + len(projects) and rows[0][0] == "名称"
    assert {r[0] for r in rows[1:]} == {e.name for e in projects}
    settings = QSettings(str(user_home / "window.ini"), QSettings.Format.IniFormat)
    assert settings.value("window/report") == report.key and settings.value("window/page") == "projects"
