"""Exports say where they went and carry numbers as numbers; dialogs start in the last folder; counts follow filters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from zzdesk.ui import folders
from zzdesk.ui.figure_menu import COPY_TEXT
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.list_page import NUMBER_HEADER, ListPage


def test_export_dialog_starts_in_documents_then_the_last_folder_and_confirms(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = window.show_page("figures")
    assert isinstance(page, ListPage)
    asked: list[str] = []
    target = tmp_path / "导出" / "指标.xlsx"
    target.parent.mkdir()

    def fake_dialog(_parent: object, _caption: str, start: str, _pattern: str) -> tuple[str, str]:
        asked.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    page.export_dialog()
    qtbot.waitUntil(lambda: target.exists() and page.export_button.isEnabled(), timeout=10_000)
    assert Path(asked[0]).parent == folders.documents_folder()
    message = window.statusBar().currentMessage()
    assert str(target) in message and f"{page.proxy.rowCount()} 行" in message
    qtbot.wait(300)
    assert window.statusBar().currentMessage() == message  # it stays until something else is said
    page.export_dialog()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=10_000)
    assert Path(asked[1]).parent == target.parent


def test_exported_figures_carry_a_numeric_column(window: MainWindow, tmp_path: Path) -> None:
    page = window.show_page("figures")
    assert isinstance(page, ListPage)
    out = tmp_path / "指标.xlsx"
    page.export_to(out)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    header = list(rows[0])
    number = header.index(NUMBER_HEADER)
    assert header[number - 1] == "数值"
    body = [r for r in rows[1:page.proxy.rowCount() + 1]]
    assert all(isinstance(r[number], int | float) for r in body)
    gdp = next(r for r in body if r[0] == "地区生产总值增速" and r[header.index("年份")] == "2024")
    assert gdp[number - 1] == "增长5.7%" and gdp[number] == 5.7


def test_count_follows_the_filter(window: MainWindow) -> None:
    page = window.show_page("figures")
    assert isinstance(page, ListPage)
    total = page.model.rowCount()
    assert page.count_label.text().endswith(f"共 {total} 项")
    page.category_box.setCurrentIndex(page.category_box.findData("target"))
    page.apply_filters()
    shown = page.proxy.rowCount()
    assert 0 < shown < total and page.count_label.text().endswith(f"共 {shown} 项（全部 {total} 项）")


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_right_click_on_a_list_row_copies_the_figure_with_its_source(
        window: MainWindow, qtbot: QtBot, choose_from_menu: Callable[[str], None]) -> None:
    page = window.show_page("figures")
    assert isinstance(page, ListPage)
    qtbot.waitExposed(page.table)
    rect = page.table.visualRect(page.proxy.index(0, 0))
    record = page.model.record(page.proxy.mapToSource(page.proxy.index(0, 0)).row())
    choose_from_menu(COPY_TEXT)
    page.table.viewport().customContextMenuRequested.emit(QPoint(rect.center()))
    copied = QGuiApplication.clipboard().text().split("\n")
    assert copied[1] == f"原句：“{record.quote}”" and copied[2].startswith("出处：《")
