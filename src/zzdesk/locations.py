"""Where zzdesk's files are, as plain strings: the one lookup behind `zzdesk.paths`.

`zzdesk search` is mostly interpreter start-up, so this module needs nothing but `os.path`
(pathlib and platformdirs, with what they import, cost it several ms).  On Linux the user-data
folder is found by the XDG rule platformdirs applies there; on Windows and macOS, and whenever
the environment is unusual (no absolute HOME, Android), platformdirs itself answers.
"""

from __future__ import annotations

import os
import sys

APP_NAME = "zzdesk"
HOME_ENV = "ZZDESK_HOME"
REFERENCE_DB_NAME = "zz.sqlite"
USER_DB_NAME = "user.sqlite"


def candidate_roots() -> list[str]:
    """Where `data/` and `resources/` may be: a frozen bundle, an installed wheel, a checkout."""
    roots: list[str] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(frozen_root)
    package_dir = os.path.dirname(os.path.realpath(__file__))
    roots.append(os.path.join(package_dir, "_bundled"))  # wheel: data copied into the package
    roots.append(os.path.dirname(os.path.dirname(package_dir)))  # checkout: src/zzdesk -> project root
    return roots


def install_root() -> str:
    """The folder holding `data/` and `resources/`."""
    roots = candidate_roots()
    for root in roots:
        if os.path.isfile(os.path.join(root, "data", REFERENCE_DB_NAME)) or os.path.isdir(
                os.path.join(root, "resources")):
            return root
    return roots[-1]


def reference_db() -> str:
    return os.path.join(install_root(), "data", REFERENCE_DB_NAME)


def user_data_dir(override: str | os.PathLike[str] | None = None) -> str:
    """--data-dir first, then $ZZDESK_HOME, then the platform's user-data folder."""
    given = override or os.environ.get(HOME_ENV)
    if given:
        return os.path.realpath(os.path.expanduser(given))
    return platform_user_data_dir()


def user_db(override: str | os.PathLike[str] | None = None) -> str:
    return os.path.join(user_data_dir(override), USER_DB_NAME)


def platform_user_data_dir() -> str:
    """The platform's folder for zzdesk's user data (not created here)."""
    quick = xdg_user_data_dir()
    if quick is not None:
        return quick
    import platformdirs

    return platformdirs.user_data_dir(APP_NAME, appauthor=False)


def xdg_user_data_dir() -> str | None:
    """platformdirs' answer on Linux, without loading it; None where platformdirs must decide."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or (
            os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"):
        return None
    base = os.environ.get("XDG_DATA_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: ignored, as the XDG rule says
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):  # platformdirs then asks the password database
            return None
        base = os.path.expanduser("~/.local/share")
    return os.path.join(base, APP_NAME)
