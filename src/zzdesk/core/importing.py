"""Imported reports in the user's database: commit (one transaction), list, remove.

Imported rows get ids from 1,000,000 up, so they never collide with the bundled
reference data when both are shown together.  The user's search index is updated
for the report added or removed (in the same transaction), so imported reports are
found like the bundled one.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zzdesk.core.db import failure_line
from zzdesk.core.errors import UserError
from zzdesk.core.keys import DEFAULT_PLAN_LABEL, default_review_label
from zzdesk.core.parsing.report import ParsedReport
from zzdesk.core.writers_lock import DataFolderReadOnly, WritersBusy, lock_for

if TYPE_CHECKING:
    from zzdesk.core.writer import ReportContent, Written

USER_ID_BASE = 1_000_000
_SPACE = re.compile(r"\s+")


class AlreadyImported(UserError, ValueError):
    """The same text is already loaded; nothing was changed."""


class ImportFailed(UserError):
    """Storing failed (a full disk, a read-only folder); the transaction left nothing behind."""


@dataclass(frozen=True)
class ImportedReport:
    id: int
    title: str
    region: str
    year: int
    figures: int


def find_by_text(conn: sqlite3.Connection, sha256: str, text: str = "") -> int | None:
    """The report whose text is *text* (digest *sha256*), also when only its spacing differs: the same report
    read from a .txt and from a .docx breaks its lines differently."""
    row = conn.execute("SELECT id FROM reports WHERE text_sha256 = ?", (sha256,)).fetchone()
    if row is not None or not text:
        return None if row is None else int(row[0])
    words = _SPACE.sub("", text)
    return next((int(report_id) for report_id, stored in conn.execute("SELECT id, source_text FROM reports")
                 if _SPACE.sub("", stored) == words), None)


def _reindex(conn: sqlite3.Connection, report_id: int, entity_ids: set[int] | None = None) -> None:
    """Bring the search index up to date for the report added or removed (not a rebuild)."""
    from zzdesk.core.search.updating import update_for_report  # pypinyin loads only when indexing

    update_for_report(conn, report_id, entity_ids or ())


def content_of(parsed: ParsedReport) -> ReportContent:
    """A parsed (and reviewed) report as the writer takes it; the labels are the report's own when the
    parser found them, else those a report of its region would use."""
    from zzdesk.core.writer import ReportContent

    review_label = str(getattr(parsed, "review_label", "") or default_review_label(parsed.region))
    plan_label = str(getattr(parsed, "plan_label", "") or DEFAULT_PLAN_LABEL)
    return ReportContent(
        slug=f"import-{parsed.text_sha256[:12]}", title=parsed.title or f"{parsed.region}{parsed.year}年报告",
        region=parsed.region, year=parsed.year, review_year=parsed.review_year,
        kind=str(getattr(parsed, "kind", "") or "导入"), attribution="由用户导入", review_label=review_label,
        plan_label=plan_label, source_text=parsed.text, text_sha256=parsed.text_sha256, themes=parsed.themes,
        passages=parsed.passages, figures=parsed.figures, entities=parsed.entities)


def commit_import(conn: sqlite3.Connection, parsed: ParsedReport, reference: sqlite3.Connection | None = None,
                  ) -> int:
    """Store *parsed* (as reviewed) in the user database; all of it or, on any error, none of it."""
    return store_import(conn, parsed, reference).id


def store_import(conn: sqlite3.Connection, parsed: ParsedReport, reference: sqlite3.Connection | None = None,
                 ) -> Written:
    """commit_import, answering with the new report's id and content key."""
    from zzdesk.core.writer import taken_report_keys, write_report  # SQLAlchemy's tables: only when writing

    try:
        with lock_for(conn, "导入报告"):  # one writer at a time: a restore cannot overwrite this import
            for db in (conn, reference):
                if db is not None and find_by_text(db, parsed.text_sha256, parsed.text) is not None:
                    raise AlreadyImported("已导入：这份报告的文本已经在数据中，没有做任何改动")
            try:
                with conn:
                    written = write_report(conn, content_of(parsed), USER_ID_BASE, taken_report_keys(reference))
                    _reindex(conn, written.id)
                return written
            except sqlite3.Error as exc:
                raise ImportFailed(failure_line(exc) + "：导入没有完成，原有数据没有改动") from exc
    except (WritersBusy, DataFolderReadOnly) as exc:
        raise ImportFailed(f"{exc}：导入没有完成，原有数据没有改动") from exc


def imported_reports(conn: sqlite3.Connection) -> list[ImportedReport]:
    rows = conn.execute("SELECT r.id, r.title, r.region, r.year, count(f.id) FROM reports r "
                        "LEFT JOIN figures f ON f.report_id = r.id GROUP BY r.id ORDER BY r.year, r.id")
    return [ImportedReport(*row) for row in rows]


def remove_report(conn: sqlite3.Connection, report_id: int) -> None:
    """Remove an imported report and everything that came with it; entities no report mentions go too."""
    try:
        with lock_for(conn, "删除报告"), conn:
            _remove(conn, report_id)
    except sqlite3.Error as exc:
        raise ImportFailed(f"{failure_line(exc)}：报告没有删除，原有数据没有改动") from exc


def _remove(conn: sqlite3.Connection, report_id: int) -> None:
    if conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
        raise KeyError(f"没有编号为 {report_id} 的导入报告")
    from zzdesk.core.search.updating import mentioned_entities

    mentioned = mentioned_entities(conn, report_id)  # their search documents change
    conn.execute("DELETE FROM mentions WHERE passage_id IN (SELECT id FROM passages WHERE report_id = ?)",
                 (report_id,))
    for table in ("figures", "passages", "themes"):
        conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (report_id,))
    conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))
    conn.execute("DELETE FROM entity_aliases WHERE entity_id NOT IN (SELECT entity_id FROM mentions)")
    conn.execute("DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)")
    _reindex(conn, report_id, mentioned)
