"""The search popup: each hit names its report and year; arrow keys go from hit to hit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from zzdesk.core.importing import commit_import
from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.parsing.report import parse_report
from zzdesk.core.search import SearchHit
from zzdesk.ui.data import AppData
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.search_box import HIT_ROLE

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def import_2026_report(data: AppData) -> None:
    text = read_report_bytes((REPORTS / "zhengzhou-2026-full.txt").read_bytes(), "zhengzhou-2026-full.txt")
    commit_import(data.store.user_db, parse_report(text, data.store.entities()), data.store.reference)
    data.reload()


def _hit_rows(window: MainWindow) -> list[tuple[str, str]]:
    tree = window.results.tree
    rows = []
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        assert head is not None
        for j in range(head.childCount()):
            item = head.child(j)
            rows.append((item.text(0), item.text(1)))
    return rows


def test_every_hit_names_its_report_and_year(window: MainWindow) -> None:
    window.search.setText("科技城")
    window.search.run_search()
    rows = _hit_rows(window)
    assert rows and all(source.startswith("2025年 政府工作报告") for _, source in rows)


def test_down_and_up_skip_group_headers(window: MainWindow, qtbot: QtBot) -> None:
    window.search.setText("科技城")  # several groups: 地点, 指标, 主题, 项目 …
    window.search.run_search()
    tree = window.results.tree
    assert tree.topLevelItemCount() >= 3
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    seen: list[SearchHit] = []
    for _ in range(len(_hit_rows(window)) + 2):  # past the end: stays on the last hit
        hit = window.results.current_hit()
        assert hit is not None, "the cursor stopped on a group header"
        if not seen or seen[-1] is not hit:
            seen.append(hit)
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert len(seen) == len(_hit_rows(window))  # every hit visited once, in order
    for _ in range(len(seen) - 1):
        qtbot.keyClick(tree, Qt.Key.Key_Up)
        item = tree.currentItem()
        assert item is not None and isinstance(item.data(0, HIT_ROLE), SearchHit)
    assert window.results.current_hit() is seen[0]
    qtbot.keyClick(tree, Qt.Key.Key_Up)  # above the first hit: back to the field
    assert window.search.hasFocus()


def test_a_hit_for_an_entity_both_reports_mention_is_told_in_the_selected_reports_words(
        window: MainWindow, data: AppData) -> None:
    import_2026_report(data)
    newer = next(r for r in data.reports if r.year == 2026)
    data.select(newer.id)
    own_words = [p.text for p in data.report_passages]
    for query in ("专精特新", "zz"):  # the same entity is in the 2025 report too, and found there first
        hits = [h for h in data.search(query) if h.type not in ("figure", "passage", "theme")]
        assert hits, query
        for hit in hits:
            assert (hit.report_id, hit.report_year, hit.report_title) == (newer.id, 2026, newer.title), hit
            assert any(hit.snippet.strip("…") in passage for passage in own_words), hit.snippet


def test_nothing_found_is_one_line_without_an_empty_list(window: MainWindow) -> None:
    window.search.setText("5565.9")  # in no report
    window.search.run_search()
    results = window.results
    assert results.isVisible() and results.summary.text().startswith("没有找到")
    assert not results.tree.isVisible() and results.height() < 3 * results.summary.sizeHint().height()
    window.search.setText("科技城")  # found again: the list is back
    window.search.run_search()
    assert results.tree.isVisible() and results.tree.height() > 100


def test_nothing_found_here_says_when_another_report_has_it(window: MainWindow, data: AppData) -> None:
    import_2026_report(data)
    data.select(next(r.id for r in data.reports if r.year == 2026))
    window.search.setText("5565.8")  # the 2025 report's 进出口总值, not in the 2026 one
    window.search.run_search()
    line = window.results.summary.text()
    assert line.startswith("当前报告中没有“5565.8”") and "其他报告中有" in line, line
    window.search.setText("5565.9")  # in no report
    window.search.run_search()
    assert window.results.summary.text().startswith("没有找到")
