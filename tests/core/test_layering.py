"""zzdesk.core must work on a machine, or in a process, without Qt."""

from __future__ import annotations

import subprocess
import sys

PROBE = r"""
import importlib.abc, pkgutil, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6"}:
            raise ImportError(f"blocked: {name}")
        return None

sys.meta_path.insert(0, NoQt())
import zzdesk.core
# Alembic's migration scripts run only inside Alembic (env.py acts on import): not modules to import here.
names = [m.name for m in pkgutil.walk_packages(zzdesk.core.__path__, "zzdesk.core.") if ".migrations" not in m.name]
for name in names:
    __import__(name)
import zzdesk.paths, zzdesk.core.store
print(len(names))
"""


def test_core_imports_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 8
