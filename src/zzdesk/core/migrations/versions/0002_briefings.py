"""Saved briefings.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE IF NOT EXISTS briefings (id INTEGER NOT NULL, title TEXT NOT NULL, "
               "template VARCHAR(16) NOT NULL, spec_json TEXT NOT NULL, created VARCHAR(32) NOT NULL, "
               "updated VARCHAR(32) NOT NULL, PRIMARY KEY (id))")
