"""The user database's first schema: the meta table with its schema version.

Revision ID: 0001
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute('CREATE TABLE IF NOT EXISTS meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, '
               'PRIMARY KEY ("key"))')
