"""The search popup: each hit names its report and year; arrow keys go from hit to hit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from zzdesk.core.search import SearchHit
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.search_box import HIT_ROLE


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
