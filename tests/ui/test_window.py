"""The main window driven as a user drives it: navigation, search, jumps, lists, charts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zzdesk.ui.data import AppData
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.pages.list_page import ListPage
from zzdesk.ui.pages.overview import OverviewPage
from zzdesk.ui.pages.report_page import ReportPage
from zzdesk.ui.pages.theme_page import ThemePage


def test_navigation_lists_every_theme_from_the_database(window: MainWindow, data: AppData) -> None:
    keys = window.page_keys()
    assert keys[0] == "overview"
    assert [k.removeprefix("theme:") for k in keys if k.startswith("theme:")] == data.theme_names()
    assert {"report", "projects", "enterprises", "initiatives", "figures"} <= set(keys)
    for key in keys:
        assert window.show_page(key) is window.stack.currentWidget()
        assert window.current_key() == key


def test_overview_has_headline_cards_and_chart(window: MainWindow) -> None:
    page = window.show_page("overview")
    assert isinstance(page, OverviewPage)
    titles = [c.findChild(type(c.box.itemAt(0).widget())).text() for c in page.cards]
    assert titles == ["地区生产总值", "规上工业增加值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入",
                      "研发投入强度"]
    [chart] = page.charts
    assert chart.spec.unit == "%" and len(chart.spec.series) == 2
    assert "来源" in chart.spec.source


def test_chart_saves_png_and_copies(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    page = window.show_page("overview")
    assert isinstance(page, OverviewPage)
    chart = page.charts[0]
    qtbot.waitUntil(lambda: chart.isVisible() and chart.width() > 700)
    out = tmp_path / "图表.png"
    assert chart.save_png(str(out))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (2 * chart.width(), 2 * chart.height())  # 2x for print
    QApplication.clipboard().setPixmap(chart.image())
    assert not QApplication.clipboard().pixmap().isNull()


def test_clicking_a_figure_in_the_text_shows_its_sentence(window: MainWindow, data: AppData) -> None:
    page = window.show_page("theme:提振消费")
    assert isinstance(page, ThemePage)
    figure = next(f for f in data.figures if f.indicator == "丹尼斯大卫城销售额")
    assert f'href="figure:{figure.id}"' in page.text.toHtml() or f"figure:{figure.id}" in page.text.toHtml()
    page.text.anchorClicked.emit(QUrl(f"figure:{figure.id}"))
    html = page.detail.toHtml()
    assert "丹尼斯大卫城销售额突破百亿元" in page.detail.toPlainText()
    assert "突破百亿元" in html
    assert page.cards[figure.id].property("selected") == "true"


def test_theme_page_charts_never_mix_units(window: MainWindow, data: AppData) -> None:
    for name in data.theme_names():
        page = window.show_page(f"theme:{name}")
        assert isinstance(page, ThemePage)
        for chart in page.charts:
            units = {data.figure_by_id[i].unit for i in chart.spec.figure_ids}
            assert units == {chart.spec.unit}, chart.spec.title


def test_search_opens_an_enterprise_in_its_list(window: MainWindow, qtbot: QtBot) -> None:
    window.focus_search()
    window.search.setText("cjb")
    window.search.run_search()
    assert window.results.isVisible()
    assert window.results.current_hit() is not None and window.results.current_hit().name == "超聚变"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    page = window.stack.currentWidget()
    assert isinstance(page, ListPage) and page.key == "enterprises"
    record = page.current_record()
    assert record is not None and record.name == "超聚变"  # type: ignore[union-attr]
    assert "超聚变" in page.detail.toPlainText() and not window.results.isVisible()


def test_search_arrow_keys_and_escape(window: MainWindow, qtbot: QtBot) -> None:
    window.search.setText("消费")
    window.search.run_search()
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.results.tree.hasFocus() or QApplication.focusWidget() is window.results.tree
    qtbot.keyClick(window.results.tree, Qt.Key.Key_Down)
    second = window.results.current_hit()
    assert second is not None
    qtbot.keyClick(window.results.tree, Qt.Key.Key_Escape)
    assert not window.results.isVisible()


def test_search_result_for_a_figure_opens_its_theme(window: MainWindow) -> None:
    window.search.setText("5565.8")
    window.search.run_search()
    hit = window.results.current_hit()
    assert hit is not None and hit.type == "figure"
    window.open_hit(hit)
    page = window.stack.currentWidget()
    assert isinstance(page, ThemePage) and page.theme == "稳中求进"
    assert "进出口总值5565.8亿元" in page.detail.toPlainText()


def test_shortcuts(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "theme:稳中求进"
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()


def test_list_filter_uses_the_search_engine(window: MainWindow) -> None:
    page = window.show_page("projects")
    assert isinstance(page, ListPage)
    shown = {}
    for query in ("zykjc", "科技城"):  # the filter offers them as equivalents: the same rows
        page.filter.setText(query)
        page.apply_filters()
        shown[query] = [page.proxy.data(page.proxy.index(r, 0)) for r in range(page.proxy.rowCount())]
    assert shown["zykjc"] == shown["科技城"]
    assert shown["zykjc"][0] == "中原科技城" and "科创实验园" in shown["zykjc"]
    page.filter.setText("")
    page.theme_box.setCurrentIndex(page.theme_box.findData("提振消费"))
    page.apply_filters()
    assert page.proxy.rowCount() > 3
    assert all("提振消费" in page.model.record(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).themes
               for r in range(page.proxy.rowCount()))


def test_double_click_jumps_to_the_passage(window: MainWindow, data: AppData, qtbot: QtBot) -> None:
    page = window.show_page("initiatives")
    assert isinstance(page, ListPage)
    assert page.select_id(next(e.id for e in data.entities if e.name == "以旧换新"))
    index = page.table.selectionModel().selectedRows()[0]
    page.table.doubleClicked.emit(index)
    target = window.stack.currentWidget()
    assert isinstance(target, ThemePage) and target.theme == "提振消费"
    assert target.text.focus_passage is not None


def test_caption_entities_jump_to_the_report_text(window: MainWindow, data: AppData) -> None:
    entity = next(e for e in data.entities if e.name == "郑州记忆·油化厂创意园")
    window.open_passage(entity.mentions[0].passage_id)
    assert isinstance(window.stack.currentWidget(), ReportPage)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_visible_rows_with_sources(window: MainWindow, tmp_path: Path, suffix: str) -> None:
    page = window.show_page("figures")
    assert isinstance(page, ListPage)
    page.category_box.setCurrentIndex(page.category_box.findData("target"))
    page.apply_filters()
    page.table.setColumnHidden(5, True)  # 单位, hidden by the user
    out = tmp_path / f"指标{suffix}"
    page.export_to(out)
    if suffix == ".csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    else:
        sheet = load_workbook(out).active
        rows = [[c if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)]
        rows = [r for r in rows if any(r)][:-1]  # the last line is the source note
    header, body = rows[0], rows[1:]
    assert "单位" not in header and header[-2:] == ["原文", "来源"]
    assert len(body) == page.proxy.rowCount() == len([f for f in window.data.figures if f.kind == "target"])
    assert all(r[header.index("类型")] == "目标" for r in body)
    assert all("《政府工作报告里的“郑实践”》" in r[-1] for r in body)


def test_window_remembers_its_page(data: AppData, qtbot: QtBot, user_home: Path) -> None:
    first = MainWindow(data, user_home / "window.ini")
    qtbot.addWidget(first)
    first.show_page("theme:新质生产力")
    first.close()
    assert QSettings(str(user_home / "window.ini"), QSettings.Format.IniFormat).value("window/page") == \
        "theme:新质生产力"
    second = MainWindow(data, user_home / "window.ini")
    qtbot.addWidget(second)
    assert second.current_key() == "theme:新质生产力"


def test_about_names_version_and_source(window: MainWindow) -> None:
    text = window.about_text()
    assert "zzdesk 0." in text and "政府工作报告里的" in text and "字体" in text


def test_window_remembers_splitters(data: AppData, qtbot: QtBot, user_home: Path) -> None:
    first = MainWindow(data, user_home / "window.ini")
    qtbot.addWidget(first)
    first.resize(1400, 900)
    first.show()
    page = first.show_page("figures")
    assert isinstance(page, ListPage)
    page.splitter.setSizes([300, 900])
    wanted = page.splitter.sizes()
    first.close()
    second = MainWindow(data, user_home / "window.ini")
    qtbot.addWidget(second)
    second.resize(1400, 900)
    second.show()
    again = second.show_page("figures")
    assert isinstance(again, ListPage)
    qtbot.waitUntil(lambda: again.splitter.sizes() == wanted)
