"""The review dialog as a person uses it: completion from the catalogue, known themes, Esc with unsaved
corrections, 已导入 before the review, and parsing in a worker thread that 取消 stops."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from zzdesk.core.errors import UserError
from zzdesk.core.parsing.report import ImportCancelled, ParsedReport, parse_report
from zzdesk.ui import import_dialog
from zzdesk.ui.data import AppData
from zzdesk.ui.import_dialog import ImportReviewDialog, IndicatorCompleter, cell, start_parse
from zzdesk.ui.main_window import MainWindow

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
TEXT = (REPORTS / "zhengzhou-2026-report.txt").read_text(encoding="utf-8")
KNOWN = ["稳中求进", "提振消费", "新质生产力", "创新引领"]


def parse_in_background(qtbot: QtBot, source: Path | str, data: AppData) -> ParsedReport | None:
    """start_parse, waited for: the report, None when cancelled; the failure's line raised as UserError."""
    outcome: list[ParsedReport | str | None] = []
    start_parse(None, source, data.entities, KNOWN, outcome.append, lambda message: outcome.append(f"!{message}"))
    qtbot.waitUntil(lambda: bool(outcome), timeout=60_000)
    if isinstance(outcome[0], str):
        raise UserError(outcome[0][1:])
    return outcome[0]


def _dialog(qtbot: QtBot, data: AppData) -> ImportReviewDialog:
    dialog = ImportReviewDialog(parse_report(TEXT, data.entities, KNOWN), None, KNOWN)
    qtbot.addWidget(dialog)
    return dialog


def _completions(completer: IndicatorCompleter, typed: str) -> list[str]:
    completer.setCompletionPrefix(typed)
    model = completer.completionModel()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_indicator_cells_complete_from_the_catalogue_by_chinese_alias_and_initials(
        qtbot: QtBot, data: AppData) -> None:
    dialog = _dialog(qtbot, data)
    completer = IndicatorCompleter(dialog.indicator_model)
    assert "社会消费品零售总额增速" in _completions(completer, "shxfp")  # pinyin initials
    assert "社会消费品零售总额" in _completions(completer, "社零")  # an alias
    assert "常住人口城镇化率" in _completions(completer, "城镇化")
    assert "规上工业增加值增速" in _completions(completer, "guishang")
    # The editor of an indicator cell carries that completer, and inserting gives the catalogue name.
    dialog.figures.editItem(cell(dialog.figures, 0, 2))
    editor = dialog.figures.focusWidget()
    assert editor is not None and isinstance(editor.completer(), IndicatorCompleter)  # type: ignore[attr-defined]
    index = completer.completionModel().index(0, 0)
    assert completer.pathFromIndex(index) == index.data()


def test_theme_column_offers_the_known_themes_and_headings_are_mapped(qtbot: QtBot, data: AppData) -> None:
    dialog = _dialog(qtbot, data)
    themes = dialog.figures.cellWidget(0, 1)
    assert isinstance(themes, QComboBox)
    assert themes.currentText() == "稳中求进"  # 稳中求进：总量迈上新台阶
    assert {themes.itemText(i) for i in range(themes.count())} >= set(KNOWN)
    themes.setCurrentText("新质生产力")  # a theme of the bundled report, not of this one
    result = dialog.result_report()
    assert result.figures[0].theme == "新质生产力" and "新质生产力" in result.themes


@pytest.mark.parametrize(("answer", "closed"), [(QMessageBox.StandardButton.Cancel, False),
                                                 (QMessageBox.StandardButton.Discard, True)])
def test_escape_with_unsaved_corrections_asks_first(qtbot: QtBot, data: AppData, monkeypatch: pytest.MonkeyPatch,
                                                    answer: QMessageBox.StandardButton, closed: bool) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, title, *_a: asked.append(title) or answer)
    dialog = _dialog(qtbot, data)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: closes without a question
    assert asked == [] and dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    dialog = _dialog(qtbot, data)
    dialog.show()
    cell(dialog.figures, 0, 2).setText("地区生产总值（核对）")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dialog.isVisible() is not closed


def test_already_imported_is_said_before_the_review(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                                    import_now: Callable[..., int | None]) -> None:
    reviews: list[ParsedReport] = []
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda self: reviews.append(self.parsed) or 1)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, _t: shown.append(title))
    assert import_now(window, TEXT, review=True) is not None and len(reviews) == 1
    assert import_now(window, TEXT, review=True) is None
    assert shown == ["已导入"] and len(reviews) == 1  # no second review to throw away


def test_parsing_runs_off_the_gui_thread_and_cancel_stops_it(qtbot: QtBot, data: AppData,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    stopped: list[bool] = []

    def slow_parse(text: str, _e: object, _t: object, should_stop: Callable[[], bool]) -> ParsedReport:
        give_up = time.monotonic() + 15  # so that a broken 取消 fails the test instead of hanging it
        while not should_stop() and time.monotonic() < give_up:  # a parse that goes on until stopped
            time.sleep(0.01)
        stopped.append(should_stop())
        raise ImportCancelled("已取消导入，没有做任何改动")

    monkeypatch.setattr(import_dialog, "parse_report", slow_parse)
    ticks: list[int] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(1))  # the GUI thread keeps serving events
    ticker.start(20)

    seen: list[bool] = []

    def press_cancel() -> None:
        for dialog in (w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)):
            seen.append(dialog.isVisible())
            button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消")
            button.click()

    QTimer.singleShot(800, press_cancel)
    assert parse_in_background(qtbot, TEXT, data) is None
    ticker.stop()
    assert stopped == [True]  # the worker was stopped by 取消, not by giving up
    assert seen == [True]  # the progress dialog with 取消 was on screen
    assert ticks  # timers ran in the GUI thread while the worker was busy


def test_background_parse_returns_the_report_or_raises_the_one_line(qtbot: QtBot, data: AppData,
                                                                    tmp_path: Path) -> None:
    parsed = parse_in_background(qtbot, REPORTS / "zhengzhou-2026-report.ofd", data)
    assert parsed is not None and parsed.region == "郑州市" and len(parsed.figures) == 35
    with pytest.raises(UserError, match="扫描件"):
        parse_in_background(qtbot, REPORTS / "scanned.pdf", data)
