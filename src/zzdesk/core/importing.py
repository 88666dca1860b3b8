"""Imported reports in the user's database: commit (one transaction), list, remove.

Imported rows get ids from 1,000,000 up, so they never collide with the bundled
reference data when both are shown together.  The user's search index is updated
for the report added or removed (in the same transaction), so imported reports are
found like the bundled one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from zzdesk.core.db import failure_line
from zzdesk.core.errors import UserError
from zzdesk.core.parsing.report import ParsedReport
from zzdesk.core.writers_lock import DataFolderReadOnly, WritersBusy, lock_for

USER_ID_BASE = 1_000_000
TABLES = ("reports", "themes", "passages", "figures", "entities", "entity_aliases", "mentions")


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


def _next_ids(conn: sqlite3.Connection) -> dict[str, int]:
    return {table: max(conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0], USER_ID_BASE - 1)
            + 1 for table in TABLES}


def find_by_text(conn: sqlite3.Connection, sha256: str) -> int | None:
    row = conn.execute("SELECT id FROM reports WHERE text_sha256 = ?", (sha256,)).fetchone()
    return None if row is None else int(row[0])


def _reindex(conn: sqlite3.Connection, report_id: int, entity_ids: set[int] | None = None) -> None:
    from zzdesk.core.search.updating import update_for_report  # pypinyin loads only when indexing

    update_for_report(conn, report_id, entity_ids or ())


def commit_import(conn: sqlite3.Connection, parsed: ParsedReport, reference: sqlite3.Connection | None = None,
                  ) -> int:
    """Store *parsed* (as reviewed) in the user database; all of it or, on any error, none of it."""
    try:
        with lock_for(conn, "导入报告"):  # one writer at a time: a restore cannot overwrite this import
            for db in (conn, reference):
                if db is not None and find_by_text(db, parsed.text_sha256) is not None:
                    raise AlreadyImported("已导入：这份报告的文本已经在数据中，没有做任何改动")
            try:
                return _store(conn, parsed)
            except sqlite3.Error as exc:
                raise ImportFailed(failure_line(exc) + "：导入没有完成，原有数据没有改动") from exc
    except (WritersBusy, DataFolderReadOnly) as exc:
        raise ImportFailed(f"{exc}：导入没有完成，原有数据没有改动") from exc


def _store(conn: sqlite3.Connection, parsed: ParsedReport) -> int:
    with conn:
        ids = _next_ids(conn)
        report_id = ids["reports"]
        conn.execute(
            "INSERT INTO reports (id, slug, title, region, year, review_year, kind, attribution, source_text, "
            "text_sha256) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (report_id, f"import-{parsed.text_sha256[:12]}", parsed.title or f"{parsed.region}{parsed.year}年报告",
             parsed.region, parsed.year, parsed.review_year, "导入", "由用户导入", parsed.text, parsed.text_sha256))
        theme_ids: dict[str, int] = {}
        for position, name in enumerate(parsed.themes, start=1):
            theme_ids[name] = ids["themes"] + position - 1
            conn.execute("INSERT INTO themes (id, report_id, name, position) VALUES (?,?,?,?)",
                         (theme_ids[name], report_id, name, position))
        passage_ids: list[int] = []
        for position, passage in enumerate(parsed.passages, start=1):
            passage_ids.append(ids["passages"] + position - 1)
            conn.execute("INSERT INTO passages (id, report_id, theme_id, section, position, text) VALUES (?,?,?,?,?,?)",
                         (passage_ids[-1], report_id, theme_ids.get(passage.theme or ""), passage.section,
                          position, passage.text))
        for position, f in enumerate(parsed.figures, start=1):
            if f.theme not in theme_ids:
                continue  # a figure whose theme the reviewer removed
            conn.execute(
                "INSERT INTO figures (id, report_id, theme_id, passage_id, position, indicator, period, kind, value, "
                "value_high, unit, qualifier, cumulative, written, quote, start, end) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (ids["figures"] + position - 1, report_id, theme_ids[f.theme], passage_ids[f.passage], position,
                 f.indicator, f.period, f.kind, f.value, f.value_high, f.unit, f.qualifier, f.cumulative, f.written,
                 f.quote, f.start, f.start + len(f.written)))
        entity_id, alias_id, mention_id = ids["entities"], ids["entity_aliases"], ids["mentions"]
        for e in parsed.entities:
            row = conn.execute("SELECT id FROM entities WHERE name = ?", (e.name,)).fetchone()
            if row is None:
                conn.execute("INSERT INTO entities (id, name, type) VALUES (?,?,?)", (entity_id, e.name, e.type))
                for position, alias in enumerate(e.aliases):
                    conn.execute("INSERT INTO entity_aliases (id, entity_id, alias, position) VALUES (?,?,?,?)",
                                 (alias_id, entity_id, alias, position))
                    alias_id += 1
                own_id, entity_id = entity_id, entity_id + 1
            else:
                own_id = int(row[0])
            for quote in e.quotes:
                for index, passage in enumerate(parsed.passages):
                    at = passage.text.find(quote)
                    if at >= 0:
                        conn.execute("INSERT OR IGNORE INTO mentions (id, entity_id, passage_id, quote, start, end) "
                                     "VALUES (?,?,?,?,?,?)", (mention_id, own_id, passage_ids[index], quote, at,
                                                              at + len(quote)))
                        mention_id += 1
                        break
        _reindex(conn, report_id)
    return report_id


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
