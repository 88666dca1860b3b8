"""Schema versions and vocabularies, apart from the models: reading needs no SQLAlchemy import."""

SCHEMA_VERSION = 3  # reference (report) databases (2: ranges, figures.value_high; 3: content keys)
USER_SCHEMA_VERSION = 5  # the user's database (2: saved briefings, 3: imported reports, 4: content keys,
#                         5: entity keys name their report and type)

FIGURE_KINDS = ("actual", "expected", "target")
PASSAGE_SECTIONS = ("intro", "review", "plan", "caption")
ENTITY_TYPES = ("project", "enterprise", "institution", "platform", "cluster", "place", "initiative")
