"""Background exports take their inputs before they start, and closing the window waits for the file."""

from __future__ import annotations

import csv
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from zzdesk.core.briefing import BriefingItem, Document
from zzdesk.export import tables
from zzdesk.ui import tasks
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.composer_page import ComposerPage, write_pdf_file
from zzdesk.ui.pages.list_page import ListPage
from zzdesk.ui.quitting import STAY, TITLE, FinishingDialog


def held(gate: threading.Event, write: Callable[..., object]) -> Callable[..., object]:
    def slow(*args: object) -> object:
        assert gate.wait(10), "the test never let the job go on"
        return write(*args)
    return slow


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def composer(window: MainWindow) -> ComposerPage:
    page = window.show_page("composer")
    assert isinstance(page, ComposerPage)
    return page


def test_list_export_writes_the_rows_shown_when_it_started(window: MainWindow, tmp_path: Path, qtbot: QtBot,
                                                           gate: threading.Event,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "write_csv", held(gate, tables.write_csv))
    page = window.show_page("figures")
    assert isinstance(page, ListPage)
    shown = page.proxy.rowCount()
    out = tmp_path / "指标.csv"
    page.export_in_background(out)
    page.theme_box.setCurrentIndex(1)  # the user narrows the list while the file is written
    page.apply_filters()
    assert page.proxy.rowCount() < shown
    gate.set()
    qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == shown + 1  # header + the rows shown at the start


def test_briefing_export_prints_the_form_as_it_was_at_the_start(window: MainWindow, tmp_path: Path,
                                                                qtbot: QtBot, gate: threading.Event) -> None:
    page = composer(window)
    page.title_edit.setText("导出时的标题")
    page.add_item(BriefingItem("theme", "提振消费"))
    out = tmp_path / "简报.pdf"
    page.export_in_background(out, held(gate, write_pdf_file))
    page.title_edit.setText("之后改的标题")
    gate.set()
    qtbot.waitUntil(lambda: not tasks.running(), timeout=20_000)
    text = pdf_text(out)
    assert "导出时的标题" in text and "之后改的标题" not in text


def test_closing_during_an_export_waits_and_finishes_the_file(window: MainWindow, tmp_path: Path, qtbot: QtBot,
                                                              gate: threading.Event) -> None:
    page = composer(window)
    page.title_edit.setText("关窗时正在导出")
    out = tmp_path / "简报.pdf"
    page.export_in_background(out, held(gate, write_pdf_file))
    window.close()
    assert window.isVisible() and not out.exists()  # still open: the file is being written
    dialog = window.findChild(FinishingDialog)
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == TITLE
    assert "简报.pdf" in dialog.labelText()
    gate.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert "关窗时正在导出" in pdf_text(out)


def test_choosing_to_stay_keeps_the_window_open(window: MainWindow, tmp_path: Path, qtbot: QtBot,
                                                gate: threading.Event) -> None:
    written: list[Document] = []
    composer(window).export_in_background(tmp_path / "a.pdf", held(gate, lambda doc, _path: written.append(doc)))
    window.close()
    dialog = window.findChild(FinishingDialog)
    assert dialog is not None
    [stay] = [b for b in dialog.findChildren(QPushButton) if b.text() == STAY]
    stay.click()
    gate.set()
    qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
    QApplication.processEvents()
    assert written and window.isVisible()  # the job finished, the window stayed
    window.close()
    assert not window.isVisible()
