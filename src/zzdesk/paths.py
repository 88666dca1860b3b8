"""Where zzdesk finds its bundled files and keeps the user's own, as `Path`s.

The same lookup serves a source checkout, an installed wheel and a frozen
(PyInstaller) bundle, so no other module needs to know which one it runs in.
The lookup itself is `zzdesk.locations` (plain strings, for the search command's start-up).
"""

from __future__ import annotations

import os
from pathlib import Path

from zzdesk import locations

APP_NAME = locations.APP_NAME
HOME_ENV = locations.HOME_ENV
REFERENCE_DB_NAME = locations.REFERENCE_DB_NAME
USER_DB_NAME = locations.USER_DB_NAME


def install_root() -> Path:
    """The folder holding `data/` and `resources/`."""
    return Path(locations.install_root())


def data_dir() -> Path:
    return install_root() / "data"


def source_dir() -> Path:
    return data_dir() / "source"


def resources_dir() -> Path:
    return install_root() / "resources"


def reference_db_path() -> Path:
    return Path(locations.reference_db())


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir first, then $ZZDESK_HOME, then the platform's user-data folder."""
    return Path(locations.user_data_dir(override))


def user_db_path(override: str | os.PathLike[str] | None = None) -> Path:
    return Path(locations.user_db(override))
