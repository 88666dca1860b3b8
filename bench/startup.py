"""Start-up time of the whole program against a bare PySide6 window, in the same run.

Each sample is a fresh process (interpreter start, imports, data, first paint).
The app process runs the same code path as `zzdesk` (integrity checks included) and reports when the
overview page first paints and when every overview chart has painted; the
baseline process shows an empty QWidget and reports its first paint.
Usage: .venv/bin/python bench/startup.py [--runs 10] [--compare OLD/src]
With --compare, the same app code also runs from another source tree (e.g. `git archive` of an
earlier commit), interleaved in the same run, and the ratio now/then is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

APP = r"""
import json, os, resource, sys, time
t0 = float(os.environ["ZZ_T0"])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from zzdesk import paths
from zzdesk.ui.app import create_application, open_window, startup_checks

marks = {}
chart_names = []
watchers = []

class Watch(QObject):
    def __init__(self, name, then=None):
        super().__init__()
        self.name, self.then = name, then
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.name not in marks:
            marks[self.name] = time.time() - t0
            if self.then:
                QTimer.singleShot(0, self.then)
            elif chart_names and all(k in marks for k in chart_names):
                QTimer.singleShot(0, app.quit)
        return False

def watch_charts():
    # Asked only after the first paint, so the bench does not build the charts early itself.
    for i, chart in enumerate(page.charts):
        w = Watch(f"chart{i}")
        chart_names.append(w.name)
        watchers.append(w)
        chart.plot.viewport().installEventFilter(w)
        chart.plot.viewport().update()

app = create_application()
assert startup_checks(paths.reference_db_path(), paths.user_data_dir())  # as `zzdesk` does
window = open_window(paths.reference_db_path(), paths.user_data_dir())
page = window.pages["overview"]
first = Watch("first", then=watch_charts)
page.installEventFilter(first)
window.resize(1600, 1000)
window.show()
app.exec()
marks["charts"] = max(marks[n] for n in chart_names)
marks["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(marks))
"""

BARE = r"""
import json, os, resource, time
t0 = float(os.environ["ZZ_T0"])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
marks = {}
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "first" not in marks:
            marks["first"] = time.time() - t0
            QTimer.singleShot(0, app.quit)
        return False
app = QApplication([])
w = QWidget()
watch = Watch()
w.installEventFilter(watch)
w.resize(1600, 1000)
w.show()
app.exec()
marks["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(marks))
"""


def sample(code: str, home: str, src: str | None = None) -> dict[str, float]:
    env = {**os.environ, "ZZ_T0": repr(time.time()), "ZZDESK_HOME": home}
    if src is not None:
        env["PYTHONPATH"] = src
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         timeout=120).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--compare", metavar="SRC", help="another source tree to time in the same run")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="zzdesk-bench-home-")
    sample(APP, home)  # warm the OS file cache and create the user database once
    sample(BARE, home)
    app, bare, old = [], [], []
    old_home = tempfile.mkdtemp(prefix="zzdesk-bench-old-home-")  # an older tree may want an older user schema
    if args.compare:
        sample(APP, old_home, args.compare)
    for _ in range(args.runs):  # interleaved, so drift affects both alike
        bare.append(sample(BARE, home))
        app.append(sample(APP, home))
        if args.compare:
            old.append(sample(APP, old_home, args.compare))
    bare_first = statistics.median(s["first"] for s in bare)
    first = statistics.median(s["first"] for s in app)
    charts = statistics.median(s["charts"] for s in app)
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    print(f"平台：{platform}，每项 {args.runs} 次，取中位数（秒，自启动进程起计）")
    print(f"{'':<24}{'中位':>8}{'最小':>8}{'最大':>8}{'相对空窗口':>12}")
    rows = [("空白 PySide6 窗口首次绘制", [s["first"] for s in bare]),
            ("zzdesk 首次绘制（概览）", [s["first"] for s in app]),
            ("zzdesk 概览图表全部绘制", [s["charts"] for s in app])]
    for name, values in rows:
        print(f"{name:<20}{statistics.median(values):>8.3f}{min(values):>8.3f}{max(values):>8.3f}"
              f"{statistics.median(values) / bare_first:>11.2f}×")
    if old:
        for name, key in (("首次绘制", "first"), ("图表全部绘制", "charts")):
            then, now = statistics.median(s[key] for s in old), statistics.median(s[key] for s in app)
            print(f"与 {args.compare} 比较，{name}：之前 {then:.3f} s，现在 {now:.3f} s，现在/之前 {now / then:.3f}")
    print(f"峰值内存：zzdesk {max(s['maxrss_mb'] for s in app):.0f} MiB，"
          f"空窗口 {max(s['maxrss_mb'] for s in bare):.0f} MiB")
    first_ratio, charts_ratio = first / bare_first, charts / bare_first
    print(f"目标：首次绘制 ≤ 2.5×（实测 {first_ratio:.2f}×，{'达到' if first_ratio <= 2.5 else '未达到'}），"
          f"全部绘制 ≤ 6×（实测 {charts_ratio:.2f}×，{'达到' if charts_ratio <= 6 else '未达到'}）")


if __name__ == "__main__":
    main()
