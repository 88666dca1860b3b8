"""Schema versions and vocabularies, apart from the models: reading needs no SQLAlchemy import."""

SCHEMA_VERSION = 2  # reference (report) databases (2: ranges, figures.value_high)
USER_SCHEMA_VERSION = 3  # the user's database (2: saved briefings, 3: imported reports)

FIGURE_KINDS = ("actual", "expected", "target")
PASSAGE_SECTIONS = ("intro", "review", "plan", "caption")
ENTITY_TYPES = ("project", "enterprise", "institution", "platform", "cluster", "place", "initiative")
