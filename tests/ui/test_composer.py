"""The briefing composer: items from anywhere, saving, reopening, duplicating, deleting, exporting."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from zzdesk.core.briefing import BriefingItem
from zzdesk.core.briefing_store import list_briefings, load_briefing
from zzdesk.ui.data import AppData
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.composer_page import ComposerPage
from zzdesk.ui.pages.list_page import ListPage
from zzdesk.ui.pages.theme_page import ThemePage


def composer(window: MainWindow) -> ComposerPage:
    page = window.show_page("composer")
    assert isinstance(page, ComposerPage)
    return page


def test_new_briefing_is_saved_automatically(window: MainWindow, data: AppData, qtbot: QtBot) -> None:
    page = composer(window)
    page.title_edit.setText("经济运行情况")
    page.issuer_edit.setText("市政府研究室")
    page.copies_box.setValue(80)
    qtbot.waitUntil(lambda: not page._autosave.isActive(), timeout=3000)
    spec = load_briefing(data.store.user_db, page.current_id or 0)
    assert (spec.title, spec.issuer, spec.copies) == ("经济运行情况", "市政府研究室", 80)


def test_add_from_anywhere_and_reorder(window: MainWindow, data: AppData) -> None:
    theme = window.show_page("theme:提振消费")
    assert isinstance(theme, ThemePage)
    theme.briefingItem.emit(BriefingItem("theme", "提振消费"))
    assert window.statusBar().currentMessage().startswith("已加入简报")
    figures = window.show_page("figures")
    assert isinstance(figures, ListPage)
    figures.table.selectRow(0)
    figures.add_current_to_briefing()
    page = composer(window)
    assert [page.items.item(i).text() for i in range(page.items.count())][-2:] == [
        "主题：提振消费（原文、指标、图表） · 郑州市2025年报告",
        f"指标：{data.figures[0].indicator}（2024年实绩，郑州市2025年报告）"]
    page.items.setCurrentRow(page.items.count() - 1)
    page._move(-1)
    assert [i.kind for i in page.spec().items[-2:]] == ["figure", "theme"]


def test_saved_briefings_reopen_duplicate_delete_and_undo(window: MainWindow, data: AppData,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    page = composer(window)
    page.title_edit.setText("第一份")
    page.add_item(BriefingItem("theme", "创新引领"))
    first = page.save()
    page.duplicate_current()
    assert page.title_edit.text() == "第一份（副本）" and page.current_id != first
    page.open_briefing(first)
    assert page.title_edit.text() == "第一份" and [i.kind for i in page.spec().items] == ["headlines", "theme"]
    key = next(b.key for b in list_briefings(data.store.user_db) if b.id == first)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_current()
    titles = [b.title for b in list_briefings(data.store.user_db)]
    assert "第一份" not in titles and "第一份（副本）" in titles
    assert window.undo_action.isEnabled()
    window.undo()
    back = [b for b in list_briefings(data.store.user_db) if b.title == "第一份"]
    assert [b.key for b in back] == [key]  # under the key it had: `zzdesk briefing --saved KEY` still finds it


def test_declining_the_confirmation_keeps_the_briefing(window: MainWindow, data: AppData,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    page = composer(window)
    page.title_edit.setText("留着")
    page.save()
    before = len(list_briefings(data.store.user_db))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.delete_current()
    assert len(list_briefings(data.store.user_db)) == before


def test_changes_are_saved_on_close(data: AppData, qtbot: QtBot, user_home: Path) -> None:
    window = MainWindow(data, user_home / "window.ini")
    qtbot.addWidget(window)
    page = composer(window)
    page.title_edit.setText("关窗前最后一笔")
    window.close()
    assert "关窗前最后一笔" in [b.title for b in list_briefings(data.store.user_db)]


def test_export_pdf_and_docx_from_the_composer(window: MainWindow, tmp_path: Path) -> None:
    page = composer(window)
    page.title_edit.setText("从界面导出")
    page.add_item(BriefingItem("theme", "稳中求进"))
    pages = page.export_pdf(tmp_path / "a.pdf")
    assert pages >= 2
    text = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "从界面导出" in text and "稳中求进" in text
    page.export_docx(tmp_path / "a.docx")
    assert (tmp_path / "a.docx").stat().st_size > 10_000


def test_printing_without_a_printer_does_not_crash(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from zzdesk.export import printing

    shown: list[str] = []
    monkeypatch.setattr(printing, "has_printer", lambda: False)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, _text: shown.append(title))
    composer(window).print_dialog()
    assert shown == ["没有打印机"]


def test_print_path_renders_onto_a_printer_device(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from zzdesk.export.printing import new_printer, print_document

    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_document(composer(window).document(), printer) >= 1
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000


def test_ctrl_b_adds_the_current_theme(window: MainWindow, qtbot: QtBot) -> None:
    window.show_page("theme:新质生产力")
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    page = composer(window)
    assert page.items.item(page.items.count() - 1).text().startswith("主题：新质生产力")


def test_preview_paints_every_page(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    page = composer(window)
    page.add_item(BriefingItem("theme", "提振消费"))
    dialog = page.preview_dialog()
    qtbot.addWidget(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    preview.updatePreview()
    assert preview.pageCount() >= 3


def test_a_paragraph_of_the_report_can_be_added(window: MainWindow, data: AppData) -> None:
    from zzdesk.ui.pages.report_page import ReportPage

    report = window.show_page("report")
    assert isinstance(report, ReportPage)
    passage = next(p for p in data.passages if p.theme == "创新引领" and p.section == "plan")
    report.text.show_passage(passage.id)
    block = report.text.document().begin()
    while block.isValid() and block.text() != passage.text:
        block = block.next()
    assert block.isValid()
    point = report.text.cursorRect(QTextCursor(block)).center()
    assert report.text.passage_at(point) == passage.id
    report.text.addPassage.emit(passage.id)
    page = composer(window)
    assert page.spec().items[-1] == BriefingItem("passage", passage.key)
    assert page.items.item(page.items.count() - 1).text().startswith("原文段落：2025年，郑州将强化创新驱动")


def test_items_name_their_report_and_say_when_it_was_removed(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                                             import_now: Callable[..., int | None]) -> None:
    text = (Path(__file__).resolve().parents[1] / "data" / "reports" / "zhengzhou-2026-full.txt").read_text("utf-8")
    assert import_now(window, text) is not None  # now showing the 2026 report
    window.select_report(window.data.reports[-1].id)
    page = composer(window)
    page.add_item(BriefingItem("theme", "产业发展"))
    initiative = next(e for e in window.data.report_entities if e.type == "initiative")
    page.add_item(BriefingItem("entity", initiative.key))
    shown = [page.items.item(i).text() for i in range(page.items.count())][-2:]
    assert shown == ["主题：产业发展（原文、指标、图表） · 郑州市2026年报告",
                     f"举措：{initiative.name} · 郑州市2026年报告"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.report_actions.remove_current()
    page = composer(window)
    shown = [page.items.item(i).text() for i in range(page.items.count())][-2:]
    assert shown == ["主题：产业发展（原文、指标、图表）（所用报告已删除）", "（已不存在的条目）（所用报告已删除）"]
