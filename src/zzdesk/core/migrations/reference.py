"""The reference database a migration may consult (row ids of old briefings, entity types)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import context


def open_reference() -> sqlite3.Connection | None:
    """The reference data the program runs with (the bundled one when the caller named none), read-only;
    None when there is none, or it is too old to have content keys."""
    from zzdesk import paths

    path = context.config.attributes.get("reference_db") or paths.reference_db_path()
    if not Path(path).is_file():
        return None
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        conn.execute("SELECT key FROM figures LIMIT 1")
    except sqlite3.Error:
        conn.close()  # an older reference database: it has no keys to offer
        return None
    return conn
