"""Typed tables of a report database (the bundled reference DB and, later, imported reports).

A report owns its themes, passages and figures; entities are shared across
reports and reach them through mentions, so a second report (another year,
another district) fits beside the first without a schema change.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from zzdesk.core.models_meta import ENTITY_TYPES, FIGURE_KINDS, PASSAGE_SECTIONS, SCHEMA_VERSION

__all__ = [
    "ENTITY_TYPES",
    "FIGURE_KINDS",
    "PASSAGE_SECTIONS",
    "SCHEMA_VERSION",
    "Base",
    "Entity",
    "EntityAlias",
    "Figure",
    "Mention",
    "Meta",
    "Passage",
    "Report",
    "Theme",
]


class Base(DeclarativeBase):
    pass


class MetaColumns:
    """Key/value facts about a database (its schema version first); both databases have one."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Meta(MetaColumns, Base):
    pass


def _key_index(table: str) -> Index:
    """Content keys are unique; a named index (not a column constraint) so a migration can add it."""
    return Index(f"ix_{table}_key", "key", unique=True)


class Report(Base):
    __tablename__ = "reports"
    __table_args__ = (_key_index("reports"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(128), unique=True)
    title: Mapped[str] = mapped_column(Text)
    region: Mapped[str] = mapped_column(String(64))
    year: Mapped[int]
    review_year: Mapped[int]
    kind: Mapped[str] = mapped_column(String(32))
    attribution: Mapped[str] = mapped_column(Text)
    source_text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    # Added by schema 3 / user schema 4, hence last: zzdesk.core.keys.report_key, and the report's own
    # words for its sections (郑州实践 / 金水实践, 目标任务).
    key: Mapped[str] = mapped_column(String(200))
    review_label: Mapped[str] = mapped_column(String(32))
    plan_label: Mapped[str] = mapped_column(String(32))

    themes: Mapped[list[Theme]] = relationship(back_populates="report", order_by="Theme.position")


class Theme(Base):
    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("report_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]

    report: Mapped[Report] = relationship(back_populates="themes")


class Passage(Base):
    __tablename__ = "passages"
    __table_args__ = (
        UniqueConstraint("report_id", "position"),
        CheckConstraint(f"section IN {PASSAGE_SECTIONS}", name="passage_section"),
        _key_index("passages"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"))
    section: Mapped[str] = mapped_column(String(16))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(220))


class Figure(Base):
    __tablename__ = "figures"
    __table_args__ = (
        CheckConstraint(f"kind IN {FIGURE_KINDS}", name="figure_kind"),
        Index("ix_figures_indicator_period", "indicator", "period"),
        _key_index("figures"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"))
    passage_id: Mapped[int] = mapped_column(ForeignKey("passages.id", ondelete="CASCADE"))
    position: Mapped[int]  # order in the report text (passage, then offset), not in the source file
    indicator: Mapped[str] = mapped_column(String(128))
    period: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[float]
    value_high: Mapped[float | None]  # upper end of a range target (4.5%—5%)
    unit: Mapped[str] = mapped_column(String(32))
    qualifier: Mapped[str | None] = mapped_column(String(16))
    cumulative: Mapped[bool] = mapped_column(default=False)
    written: Mapped[str] = mapped_column(String(64))
    quote: Mapped[str] = mapped_column(Text)
    # Offsets of `written` inside the passage text, for marking the number in place.
    start: Mapped[int]
    end: Mapped[int]
    key: Mapped[str] = mapped_column(String(400))


class Entity(Base):
    __tablename__ = "entities"
    __table_args__ = (CheckConstraint(f"type IN {ENTITY_TYPES}", name="entity_type"), _key_index("entities"))
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    type: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(128))

    aliases: Mapped[list[EntityAlias]] = relationship(order_by="EntityAlias.position")


class EntityAlias(Base):
    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "alias"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(128))
    position: Mapped[int]


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("entity_id", "passage_id", "quote"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    passage_id: Mapped[int] = mapped_column(ForeignKey("passages.id", ondelete="CASCADE"))
    quote: Mapped[str] = mapped_column(Text)
    # Offsets of the quote inside the passage text.
    start: Mapped[int]
    end: Mapped[int]
