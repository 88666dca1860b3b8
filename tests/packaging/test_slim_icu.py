"""packaging/linux/slim_icu.py: Qt's ICU data cut down to what Qt uses, and Qt still working on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6 import QtCore

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
QT_LIBS = Path(QtCore.__file__).parent / "Qt" / "lib"
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("icupkg", "readelf", "as", "ld"))
    or not list(QT_LIBS.glob("libicudata.so.*")),
    reason="needs icupkg (icu-devtools), binutils and PySide6's own ICU",
)


def slim(folder: Path, library: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(PACKAGING / "linux" / "slim_icu.py"), str(library)],
                          capture_output=True, text=True, check=False, cwd=folder)


def dynamic(library: Path) -> str:
    return subprocess.run(["readelf", "-dW", "--dyn-syms", str(library)], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def slimmed(tmp_path: Path) -> tuple[Path, Path]:
    """PySide6's libicudata copied and trimmed; returns (original, trimmed)."""
    original = next(QT_LIBS.glob("libicudata.so.*"))
    library = tmp_path / original.name
    shutil.copy(original, library)
    result = slim(tmp_path, library)
    assert result.returncode == 0, result.stderr
    assert "items kept" in result.stdout
    return original, library


def test_keeps_the_soname_and_data_symbol_at_a_fraction_of_the_size(slimmed: tuple[Path, Path]) -> None:
    original, library = slimmed
    assert library.stat().st_size < original.stat().st_size / 4
    before, after = dynamic(original), dynamic(library)
    assert f"Library soname: [{original.name}]" in after
    symbol = f"icudt{original.name.rsplit('.', 1)[1]}_dat"
    assert symbol in before and symbol in after
    assert "NEEDED" not in after  # data only: nothing from glibc


def test_qt_collates_decodes_and_names_time_zones_with_the_trimmed_data(slimmed: tuple[Path, Path]) -> None:
    _, library = slimmed
    # The trimmed library comes first on the search path; the check proves Qt loaded it.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import runtime_check; status = runtime_check.main(); "
            "maps = open('/proc/self/maps').read(); sys.exit(status or (sys.argv[2] not in maps))")
    env = {**os.environ, "LD_LIBRARY_PATH": str(library.parent), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code, str(PACKAGING), str(library)], capture_output=True,
                            text=True, check=False, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert result.stdout.count("ok ") == 9


def test_fails_on_a_library_without_icu_data(tmp_path: Path) -> None:
    library = tmp_path / "libicudata.so.73"
    shutil.copy(next(QT_LIBS.glob("libicuuc.so.*")), library)  # an ICU library, but not the data
    result = slim(tmp_path, library)
    assert result.returncode != 0
    assert "no icudtNN_dat symbol" in result.stderr
