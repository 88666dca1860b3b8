"""The Desk: the one object the window, the CLI and the exporters ask for data and changes.

It owns both databases (the read-only reference data and the user's own) and answers every
read — reports, themes, figures, entities, passages, search, targets — and performs every write
— imports, removals, saved briefings, backups and data packs.  Each write answers with a frozen
`Changes` naming what changed, so a caller refreshes only that; every failure a user can cause is
a `UserError` whose text is one Chinese line.  Reports, figures, passages, entities and saved
briefings are named by content keys (zzdesk.core.keys), never by row ids.  Qt-free.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from zzdesk.core import queries
from zzdesk.core.backup import BackupError, auto_backup
from zzdesk.core.db import open_read_only
from zzdesk.core.errors import UserError
from zzdesk.core.records import EntityRecord, FigureRecord, PassageRecord, ReportRecord, ThemeRecord
from zzdesk.core.search import SearchEngine, SearchHit, search_all
from zzdesk.core.search.schema import has_index
from zzdesk.core.userdb import open_user_db

if TYPE_CHECKING:
    from zzdesk.core.briefing import BriefingData, BriefingItem, BriefingSpec, Document
    from zzdesk.core.briefing_store import SavedBriefingInfo
    from zzdesk.core.parsing.report import ParsedReport
    from zzdesk.core.targets import TargetCheck
    from zzdesk.core.writer import Written

log = logging.getLogger(__name__)

LATEST = "latest"


class UnknownReport(UserError, LookupError):
    """No loaded report has the key (or id) asked for."""


class UnknownBriefing(UserError, LookupError):
    """No saved briefing has the key asked for."""


class ReportInUse(UserError):
    """Removing the report would leave saved briefings without some of their data; says which."""


class ReadOnlyReport(UserError):
    """The bundled reports come with the program and cannot be removed."""


@dataclass(frozen=True)
class Changes:
    """What one write changed: callers refresh exactly this."""

    reports: tuple[str, ...] = ()  # keys of reports added or removed
    briefings: tuple[str, ...] = ()  # keys of saved briefings created, changed or deleted
    everything: bool = False  # the user's data was replaced as a whole (restore, data pack)
    files: tuple[Path, ...] = ()  # files written (a backup, a data pack)
    message: str = ""  # one Chinese line for a status bar


@dataclass(frozen=True)
class RemovalImpact:
    """What removing a report does to the saved briefings built on it."""

    report: ReportRecord
    briefings: tuple[SavedBriefingInfo, ...]

    @property
    def description(self) -> str:
        name = f"《{self.report.title}》（{self.report.year}年）"
        if not self.briefings:
            return f"删除{name}：没有已保存的简报用到它。"
        titles = "、".join(f"“{b.title}”" for b in self.briefings)
        return (f"删除{name}后，简报{titles}中来自它的内容将显示为“此项数据已不存在”，"
                "不会改用其他报告的数据。")


class Desk:
    """The read-only reference data plus the user's database, behind one API."""

    def __init__(self, reference_db: Path, user_db: Path | None = None) -> None:
        self.reference_path = reference_db
        self.user_path = user_db
        self.reference: sqlite3.Connection = open_read_only(reference_db)
        self.user: sqlite3.Connection | None = None
        try:
            self.user = open_user_db(user_db, reference_db) if user_db is not None else None
        except BaseException:
            self.reference.close()
            raise
        self.search_engine = SearchEngine(self.reference)
        self.selected: str | None = None  # key of the report shown; None: the newest
        self._changed_elsewhere = False  # a job on another connection wrote the user's data (see took)

    # Lifetime ---------------------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        assert self.user_path is not None
        return self.user_path.parent / "backups"

    def close(self) -> None:
        """Close both databases; if the user's data changed, take the day's backup first."""
        self.reference.close()
        if self.user is not None:
            if self.user.total_changes > 0 or self._changed_elsewhere:
                try:
                    auto_backup(self.user, self.backup_dir)
                except BackupError as exc:
                    log.warning("关闭时的自动备份没有完成：%s", exc)
            self.user.close()
            self.user = None

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def user_db(self) -> sqlite3.Connection:
        if self.user is None:
            raise RuntimeError("没有打开用户数据库")
        return self.user

    def _databases(self) -> list[sqlite3.Connection]:
        """The reference data first, then the user's imported reports (if any)."""
        return [self.reference] + ([self.user] if self.user is not None else [])

    # Reports ----------------------------------------------------------------------------------

    def reports(self) -> list[ReportRecord]:
        found = [r for db in self._databases() for r in queries.reports(db)]
        return sorted(found, key=lambda r: (r.year, r.id))

    def report(self, key: str | None = None) -> ReportRecord:
        """A report by key, by an unambiguous start of its key, by slug or id; `latest` or None: the selected."""
        reports = self.reports()
        if not reports:
            raise UnknownReport("没有载入任何报告")
        if key is None:
            key = self.selected or LATEST
        if key == LATEST:
            return reports[-1]
        for match in ((r for r in reports if key in (r.key, r.slug, str(r.id))),
                      (r for r in reports if r.key.startswith(key))):
            found = list(match)
            if len(found) == 1:
                return found[0]
        names = "；".join(r.key for r in reports)
        raise UnknownReport(f"没有报告「{key}」（可选：{LATEST}；{names}）")

    def select(self, key: str) -> ReportRecord:
        """Show the report *key* from now on (UI selection, CLI --report)."""
        report = self.report(key)
        self.selected = report.key
        return report

    def is_imported(self, report: ReportRecord) -> bool:
        return self.user is not None and report.id in {r.id for r in queries.reports(self.user)}

    # Reads ------------------------------------------------------------------------------------

    def _only(self, report: str | None) -> int | None:
        return None if report is None else self.report(report).id

    def themes(self, report: str | None = None) -> list[ThemeRecord]:
        own = self._only(report)
        return [t for db in self._databases() for t in queries.themes(db) if own in (None, t.report_id)]

    def passages(self, report: str | None = None) -> list[PassageRecord]:
        own = self._only(report)
        return [p for db in self._databases() for p in queries.passages(db) if own in (None, p.report_id)]

    def figures(self, theme: str | None = None, period: int | None = None,
                kinds: Sequence[str] | None = None, report: str | None = None) -> list[FigureRecord]:
        """Figures of every report, or of *report* only (a key, `latest`)."""
        own = self._only(report)
        return [f for db in self._databases() for f in queries.figures(db, theme=theme, period=period, kinds=kinds)
                if own in (None, f.report_id)]

    def figure(self, key: str) -> FigureRecord | None:
        return next((f for f in self.figures() if f.key == key), None)

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

    def search(self, query: str, types: Sequence[str] | None = None, limit: int = 50,
               report: str | None = None) -> list[SearchHit]:
        """Hits of every report, or of *report* only (entities, shared by reports, are always kept)."""
        engines = [self.search_engine]
        if self.user is not None and self._user_indexed():
            engines.append(SearchEngine(self.user))
        hits = search_all(engines, query, types=types, limit=limit if report is None else 5000)
        own = self._only(report)
        if own is not None:
            hits = [h for h in hits if h.report_id in (None, own)]
        return hits[:limit]

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

    def targets(self, reports: Sequence[str] | None = None) -> list[TargetCheck]:
        """Each target against the next year's result, among all reports or the ones named."""
        from zzdesk.core.targets import check_targets

        chosen = self.reports() if reports is None else [self.report(key) for key in reports]
        ids = {r.id for r in chosen}
        return check_targets([f for f in self.figures() if f.report_id in ids], chosen)

    # Imports and removals ---------------------------------------------------------------------

    def is_loaded(self, parsed: ParsedReport) -> bool:
        """Whether this exact text is already loaded (bundled or imported): said before any review."""
        from zzdesk.core.importing import find_by_text

        return any(db is not None and find_by_text(db, parsed.text_sha256) is not None
                   for db in (self.user, self.reference))

    def preview_import(self, text: str) -> ParsedReport:
        """What an import of *text* would store, for the user to review; nothing is written."""
        from zzdesk.core.parsing.report import parse_report

        try:
            # Headings that name a theme already known (发展新质生产力) are filed under it.
            return parse_report(text, self.entities(), list(dict.fromkeys(t.name for t in self.themes())))
        except ValueError as exc:
            raise ImportRefused(str(exc)) from exc

    def preview_import_file(self, path: Path) -> ParsedReport:
        """preview_import of a .txt/.docx/PDF/OFD file, read through the bounded reader (regular files only)."""
        from zzdesk.core.parsing.decoding import DecodeError, read_report_file

        try:
            text = read_report_file(path)
        except DecodeError as exc:
            raise ImportRefused(f"{path.name}：{exc}") from exc
        try:
            return self.preview_import(text)
        except ImportRefused as exc:
            raise ImportRefused(f"{path.name}：{exc}") from exc

    def commit_import(self, parsed: ParsedReport) -> Changes:
        """Store a reviewed import in one transaction (AlreadyImported, ImportFailed on failure)."""
        from zzdesk.core.importing import store_import

        return _imported(parsed, store_import(self.user_db, parsed, self.reference))

    def import_job(self, parsed: ParsedReport) -> Callable[[], Changes]:
        """commit_import as work for another thread (the window's import, which must not stop the window):
        the paths are taken now, and the work opens its own connections, since a connection belongs to
        the thread that made it.  The search index is brought up to date in the same transaction.  Hand
        the Changes it returns to `took` on this Desk's thread."""
        if self.user_path is None:
            raise RuntimeError("没有打开用户数据库")
        user_path, reference_path = self.user_path, self.reference_path
        return lambda: commit_import_at(user_path, reference_path, parsed)

    def took(self, changes: Changes) -> Changes:
        """Changes another thread made to the user's data: the day's backup on close includes them."""
        self._changed_elsewhere = self._changed_elsewhere or bool(changes.reports or changes.briefings)
        return changes

    def removal_impact(self, key: str) -> RemovalImpact:
        report = self.report(key)
        users = tuple(b for b in self.briefings() if report.key in b.reports)
        return RemovalImpact(report, users)

    def remove_report(self, key: str, force: bool = False) -> Changes:
        """Remove an imported report.  Saved briefings that use it are never re-pointed: unless *force*,
        ReportInUse names them; with it, their items from the report print as missing."""
        from zzdesk.core.importing import remove_report

        impact = self.removal_impact(key)
        if not self.is_imported(impact.report):
            raise ReadOnlyReport(f"《{impact.report.title}》随程序提供，不能删除")
        if impact.briefings and not force:
            raise ReportInUse(impact.description)
        remove_report(self.user_db, impact.report.id)
        if self.selected == impact.report.key:
            self.selected = None
        return Changes(reports=(impact.report.key,), briefings=tuple(b.key for b in impact.briefings),
                       message=impact.description)

    # Saved briefings --------------------------------------------------------------------------

    def briefings(self) -> list[SavedBriefingInfo]:
        from zzdesk.core import briefing_store  # briefing code loads on first use, not at start-up

        return briefing_store.list_briefings(self.user_db) if self.user is not None else []

    def _briefing_id(self, key: str) -> int:
        from zzdesk.core import briefing_store

        found = briefing_store.find_briefing(self.user_db, key)
        if found is None:
            raise UnknownBriefing(f"没有已保存的简报「{key}」（zzdesk briefings 列出全部）")
        return found

    def open_briefing(self, key: str) -> BriefingSpec:
        from zzdesk.core import briefing_store

        return briefing_store.load_briefing(self.user_db, self._briefing_id(key))

    def pin_item(self, item: BriefingItem, report: str | None = None) -> BriefingItem:
        """*item* tied to a report: a theme, chart, entity or headlines item gets *report* (default: the
        selected one), a 目标完成 item the reports compared now.  Figures and passages carry theirs in
        their keys."""
        if item.kind == "targets" and not item.ref:
            item = replace(item, ref=",".join(r.key for r in self.reports()))
        if not item.report and item.kind not in ("figure", "passage"):
            item = replace(item, report=self.report(report).key)
        return item

    def pinned(self, spec: BriefingSpec) -> BriefingSpec:
        """*spec* with every item pinned and `reports` listing every report it draws on."""
        pinned = replace(spec, items=tuple(self.pin_item(i) for i in spec.items))
        return replace(pinned, reports=pinned.used_reports())

    def save_briefing(self, spec: BriefingSpec, key: str | None = None) -> Changes:
        """Save a new briefing (no key) or replace a saved one; the spec is pinned to its reports first."""
        from zzdesk.core import briefing_store

        spec = self.pinned(spec)
        briefing_id = None if key is None else self._briefing_id(key)
        saved = briefing_store.save_briefing(self.user_db, spec, briefing_id)
        saved_key = briefing_store.key_of(self.user_db, saved)
        return Changes(briefings=(saved_key,), message=f"已保存“{spec.title}”")

    def duplicate_briefing(self, key: str) -> Changes:
        from zzdesk.core import briefing_store

        copy = briefing_store.duplicate_briefing(self.user_db, self._briefing_id(key))
        return Changes(briefings=(briefing_store.key_of(self.user_db, copy),), message="已复制")

    def delete_briefing(self, key: str) -> tuple[Changes, BriefingSpec]:
        """Delete; the spec comes back so the caller can offer to undo (save it again)."""
        from zzdesk.core import briefing_store

        spec = briefing_store.delete_briefing(self.user_db, self._briefing_id(key))
        return Changes(briefings=(key,), message=f"已删除“{spec.title}”"), spec

    def briefing_data(self, spec: BriefingSpec) -> BriefingData:
        """The records a pinned briefing is built from: those of the reports it names, whatever is
        selected now.  A report that is gone contributes nothing, so its items print as missing."""
        known = {r.key: r for r in self.reports()}
        own = [known[key] for key in spec.reports if key in known]
        primary = own[0] if own else self.report()
        ids = {r.id for r in own}
        compared = [key for i in spec.items if i.kind == "targets" for key in i.ref.split(",") if key in known]
        checks = self.targets(list(dict.fromkeys(compared))) if compared else []
        from zzdesk.core.briefing import BriefingData

        # A trend item (one indicator across every loaded report) cites figures of all of them.
        trend = any(i.kind == "trend" for i in spec.items)
        figures = self.figures()
        return BriefingData(primary, [f for f in figures if f.report_id in ids],
                            [p for p in self.passages() if trend or p.report_id in ids], self.entities(), checks,
                            self.reports(), all_figures=figures if trend else ())

    def build_briefing(self, spec: BriefingSpec) -> Document:
        """The document of *spec* (pinned first if it is new): the same text whatever report is
        selected, items whose data is gone shown as missing."""
        from zzdesk.core.briefing import build_document

        pinned = self.pinned(spec)
        return build_document(pinned, self.briefing_data(pinned))

    # Backups and data packs (the safety code does the work; the Desk reopens what it replaced) ----

    def backup(self) -> Changes:
        from zzdesk.core.backup import make_backup

        path = make_backup(self.user_db, self.backup_dir)
        return Changes(files=(path,), message=f"已备份到 {path.name}")

    def restore(self, backup: Path) -> Changes:
        """Replace the user's data by a backup (the current data is backed up first)."""
        from zzdesk.core.backup import restore

        return self._replace_user_data(lambda user: restore(user, backup, self.backup_dir),
                                       f"已从备份 {backup.name} 恢复")

    def export_pack(self, target: Path, private_key: Path | None = None) -> Changes:
        from zzdesk.core.datapack import export_pack

        path = export_pack(self.user_db, target, private_key)
        return Changes(files=(path,), message=f"已导出全部用户数据到 {path}")

    def import_pack(self, pack: Path) -> Changes:
        """Replace the user's data by a data pack, verified against this PC's trusted keys."""
        from zzdesk.core.datapack import import_pack, read_trust

        return self._replace_user_data(
            lambda user: import_pack(pack, user, self.backup_dir, *read_trust(user.parent)),
            f"已导入数据包 {pack.name}")

    def _replace_user_data(self, replace_file: ReplaceFile, message: str) -> Changes:
        assert self.user_path is not None
        if self.user is not None:
            self.user.close()
            self.user = None
        try:
            replace_file(self.user_path)
        finally:
            self.user = open_user_db(self.user_path, self.reference_path)  # old or new: never left closed
        self.selected = None
        return Changes(everything=True, message=message)


class ImportRefused(UserError):
    """The text cannot be read as a report (no title, no year...)."""


def _imported(parsed: ParsedReport, written: Written) -> Changes:
    return Changes(reports=(written.key,), message=f"已导入《{parsed.title}》（{parsed.year}年）")


def commit_import_at(user_db: Path, reference_db: Path, parsed: ParsedReport) -> Changes:
    """Desk.commit_import on connections of its own, for a worker thread."""
    from zzdesk.core.importing import store_import

    reference = open_read_only(reference_db)
    try:
        user = open_user_db(user_db, reference_db)
        try:
            return _imported(parsed, store_import(user, parsed, reference))
        finally:
            user.close()
    finally:
        reference.close()


if TYPE_CHECKING:
    ReplaceFile = Callable[[Path], object]
