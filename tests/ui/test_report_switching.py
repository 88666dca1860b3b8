"""Three reports loaded, switched in the toolbar: no screen shows a number under another report's name or year."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.indicators import describe
from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.records import KIND_LABELS, FigureRecord, ReportRecord
from zzdesk.core.safe_files import SaveError
from zzdesk.export.bullet_painter import values_text
from zzdesk.ui.cards import Card
from zzdesk.ui.chart_view import ChartView
from zzdesk.ui.data import AppData
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.composer_page import ComposerPage
from zzdesk.ui.pages.list_page import ListPage
from zzdesk.ui.pages.overview import OverviewPage
from zzdesk.ui.pages.targets_page import TargetsPage
from zzdesk.ui.pages.theme_page import ThemePage

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
TEXTS = ("zhengzhou-2026-full.txt", "zhengzhou-2027-brief.txt", "jinshui-2026-district.gb18030.txt")
CARD_LINE = re.compile(r"(\d{4})年(实绩|预计|目标)：(.+)")


@pytest.fixture
def four(window: MainWindow, import_now: Callable[..., int | None]) -> MainWindow:
    """The bundled 2025 report plus three imported ones (two of them for 2026, from two regions)."""
    for name in TEXTS:
        text = read_report_bytes((REPORTS / name).read_bytes(), name)
        assert import_now(window, text) is not None
    assert len(window.data.reports) == 4
    return window


def pick(window: MainWindow, report: ReportRecord) -> None:
    window.report_box.setCurrentIndex(window.report_box.findData(report.id))
    assert window.data.report == report


def assert_chart_is_of(chart: ChartView, report: ReportRecord, data: AppData) -> None:
    source = chart.findChild(QLabel, "sourceLine")
    assert source is not None and f"《{report.title}》（{report.year}年）" in source.text()
    for figure_id in chart.spec.figure_ids:
        assert data.figure_by_id[figure_id].report_id == report.id
    for series in chart.spec.series:  # 2024年实绩 holds 2024 figures only
        year = int(series.name[:4])
        assert all(bar.period == year for bar in series.bars if bar is not None), series


def assert_card_is_of(card: Card, figures: list[FigureRecord]) -> None:
    """Every "2025年实绩：增长5.6%" line on the card is a figure of this report, said the same way."""
    for label in card.findChildren(QLabel):
        match = CARD_LINE.fullmatch(label.text())
        if match:
            period, kind, value = int(match[1]), match[2], match[3]
            assert any(f.period == period and KIND_LABELS[f.kind] == kind and describe(f) == value
                       for f in figures), label.text()


def test_every_view_shows_only_the_selected_report(four: MainWindow) -> None:
    window, data = four, four.data
    for report in data.reports:
        pick(window, report)
        own = [f for f in data.figures if f.report_id == report.id]
        own_passages = {p.id for p in data.passages if p.report_id == report.id}
        assert f"《{report.title}》" in window.windowTitle() and f"{report.year}年" in window.windowTitle()

        overview = window.show_page("overview")
        assert isinstance(overview, OverviewPage)
        assert report.title in overview.findChild(QLabel, "pageTitle").text()
        for card in overview.cards:
            assert card.figure_id is None or data.figure_by_id[card.figure_id].report_id == report.id
            assert_card_is_of(card, own)
        for chart in overview.charts:
            assert_chart_is_of(chart, report, data)

        themes = [k for k in window.page_keys() if k.startswith("theme:")]
        assert themes == [f"theme:{t.name}" for t in data.themes if t.report_id == report.id]
        for key in themes:
            page = window.show_page(key)
            assert isinstance(page, ThemePage)
            assert {p.id for p in page.text.passages} <= own_passages
            assert all(data.figure_by_id[i].report_id == report.id for i in page.cards)
            for chart in page.charts:
                assert_chart_is_of(chart, report, data)

        figures = window.show_page("figures")
        assert isinstance(figures, ListPage)
        assert [r.id for r in figures.model.records] == [f.id for f in own]
        if own:
            figures.table.selectRow(0)
            assert report.title in figures.detail.toPlainText()
        for key in ("projects", "enterprises", "initiatives"):
            entities = window.show_page(key)
            assert isinstance(entities, ListPage)
            for entity in entities.model.records:
                assert entity.mentions and all(m.passage_id in own_passages for m in entity.mentions)
        for hit in data.search("增长") + data.search("郑州"):
            if hit.report_id is not None and hit.type in ("figure", "passage", "theme"):
                assert hit.report_id == report.id


def test_2025_selected_after_importing_2026_shows_2025_figures(four: MainWindow) -> None:
    window, data = four, four.data
    bundled = data.reports[0]
    pick(window, bundled)
    overview = window.show_page("overview")
    assert isinstance(overview, OverviewPage)
    lines = [label.text() for card in overview.cards for label in card.findChildren(QLabel)]
    assert "2024年实绩：增长5.7%" in lines and "2025年目标：增长6%左右" in lines
    assert not any(line.startswith(("2025年实绩", "2026年")) for line in lines)  # nothing of the 2026 reports


def test_menu_and_shortcuts_follow_the_report(four: MainWindow) -> None:
    window, data = four, four.data
    for report in (data.reports[0], data.reports[-1]):
        pick(window, report)
        assert [a.data() for a in window.page_actions] == window.page_keys()
        first_theme = next(t.name for t in data.themes if t.report_id == report.id)
        ctrl2 = next(a for a in window.page_actions if a.shortcut() == QKeySequence("Ctrl+2"))
        assert ctrl2.text() == first_theme
        ctrl2.trigger()
        assert window.current_key() == f"theme:{first_theme}"
        shortcuts = [a.shortcut().toString() for a in window.page_actions if not a.shortcut().isEmpty()]
        assert len(shortcuts) == len(set(shortcuts))  # the old report's actions are gone, not doubled


def test_targets_label_each_number_with_its_report(four: MainWindow) -> None:
    window, data = four, four.data
    zz2026 = next(r for r in data.reports if r.year == 2026 and r.region == "郑州市")
    pick(window, zz2026)
    page = window.show_page("targets")
    assert isinstance(page, TargetsPage)
    judged = [r for r in range(page.table.rowCount()) if page.table.item(r, 3).text() != "—"]
    assert judged
    for row in range(page.table.rowCount()):
        target, actual = page.table.item(row, 2).text(), page.table.item(row, 3).text()
        assert re.search(r"〔\d{4}年报告〕$", target), target
        assert actual == "—" or re.search(r"〔\d{4}年报告〕$", actual), actual
        assert page.table.item(row, 7).text().startswith("《")
    for check in page.checks:  # each check involves the selected report
        assert zz2026.id in (check.target_report.id, check.actual_report.id if check.actual_report else None)
    # The bullet chart: each row's numbers say their report's year, as the table does, and the line under
    # the chart names every report those years stand for.
    assert len(page.chart.rows) == len(judged)
    table_rows = {(page.table.item(r, 0).text(), page.table.item(r, 1).text()):
                  (page.table.item(r, 2).text(), page.table.item(r, 3).text()) for r in judged}
    for row in page.chart.rows:
        target, actual = table_rows[(row.indicator, str(row.period))]
        shown = values_text(row)
        assert shown.endswith(f"{row.target}〔{row.target_report}〕") and target.endswith(f"〔{row.target_report}〕")
        assert actual.endswith(f"〔{row.actual_report}〕") and f"〔{row.actual_report}〕 / " in shown
    reports = {r.id: r for c in page.checks if c.actual is not None for r in (c.target_report, c.actual_report)
               if r is not None}
    assert sorted(r.year for r in reports.values()) == [2025, 2026, 2027]  # its targets' results, and its own
    for report in reports.values():
        named = f"〔{report.year}年报告〕《{report.title}》（{report.region}，{report.year}年）"
        assert named in page.chart_sources.text()


def test_selected_report_and_briefing_are_remembered(four: MainWindow, qtbot: QtBot, user_home: Path) -> None:
    window, data = four, four.data
    chosen = data.reports[1]
    pick(window, chosen)
    composer = window.composer()
    composer.new_briefing()  # type: ignore[attr-defined]
    composer.title_edit.setText("记住这一份")  # type: ignore[attr-defined]
    remembered = composer.current_id  # type: ignore[attr-defined]
    window.close()
    again_data = AppData(data.store)
    again = MainWindow(again_data, user_home / "window.ini")
    qtbot.addWidget(again)
    assert again_data.report.id == chosen.id
    assert chosen.title in again.windowTitle()
    page = again.composer()
    assert page.current_id == remembered and page.title_edit.text() == "记住这一份"  # type: ignore[attr-defined]


def test_removing_a_report_names_the_briefings_that_use_it(four: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                                           ) -> None:
    window, data = four, four.data
    doomed = data.reports[-1]
    pick(window, doomed)
    desk = data.store
    desk.save_briefing(BriefingSpec("第3期", (BriefingItem("figure", data.report_figures[0].key),)))
    desk.save_briefing(BriefingSpec("只用内置报告", (BriefingItem("figure", data.figures[0].key),)))
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.report_actions.remove_current()
    assert "“第3期”" in asked[0] and "只用内置报告" not in asked[0] and "不会改用其他报告" in asked[0]
    assert doomed in data.reports  # said no: nothing removed
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    window.report_actions.remove_current()
    assert doomed not in data.reports
    assert {b.title for b in desk.briefings()} >= {"第3期", "只用内置报告"}  # the briefings stay
    composer = window.composer()
    assert isinstance(composer, ComposerPage)
    composer.open_saved(next(b.id for b in desk.briefings() if b.title == "第3期"))
    assert [composer.items.item(i).text() for i in range(composer.items.count())] == ["（已不存在的指标）"]


def test_chart_png_is_written_whole_or_not_at_all(four: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    window, data = four, four.data
    pick(window, data.reports[0])
    overview = window.show_page("overview")
    assert isinstance(overview, OverviewPage)
    [chart] = overview.charts
    qtbot.waitUntil(lambda: chart.isVisible() and chart.width() > 300)
    assert_chart_is_of(chart, data.reports[0], data)  # the 来源 line drawn into the PNG names this report
    out = tmp_path / "图表.png"
    assert chart.save_png(str(out)) and QImage(str(out)).width() == 2 * chart.width()
    with pytest.raises(SaveError) as refused:
        chart.save_png(str(tmp_path / "没有这个文件夹" / "图表.png"))
    assert "\n" not in str(refused.value) and not (tmp_path / "没有这个文件夹").exists()
