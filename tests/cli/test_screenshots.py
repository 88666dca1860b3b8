"""`zzdesk screenshots`: every main view rendered to PNG without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def test_screenshots_of_every_view(user_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "截图"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["ZZDESK_HOME"] = str(user_home)
    result = subprocess.run([sys.executable, "-m", "zzdesk", "screenshots", str(out), "--size", "1280x800"],
                            capture_output=True, text=True, env=env, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "共 14 张截图"  # nothing else: no Qt warnings
    names = sorted(p.name for p in out.glob("*.png"))
    assert names[0] == "01-overview.png" and names[-1] == "14-search.png"
    assert {"06-report.png", "07-projects.png", "08-enterprises.png", "09-initiatives.png",
            "10-figures.png", "11-targets.png", "12-trend.png", "13-composer.png"} <= set(names)
    assert sum(n.startswith(("02-theme", "03-theme", "04-theme", "05-theme")) for n in names) == 4
    for name in names:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1280, 800), name
        colours = {image.pixel(x, y) for x in range(0, 1280, 9) for y in range(0, 800, 9)}
        assert len(colours) > 30, name  # real content, not a blank window
    # The user's own window layout is left alone.
    assert not (user_home / "window.ini").exists()


def test_screenshots_bad_size(user_home: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "zzdesk", "screenshots", str(tmp_path), "--size", "huge"],
                            capture_output=True, text=True, timeout=60, check=False,
                            env={**os.environ, "ZZDESK_HOME": str(user_home)})
    assert result.returncode == 1 and "宽x高" in result.stderr
