"""One object that holds the open databases and answers the app's questions."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from zzdesk.core import queries
from zzdesk.core.db import open_read_only
from zzdesk.core.records import EntityRecord, FigureRecord, PassageRecord, ReportRecord, ThemeRecord
from zzdesk.core.search import SearchEngine, SearchHit
from zzdesk.core.userdb import open_user_db


class DataStore:
    """The read-only reference data plus the user's database."""

    def __init__(self, reference_db: Path, user_db: Path | None = None) -> None:
        self.reference_path = reference_db
        self.reference: sqlite3.Connection = open_read_only(reference_db)
        self.user: sqlite3.Connection | None = None
        try:
            self.user = open_user_db(user_db) if user_db is not None else None
        except BaseException:
            self.reference.close()
            raise
        self.search_engine = SearchEngine(self.reference)

    def close(self) -> None:
        self.reference.close()
        if self.user is not None:
            self.user.close()

    def __enter__(self) -> DataStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def reports(self) -> list[ReportRecord]:
        return queries.reports(self.reference)

    def themes(self) -> list[ThemeRecord]:
        return queries.themes(self.reference)

    def passages(self) -> list[PassageRecord]:
        return queries.passages(self.reference)

    def figures(self, theme: str | None = None, period: int | None = None,
                kinds: Sequence[str] | None = None) -> list[FigureRecord]:
        return queries.figures(self.reference, theme=theme, period=period, kinds=kinds)

    def entities(self) -> list[EntityRecord]:
        return queries.entities(self.reference)

    @property
    def user_db(self) -> sqlite3.Connection:
        if self.user is None:
            raise RuntimeError("没有打开用户数据库")
        return self.user

    def search(self, query: str, types: Sequence[str] | None = None, limit: int = 50) -> list[SearchHit]:
        return self.search_engine.search(query, types=types, limit=limit)
