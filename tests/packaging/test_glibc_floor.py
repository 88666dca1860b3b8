"""packaging/glibc_floor.py: the build's guard that nothing in the Linux bundle needs a newer C runtime."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "glibc_floor.py"
pytestmark = pytest.mark.skipif(shutil.which("objdump") is None, reason="needs objdump (binutils)")


def run(folder: Path, *limits: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), str(folder), *limits], capture_output=True, text=True,
                          check=False)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A folder holding one real program of this machine (it needs some GLIBC_2.x) and a data file."""
    (tmp_path / "lib").mkdir()
    shutil.copy(shutil.which("ls") or "/bin/ls", tmp_path / "lib" / "program")
    (tmp_path / "notes.txt").write_text("not an ELF file")
    return tmp_path


def test_prints_the_highest_glibc_version_needed(bundle: Path) -> None:
    result = run(bundle)
    assert result.returncode == 0
    major, minor = (int(part) for part in result.stdout.strip().split(".")[:2])
    assert (major, minor) >= (2, 3)


def test_fails_naming_the_file_that_needs_more_than_the_floor(bundle: Path) -> None:
    result = run(bundle, "--max-glibc", "2.2.5")
    assert result.returncode == 1
    assert "lib/program needs GLIBC_" in result.stderr


def test_passes_when_every_file_is_within_the_floor(bundle: Path) -> None:
    assert run(bundle, "--max-glibc", "99.0", "--max-glibcxx", "99.0", "--max-cxxabi", "99.0").returncode == 0
