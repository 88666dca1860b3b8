"""Imported reports: the report tables of the reference schema, in the user database.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = (
    """CREATE TABLE IF NOT EXISTS entities (id INTEGER NOT NULL, name VARCHAR(128) NOT NULL,
    type VARCHAR(16) NOT NULL, PRIMARY KEY (id), CONSTRAINT entity_type CHECK (type IN ('project',
    'enterprise', 'institution', 'platform', 'cluster', 'place', 'initiative')), UNIQUE (name))""",
    """CREATE TABLE IF NOT EXISTS reports (id INTEGER NOT NULL, slug VARCHAR(128) NOT NULL, title TEXT NOT NULL,
    region VARCHAR(64) NOT NULL, year INTEGER NOT NULL, review_year INTEGER NOT NULL, kind VARCHAR(32) NOT NULL,
    attribution TEXT NOT NULL, source_text TEXT NOT NULL, text_sha256 VARCHAR(64) NOT NULL, PRIMARY KEY (id),
    UNIQUE (slug))""",
    """CREATE TABLE IF NOT EXISTS entity_aliases (id INTEGER NOT NULL, entity_id INTEGER NOT NULL,
    alias VARCHAR(128) NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (entity_id, alias),
    FOREIGN KEY(entity_id) REFERENCES entities (id) ON DELETE CASCADE)""",
    """CREATE TABLE IF NOT EXISTS themes (id INTEGER NOT NULL, report_id INTEGER NOT NULL,
    name VARCHAR(64) NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (report_id, name),
    FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE)""",
    """CREATE TABLE IF NOT EXISTS passages (id INTEGER NOT NULL, report_id INTEGER NOT NULL, theme_id INTEGER,
    section VARCHAR(16) NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (id),
    UNIQUE (report_id, position), CONSTRAINT passage_section CHECK (section IN ('intro', 'review', 'plan',
    'caption')), FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE,
    FOREIGN KEY(theme_id) REFERENCES themes (id) ON DELETE CASCADE)""",
    """CREATE TABLE IF NOT EXISTS figures (id INTEGER NOT NULL, report_id INTEGER NOT NULL,
    theme_id INTEGER NOT NULL, passage_id INTEGER NOT NULL, position INTEGER NOT NULL,
    indicator VARCHAR(128) NOT NULL, period INTEGER NOT NULL, kind VARCHAR(16) NOT NULL, value FLOAT NOT NULL,
    value_high FLOAT, unit VARCHAR(32) NOT NULL, qualifier VARCHAR(16), cumulative BOOLEAN NOT NULL,
    written VARCHAR(64) NOT NULL, quote TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (id), CONSTRAINT figure_kind CHECK (kind IN ('actual', 'expected', 'target')),
    FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE,
    FOREIGN KEY(theme_id) REFERENCES themes (id) ON DELETE CASCADE,
    FOREIGN KEY(passage_id) REFERENCES passages (id) ON DELETE CASCADE)""",
    "CREATE INDEX IF NOT EXISTS ix_figures_indicator_period ON figures (indicator, period)",
    """CREATE TABLE IF NOT EXISTS mentions (id INTEGER NOT NULL, entity_id INTEGER NOT NULL,
    passage_id INTEGER NOT NULL, quote TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (id), UNIQUE (entity_id, passage_id, quote),
    FOREIGN KEY(entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY(passage_id) REFERENCES passages (id) ON DELETE CASCADE)""",
)


def upgrade() -> None:
    for statement in TABLES:
        op.execute(statement)
