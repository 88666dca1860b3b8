"""Exports say where they went and carry numbers as numbers; dialogs start in the last folder; counts follow filters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget
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
    assert Path(asked[0]).name == "指标（郑州市2025年）.xlsx"  # whose list: each report has one
    message = window.statusBar().currentMessage()
    assert str(target) in message and f"{page.proxy.rowCount()} 行" in message
    qtbot.wait(300)
    assert window.statusBar().currentMessage() == message  # it stays until something else is said
    page.export_dialog()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=10_000)
    assert Path(asked[1]).parent == target.parent


def exported_rows(window: MainWindow, key: str, path: Path) -> tuple[list[object], list[tuple[object, ...]]]:
    """The header and the body rows of list page *key* as exported to *path* (XLSX)."""
    page = window.show_page(key)
    assert isinstance(page, ListPage)
    page.export_to(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    return list(rows[0]), rows[1:page.proxy.rowCount() + 1]


def test_exported_figures_carry_a_numeric_column(window: MainWindow, tmp_path: Path) -> None:
    header, body = exported_rows(window, "figures", tmp_path / "指标.xlsx")
    number = header.index(NUMBER_HEADER)
    assert header[number - 1] == "数值"
    assert all(isinstance(r[number], int | float) for r in body)
    assert all(isinstance(r[header.index("年份")], int) for r in body)  # a spreadsheet can filter and sort by year
    gdp = next(r for r in body if r[0] == "地区生产总值增速" and r[header.index("年份")] == 2024)
    assert gdp[number - 1] == "增长5.7%" and gdp[number] == 5.7


def test_exported_mention_counts_are_numbers(window: MainWindow, tmp_path: Path) -> None:
    header, body = exported_rows(window, "initiatives", tmp_path / "举措.xlsx")
    mentions = header.index("提及")
    assert body and all(isinstance(r[mentions], int) and r[mentions] >= 1 for r in body)


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
        window: MainWindow, qtbot: QtBot, choose_from_menu: Callable[[str], None],
        right_click: Callable[[QWidget, QPoint], None]) -> None:
    page = window.show_page("figures")
    assert isinstance(page, ListPage)
    qtbot.waitExposed(page.table)
    rect = page.table.visualRect(page.proxy.index(1, 0))
    record = page.model.record(page.proxy.mapToSource(page.proxy.index(1, 0)).row())
    choose_from_menu(COPY_TEXT)
    right_click(page.table.viewport(), rect.center())
    copied = QGuiApplication.clipboard().text().split("\n")
    assert copied[1] == f"原句：“{record.quote}”" and copied[2].startswith("出处：《")


def test_without_a_documents_folder_dialogs_start_at_home_not_in_the_programs_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # a new account: no 文档 (Documents) folder yet
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setattr(folders, "_settings", None)
    assert not (tmp_path / "Documents").exists()
    assert folders.last_folder() == tmp_path
    (tmp_path / "Documents").mkdir()
    assert folders.last_folder() == tmp_path / "Documents"
