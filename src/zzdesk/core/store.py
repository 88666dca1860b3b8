"""One object that holds the open databases and answers the app's questions."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from zzdesk.core import queries
from zzdesk.core.backup import BackupError, auto_backup
from zzdesk.core.db import open_read_only
from zzdesk.core.records import EntityRecord, FigureRecord, PassageRecord, ReportRecord, ThemeRecord
from zzdesk.core.search import SearchEngine, SearchHit, search_all
from zzdesk.core.search.schema import has_index
from zzdesk.core.userdb import open_user_db

log = logging.getLogger(__name__)


class DataStore:
    """The read-only reference data plus the user's database."""

    def __init__(self, reference_db: Path, user_db: Path | None = None) -> None:
        self.reference_path = reference_db
        self.user_path = user_db
        self.reference: sqlite3.Connection = open_read_only(reference_db)
        self.user: sqlite3.Connection | None = None
        try:
            self.user = open_user_db(user_db) if user_db is not None else None
        except BaseException:
            self.reference.close()
            raise
        self.search_engine = SearchEngine(self.reference)

    @property
    def backup_dir(self) -> Path:
        assert self.user_path is not None
        return self.user_path.parent / "backups"

    def close(self) -> None:
        """Close both databases; if the user's data changed, take the day's backup first."""
        self.reference.close()
        if self.user is not None:
            if self.user.total_changes > 0:
                try:
                    auto_backup(self.user, self.backup_dir)
                except BackupError as exc:
                    log.warning("关闭时的自动备份没有完成：%s", exc)
            self.user.close()
            self.user = None

    def __enter__(self) -> DataStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _databases(self) -> list[sqlite3.Connection]:
        """The reference data first, then the user's imported reports (if any)."""
        return [self.reference] + ([self.user] if self.user is not None else [])

    def reports(self) -> list[ReportRecord]:
        found = [r for db in self._databases() for r in queries.reports(db)]
        return sorted(found, key=lambda r: (r.year, r.id))

    def themes(self) -> list[ThemeRecord]:
        return [t for db in self._databases() for t in queries.themes(db)]

    def passages(self) -> list[PassageRecord]:
        return [p for db in self._databases() for p in queries.passages(db)]

    def figures(self, theme: str | None = None, period: int | None = None,
                kinds: Sequence[str] | None = None) -> list[FigureRecord]:
        return [f for db in self._databases() for f in queries.figures(db, theme=theme, period=period, kinds=kinds)]

    def entities(self) -> list[EntityRecord]:
        """Entities of both databases; one named the same in both is shown once, with all its mentions."""
        merged: dict[str, EntityRecord] = {}
        for db in self._databases():
            for entity in queries.entities(db):
                known = merged.get(entity.name)
                if known is None:
                    merged[entity.name] = entity
                    continue
                merged[entity.name] = replace(
                    known, aliases=tuple(dict.fromkeys((*known.aliases, *entity.aliases))),
                    themes=tuple(dict.fromkeys((*known.themes, *entity.themes))),
                    mentions=known.mentions + entity.mentions)
        return list(merged.values())

    @property
    def user_db(self) -> sqlite3.Connection:
        if self.user is None:
            raise RuntimeError("没有打开用户数据库")
        return self.user

    def search(self, query: str, types: Sequence[str] | None = None, limit: int = 50) -> list[SearchHit]:
        engines = [self.search_engine]
        if self.user is not None and self._user_indexed():
            engines.append(SearchEngine(self.user))
        return search_all(engines, query, types=types, limit=limit)

    def _user_indexed(self) -> bool:
        assert self.user is not None
        if has_index(self.user):
            return True
        if self.user.execute("SELECT 1 FROM sqlite_master WHERE name = 'reports'").fetchone() is None:
            return False
        # Reports indexed by an older version of the program: index them again, once.
        from zzdesk.core.search.documents import collect_documents
        from zzdesk.core.search.index import build_search_index

        try:
            with self.user:
                build_search_index(self.user, collect_documents(self.user))
        except sqlite3.Error as exc:  # a read-only folder: imported reports stay unsearchable
            log.warning("没有能重建导入报告的搜索索引：%s", exc)
            return False
        return True
