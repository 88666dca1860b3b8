"""Running the `zzdesk` command as a person would: in its own process, optionally as an ordinary user.

CI runs as root, and root ignores file permissions, so a read-only or unreadable folder proves
nothing there.  `ordinary_user=True` re-runs the command with a throwaway uid and gid (setpriv)
when the tests run as root; when they already run as an ordinary user it simply runs.  The
throwaway user needs a Python it may execute: the test interpreter, else the system's Python of
the same version with the project's packages on PYTHONPATH.  Where neither is reachable (a
checkout inside root's private home), the command runs as root without the capabilities that
bypass file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), which permissions then bind alike.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import zzdesk

THROWAWAY_UID = 54_321  # no account has it: nothing this user makes can touch anyone's files
FAILURE = 1


def as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def zz(home: Path, *args: str, ordinary_user: bool = False, timeout: float = 120,
       env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "zzdesk", *args]
    environment = {**os.environ, "ZZDESK_HOME": str(home), "HOME": str(home), **(env or {})}
    if ordinary_user and as_root():
        prefix, python, extra_env = ordinary_user_launcher()
        command = [*prefix, python, "-m", "zzdesk", *args]
        environment.update(extra_env)
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False, env=environment)


@functools.cache
def ordinary_user_launcher() -> tuple[tuple[str, ...], str, tuple[tuple[str, str], ...]]:
    """(setpriv prefix, python, extra environment) that runs zzdesk without root's file powers."""
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to run the tests as an ordinary user"
    as_user = (setpriv, f"--reuid={THROWAWAY_UID}", f"--regid={THROWAWAY_UID}", "--clear-groups", "--")
    packages = os.pathsep.join(dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
                                              str(Path(zzdesk.__file__).resolve().parents[1])]))
    system_python = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
    for python, extra in ((sys.executable, ()), (system_python, (("PYTHONPATH", packages),))):
        probe = subprocess.run([*as_user, python, "-c", "import zzdesk.cli.main"], capture_output=True,
                               env={**os.environ, **dict(extra)}, timeout=60, check=False, cwd="/")
        if probe.returncode == 0:
            return as_user, python, extra
    without_powers = (setpriv, "--bounding-set=-dac_override,-dac_read_search",
                      "--inh-caps=-dac_override,-dac_read_search", "--")
    return without_powers, sys.executable, ()


def one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    """The single `zzdesk: …` line of a failed command; fails the test on a traceback or success."""
    assert result.returncode == FAILURE, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zzdesk: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def shared_folder() -> Path:
    """A fresh folder the throwaway user may use (pytest's own temp folders are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="zzdesk-user-"))
    folder.chmod(0o755)
    if as_root():
        os.chown(folder, THROWAWAY_UID, THROWAWAY_UID)
    return folder


def give_to_user(path: Path) -> None:
    """Make *path* (and what is inside) belong to the throwaway user, as if that user had made it."""
    if not as_root():
        return
    for root, folders, files in os.walk(path):
        os.chown(root, THROWAWAY_UID, THROWAWAY_UID)
        for name in folders + files:
            os.chown(os.path.join(root, name), THROWAWAY_UID, THROWAWAY_UID, follow_symlinks=False)


def clear_away(folder: Path) -> None:
    """Remove a shared folder a test has made read-only or unreadable in places."""
    os.chmod(folder, 0o755)
    for root, folders, _files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(root, name), 0o755)
    shutil.rmtree(folder)
