"""The installed `zzdesk search`, run as a person runs it, says exactly what the full command line says.

The command ends its process as soon as it has answered, and finds the user's data folder
without platformdirs: both are checked here in real processes, with the folder found the
ordinary way (no ZZDESK_HOME) and holding an imported report the answer depends on.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zzdesk import paths

REPORT = Path(__file__).resolve().parents[1] / "data" / "reports" / "erqi-2026-district.txt"
COMMAND = Path(sys.executable).with_name("zzdesk")  # the console script the installer made
FULL_PARSER = [sys.executable, "-c", "import sys; from zzdesk.cli.main import main; sys.exit(main())"]
CASES = [
    ["search", "二七"],
    ["search", "二七", "--json"],
    ["search", "--type", "指标", "erqi", "--limit", "3"],
    ["search", "鄭州", "--limit", "2"],
    ["search", "火星基地"],
    ["search", "郑州", "--type", "火星"],  # a UserError: one line, exit 1
    ["--reference-db", "没有这个文件.sqlite", "search", "郑州"],
    ["--data-dir", "没有这个文件夹", "search", "二七", "--limit", "5"],
]


def _run(command: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A HOME whose platform data folder holds one imported report."""
    home = tmp_path_factory.mktemp("home")
    data = home / ".local" / "share" / paths.APP_NAME
    imported = subprocess.run([str(COMMAND), "--data-dir", str(data), "import", str(REPORT)], capture_output=True,
                              text=True, timeout=300, check=False)
    assert imported.returncode == 0, imported.stderr
    return home


def _user_environment(home: Path, **extra: str) -> dict[str, str]:
    hidden = (paths.HOME_ENV, "XDG_DATA_HOME")
    return {k: v for k, v in os.environ.items() if k not in hidden} | {"HOME": str(home)} | extra


@pytest.mark.skipif(sys.platform != "linux", reason="the data folder is under HOME as Linux places it")
@pytest.mark.parametrize("argv", CASES)
def test_the_command_answers_like_the_full_parser(home: Path, argv: list[str]) -> None:
    env = _user_environment(home)
    fast = _run([str(COMMAND), *argv], env)
    assert fast == _run([*FULL_PARSER, *argv], env)
    assert fast[1] or fast[2]


@pytest.mark.skipif(sys.platform != "linux", reason="the data folder is under HOME as Linux places it")
def test_the_users_imported_report_is_found(home: Path) -> None:
    code, out, err = _run([str(COMMAND), "search", "二七"], _user_environment(home))
    assert code == 0, err
    assert "二七区2026年政府工作报告" in out
    elsewhere = _user_environment(home, XDG_DATA_HOME=str(home / "elsewhere"))
    code, out, err = _run([str(COMMAND), "search", "二七"], elsewhere)
    assert code == 0, err
    assert "二七区2026年政府工作报告" not in out and "政府工作报告里的“郑实践”" in out
    assert _run([str(COMMAND), "search", "二七"], elsewhere) == _run([*FULL_PARSER, "search", "二七"], elsewhere)


def _reader_gone(command: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes anything: every write finds no reader
    err = process.stderr.read()
    return process.wait(timeout=120), err


def test_a_reader_that_went_away_ends_quietly(home: Path) -> None:
    """`| head` stopped reading: no traceback and no complaint at exit, as with the full parser."""
    env = _user_environment(home)
    argv = ["search", "郑州", "--limit", "2000"]
    assert _reader_gone([str(COMMAND), *argv], env) == _reader_gone([*FULL_PARSER, *argv], env) == (1, b"")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a device that is always full")
@pytest.mark.parametrize("argv", [["search", "郑州"], ["search", "郑州", "--limit", "2000", "--json"], ["reports"]])
def test_output_to_a_full_disk_is_one_line(home: Path, argv: list[str]) -> None:
    env = _user_environment(home)
    results = []
    for command in ([str(COMMAND), *argv], [*FULL_PARSER, *argv]):
        with open("/dev/full", "w") as full:
            result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=120,
                                    check=False)
        results.append((result.returncode, result.stderr))
    assert results[0] == results[1] == (1, "zzdesk: 无法写出结果（磁盘已满）\n")
