"""Importing a newer report in the app: review dialog, switcher, targets page, removal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from zzdesk.core.parsing.report import parse_report
from zzdesk.ui.data import AppData
from zzdesk.ui.import_dialog import ImportReviewDialog, cell
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.targets_page import TargetsPage

ImportNow = Callable[..., int | None]
REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
FULL = (REPORTS / "zhengzhou-2026-full.txt").read_text(encoding="utf-8")


def test_review_dialog_corrects_drops_and_adds(qtbot: QtBot, data: AppData) -> None:
    dialog = ImportReviewDialog(parse_report(FULL, data.entities))
    qtbot.addWidget(dialog)
    figures = dialog.figures
    assert figures.rowCount() == 18
    cell(figures, 0, 0).setCheckState(Qt.CheckState.Unchecked)  # drop the first figure
    cell(figures, 1, 5).setText("10.3")  # correct a value
    kinds = figures.cellWidget(2, 4)
    assert isinstance(kinds, QComboBox)
    kinds.setCurrentIndex(kinds.findData("expected"))
    figures.selectRow(3)
    shown = cell(figures, 3, 0).data(Qt.ItemDataRole.UserRole)
    assert dialog.source.textCursor().selectedText() == shown.quote  # its sentence is selected in the text
    assert "社会消费品零售总额增长6.3%" in shown.quote
    # Select a number in the source text and add it as a figure.
    cursor = dialog.source.document().find("签约额2712.5亿元")
    dialog.source.setTextCursor(cursor)
    dialog.add_from_selection()
    assert figures.rowCount() == 19
    dialog.title_edit.setText("郑州市2026年政府工作报告（核对后）")
    result = dialog.result_report()
    assert result.title == "郑州市2026年政府工作报告（核对后）"
    assert len(result.figures) == 18
    assert result.figures[0].value == 10.3 and result.figures[1].kind == "expected"
    assert result.figures[-1].value == 2712.5 and result.figures[-1].unit == "亿元"


def test_import_switches_to_the_new_report_and_targets_follow(window: MainWindow, data: AppData,
                                                              import_now: ImportNow) -> None:
    report_id = import_now(window, FULL)
    assert report_id is not None and window.data.report.id == report_id
    assert [window.report_box.itemData(i) for i in range(window.report_box.count())] == [1, report_id]
    assert "theme:产业发展" in window.page_keys()
    page = window.show_page("targets")
    assert isinstance(page, TargetsPage)
    statuses = {page.table.item(r, 0).text() + str(page.table.item(r, 1).text()): page.table.item(r, 4).text()
                for r in range(page.table.rowCount())}
    assert statuses["固定资产投资增速2025"] == "未达标" and statuses["地区生产总值增速2025"] == "达标"
    assert page.chart.rows and all(r.actual_value is not None for r in page.chart.rows)
    # Back to the bundled report from the switcher.
    window.report_box.setCurrentIndex(0)
    assert window.data.report.id == 1 and "theme:稳中求进" in window.page_keys()


def test_same_text_twice_says_already_imported(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                               import_now: ImportNow) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, _t: shown.append(title))
    assert import_now(window, FULL) is not None
    assert import_now(window, FULL) is None
    assert shown == ["已导入"]


def test_remove_imported_report(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                import_now: ImportNow) -> None:
    assert import_now(window, FULL) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.report_actions.remove_current()
    assert [r.id for r in window.data.reports] == [1]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, _t: shown.append(title))
    window.report_actions.remove_current()  # the bundled report cannot be removed
    assert shown == ["不能删除"] and [r.id for r in window.data.reports] == [1]


def test_dropping_a_bad_file_gives_a_message(window: MainWindow, tmp_path: Path, qtbot: QtBot,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _title, text: warnings.append(text))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bad))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: not window.report_actions.importing)
    assert warnings and "二进制" in warnings[0]
    assert [r.id for r in window.data.reports] == [1]


def test_clipboard_import_with_nothing_copied(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    QApplication.clipboard().setText("")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, _t: shown.append(title))
    window.report_actions.import_clipboard()
    assert shown == ["剪贴板是空的"]
