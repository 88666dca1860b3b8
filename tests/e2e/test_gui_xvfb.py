"""The real program on a real X server (Xvfb), driven by key presses like a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from xwd import xwd_to_image

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"
NEEDED = ("Xvfb", "xdotool", "xwd")


@pytest.fixture
def display() -> Iterator[str]:
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"缺少 {missing}：请运行 scripts/run-tests.sh（会安装 xvfb、xdotool、x11-apps）")
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 15
    while not socket.exists():
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("Xvfb 没有启动")
        time.sleep(0.05)
    yield f":{number}"
    server.terminate()
    server.wait(10)


def xdo(display: str, *args: str) -> str:
    result = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, capture_output=True,
                            text=True, timeout=60, check=True)
    return result.stdout.strip()


def screenshot(display: str, name: str) -> Path:
    dump = subprocess.run(["xwd", "-root", "-silent", "-display", display], capture_output=True, check=True,
                          timeout=30).stdout
    image = xwd_to_image(dump)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    assert image.save(str(path), "PNG")
    return path


@contextmanager
def running(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """The program, killed at the end if a failed check left it running."""
    app = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield app
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)


def ended_cleanly(app: subprocess.Popen[str], timeout: float = 60) -> None:
    """The program ends by itself, with status 0 and nothing on stderr (no traceback, no Qt warning)."""
    _out, err = app.communicate(timeout=timeout)
    assert app.returncode == 0, err
    assert [line for line in err.splitlines() if line.strip()] == []


def wait_for_file(path: Path, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def distinct_colours(path: Path) -> int:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    return len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)})


def test_start_search_navigate_and_quit(display: str, user_home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, ZZDESK_HOME=str(user_home))
    app = subprocess.Popen([sys.executable, "-m", "zzdesk"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        window = xdo(display, "search", "--sync", "--onlyvisible", "--name", "zzdesk")
        window = window.splitlines()[0]
        xdo(display, "windowsize", window, "1600", "1000")
        xdo(display, "windowfocus", "--sync", window)
        time.sleep(1.0)
        first = screenshot(display, "01-start")
        assert distinct_colours(first) > 20  # a drawn window, not an empty screen

        xdo(display, "key", "--clearmodifiers", "ctrl+k")
        xdo(display, "type", "--delay", "40", "cjb")
        time.sleep(0.6)
        screenshot(display, "02-search-cjb")
        xdo(display, "key", "Return")
        time.sleep(0.6)
        screenshot(display, "03-enterprise-opened")
        xdo(display, "key", "--clearmodifiers", "ctrl+q")
        _out, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err
    settings = QSettings(str(user_home / "window.ini"), QSettings.Format.IniFormat)
    assert settings.value("window/page") == "enterprises"  # the search result opened the 企业 list
    warnings = [line for line in err.splitlines() if line.strip()]
    assert warnings == [], warnings  # no Qt warning at start-up or during use
