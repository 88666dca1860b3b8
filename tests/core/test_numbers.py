import pytest

from zzdesk.core.numbers import (
    find_quantities,
    format_number,
    format_quantity,
    normalize_digits,
    parse_chinese_integer,
)


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("二十", 20), ("百", 100), ("千", 1000),
    ("一千二百", 1200), ("三百零五", 305), ("二〇二五", 2025),
])
def test_chinese_integers(text: str, value: int) -> None:
    assert parse_chinese_integer(text) == value


def test_non_numeral_is_rejected() -> None:
    with pytest.raises(ValueError):
        parse_chinese_integer("万象")


@pytest.mark.parametrize(("text", "value", "unit", "prefix", "suffix"), [
    ("超1.45万亿元", 1.45, "万亿元", "超", None),
    ("突破百亿元", 100, "亿元", "突破", None),
    ("6%左右", 6, "%", None, "左右"),
    ("10%以上", 10, "%", None, "以上"),
    ("３５．８％", 35.8, "%", None, None),
    ("一千二百家", 1200, "家", None, None),
    ("连续14个月", 14, "个月", "连续", None),
    ("提高0.5个百分点", 0.5, "个百分点", None, None),
    ("累计引育高层次人才1566人", 1566, "人", None, None),
])
def test_find_single_quantity(text: str, value: float, unit: str, prefix: str | None,
                              suffix: str | None) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.unit, q.prefix, q.suffix) == (value, unit, prefix, suffix)
    assert text[q.start:q.end] == q.written


def test_digits_inside_longer_numbers_are_not_split() -> None:
    found = find_quantities("新增省实验室6家、总数18家")
    assert [(q.value, q.unit) for q in found] == [(6, "家"), (18, "家")]


def test_offsets_survive_full_width_digits() -> None:
    text = "增长３５．８％，达到１２万辆"
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.written
    assert [q.value for q in find_quantities(text)] == [35.8, 12]


def test_normalize_digits_keeps_length() -> None:
    assert normalize_digits("１２．５％") == "12.5%"


def test_formatting() -> None:
    assert format_number(5565.8) == "5565.8"
    assert format_number(6.0) == "6"
    assert format_quantity(1.45, "万亿元", "超") == "超1.45万亿元"
    assert format_quantity(6, "%", "左右") == "6%左右"
    assert format_quantity(3, "%", None) == "3%"
