"""Typed tables of the user's database: saved briefings now; notes and imported reports later."""

from __future__ import annotations

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from zzdesk.core.models import MetaColumns


class UserBase(DeclarativeBase):
    pass


class UserMeta(MetaColumns, UserBase):
    pass


class SavedBriefing(UserBase):
    __tablename__ = "briefings"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(16))
    spec_json: Mapped[str] = mapped_column(Text)  # BriefingSpec.to_json()
    created: Mapped[str] = mapped_column(String(32))  # ISO timestamps, local time
    updated: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(32))  # what the CLI names it by; the same on every PC

    __table_args__ = (Index("ix_briefings_key", "key", unique=True),)
