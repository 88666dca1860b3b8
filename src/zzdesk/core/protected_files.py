"""The databases this process uses, which no export may ever replace.

Kept apart from `safe_files` (the writing machinery, which checks this list) so that opening a
database read-only -- all `zzdesk search` does -- loads nothing more than `os`.
"""

from __future__ import annotations

import os
from _thread import allocate_lock

_protected: set[str] = set()  # real paths
_lock = allocate_lock()


def protect(path: str | os.PathLike[str]) -> None:
    """Never let an export replace *path* (a database this process uses) or its side files."""
    real = os.path.realpath(path)
    with _lock:
        _protected.add(real)


def protected() -> list[str]:
    """The real paths of every database protected so far."""
    with _lock:
        return list(_protected)
