"""Schema versions and vocabularies, apart from the models: reading needs no SQLAlchemy import."""

SCHEMA_VERSION = 1  # reference (report) databases
USER_SCHEMA_VERSION = 2  # the user's database (2: saved briefings)

FIGURE_KINDS = ("actual", "expected", "target")
PASSAGE_SECTIONS = ("intro", "review", "plan", "caption")
ENTITY_TYPES = ("project", "enterprise", "institution", "platform", "cluster", "place", "initiative")
