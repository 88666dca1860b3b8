"""The name the window still uses for the Desk (zzdesk.core.desk), until every caller says Desk."""

from __future__ import annotations

from zzdesk.core.desk import Desk

DataStore = Desk

__all__ = ["DataStore", "Desk"]
