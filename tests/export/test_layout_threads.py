"""A briefing laid out in a background job, then another on the window's thread after that job's thread has
ended: Qt's fonts die with the thread that loaded them, so no measurement may outlive it (it crashed)."""

from __future__ import annotations

import os
import subprocess
import sys

PROGRAM = """
import threading
from zzdesk.ui.app import create_application
from zzdesk.export.page_layout import Face, shared_metrics
app = create_application()
face = Face("fangsong", 16.0)
worker = threading.Thread(target=lambda: print(round(shared_metrics().width("地区生产总值", face), 3)))
worker.start()
worker.join()
later = shared_metrics()
print(round(later.width("固定资产投资比上年增长", face) + later.ascent(face), 3),
      round(later.width("地区生产总值", face), 3))
"""


def test_a_layout_after_a_background_one_has_ended() -> None:
    result = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-2000:]
    in_worker, later, same_text = result.stdout.split()
    assert float(later) > 0 and same_text == in_worker  # measured alike on either thread
