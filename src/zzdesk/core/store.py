"""One object that holds the open databases and answers the app's questions."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from zzdesk.core import queries
from zzdesk.core.db import open_read_only
from zzdesk.core.records import EntityRecord, FigureRecord, PassageRecord, ReportRecord, ThemeRecord
from zzdesk.core.search import SearchEngine, SearchHit
from zzdesk.core.userdb import open_user_db


class DataStore:
    """The read-only reference data plus the user's database."""

    def __init__(self, reference_db: Path, user_db: Path | None = None) -> None:
        self.reference_path = reference_db
        self.reference: Engine = open_read_only(reference_db)
        self.user: Engine | None = open_user_db(user_db) if user_db is not None else None
        self._search: SearchEngine | None = None

    def close(self) -> None:
        if self._search is not None:
            self._search.conn.close()
        self.reference.dispose()
        if self.user is not None:
            self.user.dispose()

    def __enter__(self) -> DataStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _session(self) -> Session:
        return Session(self.reference)

    def reports(self) -> list[ReportRecord]:
        with self._session() as s:
            return queries.reports(s)

    def themes(self) -> list[ThemeRecord]:
        with self._session() as s:
            return queries.themes(s)

    def passages(self) -> list[PassageRecord]:
        with self._session() as s:
            return queries.passages(s)

    def figures(self, theme: str | None = None, period: int | None = None,
                kinds: Sequence[str] | None = None) -> list[FigureRecord]:
        with self._session() as s:
            return queries.figures(s, theme=theme, period=period, kinds=kinds)

    def entities(self) -> list[EntityRecord]:
        with self._session() as s:
            return queries.entities(s)

    def search(self, query: str, types: Sequence[str] | None = None, limit: int = 50) -> list[SearchHit]:
        if self._search is None:
            # A plain read-only connection: search runs many small queries and wants no ORM overhead.
            uri = self.reference_path.resolve().as_uri() + "?mode=ro"
            self._search = SearchEngine(sqlite3.connect(uri, uri=True, check_same_thread=False))
        return self._search.search(query, types=types, limit=limit)
