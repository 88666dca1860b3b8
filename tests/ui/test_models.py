"""Item models checked by Qt's own model tester, and sorting/filtering as users see it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from zzdesk.ui.data import AppData
from zzdesk.ui.table_models import (
    ENTITY_COLUMNS,
    FIGURE_COLUMNS,
    SORT_ROLE,
    RecordFilterProxy,
    RecordTableModel,
    pinyin_key,
)


def test_figure_model_passes_the_model_tester(qtmodeltester: ModelTester, data: AppData) -> None:
    model = RecordTableModel(FIGURE_COLUMNS, data.figures)
    qtmodeltester.check(model)
    assert model.rowCount() == len(data.figures) >= 60
    assert model.data(model.index(0, 0)) == data.figures[0].indicator


def test_entity_model_and_proxy_pass_the_model_tester(qtmodeltester: ModelTester, data: AppData) -> None:
    model = RecordTableModel(ENTITY_COLUMNS, data.entities)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_chinese_sorts_by_pinyin(data: AppData) -> None:
    model = RecordTableModel(ENTITY_COLUMNS, data.entities)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    names = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    assert names == sorted(names, key=pinyin_key)
    # 安图生物 (an) comes before 超聚变 (chao) before 宇通客车 (yu), whatever the code points say.
    assert names.index("安图生物") < names.index("超聚变") < names.index("宇通客车")


def test_numbers_sort_as_numbers(data: AppData) -> None:
    model = RecordTableModel(FIGURE_COLUMNS, [f for f in data.figures if f.unit == "亿元"])
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(4, Qt.SortOrder.DescendingOrder)
    values = [proxy.data(proxy.index(r, 4), SORT_ROLE)[1] for r in range(proxy.rowCount())]
    assert values == sorted(values, reverse=True) and values[:2] == [8000, 5565.8]


def test_proxy_filters_by_theme_kind_and_ids(data: AppData) -> None:
    model = RecordTableModel(FIGURE_COLUMNS, data.figures)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters("稳中求进", "target", None)
    assert proxy.rowCount() == len([f for f in data.figures if f.theme == "稳中求进" and f.kind == "target"]) == 7
    some = {data.figures[0].id, data.figures[1].id}
    proxy.set_filters(None, None, some)
    assert proxy.rowCount() == 2
