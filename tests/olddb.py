"""User databases as an older zzdesk left them: the schema at an earlier migration, stamped with its version."""

from __future__ import annotations

from pathlib import Path

from zzdesk import paths


def user_db_at(db: Path, revision: str) -> None:
    """Create *db* at Alembic *revision* ("0003"), recording the schema version that revision made."""
    from alembic import command
    from alembic.config import Config

    from zzdesk.core import userdb
    from zzdesk.core.db import open_writable

    config = Config()
    config.set_main_option("script_location", str(Path(userdb.__file__).parent / "migrations"))
    config.attributes["reference_db"] = paths.reference_db_path()
    version = next(v for v, r in userdb.REVISIONS.items() if r == revision)
    engine = open_writable(db)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.exec_driver_sql("INSERT INTO meta VALUES ('schema_version', ?)", (str(version),))
    engine.dispose()
