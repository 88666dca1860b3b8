"""Where zzdesk finds its bundled files and keeps the user's own.

The same lookup serves a source checkout, an installed wheel and a frozen
(PyInstaller) bundle, so no other module needs to know which one it runs in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "zzdesk"
HOME_ENV = "ZZDESK_HOME"
REFERENCE_DB_NAME = "zz.sqlite"
USER_DB_NAME = "user.sqlite"


def _candidate_roots() -> list[Path]:
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root))
    package_dir = Path(__file__).resolve().parent
    roots.append(package_dir / "_bundled")  # wheel: data copied into the package
    roots.append(package_dir.parent.parent)  # checkout: src/zzdesk -> project root
    return roots


def install_root() -> Path:
    """The folder holding `data/` and `resources/`."""
    for root in _candidate_roots():
        if (root / "data" / REFERENCE_DB_NAME).is_file() or (root / "resources").is_dir():
            return root
    return _candidate_roots()[-1]


def data_dir() -> Path:
    return install_root() / "data"


def source_dir() -> Path:
    return data_dir() / "source"


def resources_dir() -> Path:
    return install_root() / "resources"


def reference_db_path() -> Path:
    return data_dir() / REFERENCE_DB_NAME


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir first, then $ZZDESK_HOME, then the platform's user-data folder."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # only when no folder is given: it costs a few ms at every start

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_db_path(override: str | os.PathLike[str] | None = None) -> Path:
    return user_data_dir(override) / USER_DB_NAME
