"""Typed tables of the user's database.  Empty but versioned for now; saved briefings,
notes and imported reports will live here."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from zzdesk.core.models import MetaColumns


class UserBase(DeclarativeBase):
    pass


class UserMeta(MetaColumns, UserBase):
    pass
