"""The schema is written down once (zzdesk.core.models): every column a read names exists there, and every
read runs on a database made from the models (migrations are held to the same models in test_userdb)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zzdesk import paths
from zzdesk.core import queries
from zzdesk.core.db import open_writable
from zzdesk.core.models import Base
from zzdesk.core.queries import Join, Read
from zzdesk.core.records import ThemeRecord


def missing_columns(read: Read) -> list[str]:
    """The alias.column names of *read* that the models do not define."""
    tables = read.tables()
    out = []
    for name in read.referenced():
        alias, column = name.split(".")
        table = Base.metadata.tables.get(tables.get(alias, ""))
        if table is None or column not in table.columns:
            out.append(name)
    return out


@pytest.mark.parametrize("read", queries.READS, ids=lambda r: r.table)
def test_every_column_a_read_names_is_in_the_schema(read: Read) -> None:
    assert missing_columns(read) == []


def test_the_check_finds_a_column_the_schema_does_not_have() -> None:
    renamed = Read("themes", "t", ThemeRecord, order=("t.report_id", "t.rank"), columns={"order": "t.rank"})
    assert missing_columns(renamed) == ["t.rank", "t.rank"]
    wrong_join = Read("themes", "t", ThemeRecord, order=("t.position",), columns={"order": "t.position"},
                      joins=(Join("reports", "r", ("r.id", "t.report")),))
    assert missing_columns(wrong_join) == ["t.report"]


def test_every_read_runs_on_a_database_made_from_the_models(tmp_path: Path) -> None:
    engine = open_writable(tmp_path / "models.sqlite")
    Base.metadata.create_all(engine)
    engine.dispose()
    conn = sqlite3.connect(tmp_path / "models.sqlite")
    try:
        for read in queries.READS:
            assert read.records(conn) == []
        assert queries.figures(conn, theme="稳中求进", period=2025, kinds=["actual", "target"]) == []
        assert queries.entities(conn) == []
    finally:
        conn.close()


def test_reads_fill_every_field_of_their_records() -> None:
    """Read from the bundled data: fields come by name, so a record gets each column's own value."""
    conn = sqlite3.connect(f"{paths.reference_db_path().resolve().as_uri()}?mode=ro", uri=True)
    try:
        [report] = queries.reports(conn)
        row = conn.execute("SELECT slug, title, key, review_label, plan_label FROM reports").fetchone()
        assert (report.slug, report.title, report.key, report.review_label, report.plan_label) == row
        for figure in queries.figures(conn):
            row = conn.execute("SELECT indicator, written, quote, unit, qualifier, start, \"end\", passage_id "
                               "FROM figures WHERE key = ?", (figure.key,)).fetchone()
            assert (figure.indicator, figure.written, figure.quote, figure.unit, figure.qualifier, figure.start,
                    figure.end, figure.passage_id) == row
            assert isinstance(figure.value, float) and isinstance(figure.cumulative, bool)
        assert any(e.aliases for e in queries.entities(conn)) and all(e.mentions for e in queries.entities(conn))
    finally:
        conn.close()
