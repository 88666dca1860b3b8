"""Reading and writing numbers the way Chinese statistics write them.

``find_quantities`` scans text for a number with its unit and qualifiers
(超1.45万亿元, 突破百亿元, 6%左右, ３５．８％, 一千二百家).  Magnitude characters
that are part of a unit (万辆, 亿元) stay in the unit, as the report writes it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = "零〇一二两三四五六七八九十百千"

# Longest first so that 万亿元 wins over 亿元 and 个百分点 over 个.
UNITS: tuple[str, ...] = tuple(sorted((
    "万亿元", "亿元", "万元", "元", "亿美元", "万美元",
    "亿人次", "万人次", "万人", "人次", "人",
    "万平方米", "平方米", "平方公里", "公里", "万亩", "亩", "微克/立方米", "万千瓦", "万吨", "吨",
    "万辆", "辆", "万台", "万台(套)", "台", "万笔", "笔", "万家", "家", "万户", "户",
    "个百分点", "个位次", "个月", "个", "%", "‰", "倍",
    "条", "项", "场", "位", "所", "座", "套", "批", "年", "天", "次", "处", "栋", "张", "件",
), key=len, reverse=True))

# Units of one family and their size in the family's base unit: 1.52万亿元 meets 15000亿元.
_SCALES: dict[str, tuple[str, float]] = {
    "元": ("元", 1), "万元": ("元", 1e4), "亿元": ("元", 1e8), "万亿元": ("元", 1e12),
    "美元": ("美元", 1), "万美元": ("美元", 1e4), "亿美元": ("美元", 1e8),
    "人": ("人", 1), "万人": ("人", 1e4), "人次": ("人次", 1), "万人次": ("人次", 1e4), "亿人次": ("人次", 1e8),
    "吨": ("吨", 1), "万吨": ("吨", 1e4), "辆": ("辆", 1), "万辆": ("辆", 1e4), "台": ("台", 1), "万台": ("台", 1e4),
    "家": ("家", 1), "万家": ("家", 1e4), "户": ("户", 1), "万户": ("户", 1e4), "笔": ("笔", 1), "万笔": ("笔", 1e4),
    "亩": ("亩", 1), "万亩": ("亩", 1e4), "平方米": ("平方米", 1), "万平方米": ("平方米", 1e4),
}


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """*value* in *unit* expressed in *to_unit*, or None when the two units do not measure the same thing."""
    if unit == to_unit:
        return value
    source, target = _SCALES.get(unit), _SCALES.get(to_unit)
    if source is None or target is None or source[0] != target[0]:
        return None
    return value * source[1] / target[1]


PREFIX_QUALIFIERS: tuple[str, ...] = ("突破", "超过", "达到", "累计", "连续", "预计", "超", "达", "近", "约")
SUFFIX_QUALIFIERS: tuple[str, ...] = ("左右", "以上", "以内", "以下", "多", "余")

# Bounded lengths: a longer run of digits is no statistic, and an unbounded run would make every start
# position rescan it (quadratic time on a long line of digits).
MAX_DIGITS = 15
_NUMBER = rf"(?:\d{{1,{MAX_DIGITS}}}(?:\.\d{{1,6}})?|[{_CN_NUMERAL}]{{1,12}})"
_RANGE_DASH = "~～—–\\-－至到"
_PATTERN = re.compile(
    rf"(?P<prefix>{'|'.join(PREFIX_QUALIFIERS)})?"
    rf"(?P<ordinal>第)?"
    rf"(?P<number>{_NUMBER})"
    rf"(?:%?[{_RANGE_DASH}](?P<high>{_NUMBER}))?"
    rf"(?P<unit>{'|'.join(re.escape(u) for u in UNITS)})"
    rf"(?P<suffix>{'|'.join(SUFFIX_QUALIFIERS)})?"
)


_DECIMAL = re.compile(r"\d{1,400}(?:\.\d{1,400})?")


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    prefix: str | None
    suffix: str | None
    ordinal: bool
    start: int
    end: int
    written: str
    high: float | None = None  # upper end of a range: 4.5%—5%, 5~8条

    @property
    def qualifier(self) -> str | None:
        """The bound the text puts on the number: a suffix (以上) outranks a prefix (超); a range is 区间."""
        return self.suffix or self.prefix or ("区间" if self.high is not None else None)


def normalize_digits(text: str) -> str:
    """Full-width digits, points and percent signs to their ASCII forms."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if ch in "０１２３４５６７８９．％" else ch for ch in text
    )


def parse_chinese_integer(text: str) -> int:
    """一千二百 -> 1200, 百 -> 100, 十五 -> 15, 两 -> 2, 二〇二五 -> 2025."""
    if not text or any(ch not in _DIGITS and ch not in _SMALL_UNITS for ch in text):
        raise ValueError(f"不是中文数字：{text!r}")
    if all(ch in _DIGITS for ch in text):
        # Digit by digit (二〇二五) when no 十/百/千 appears.
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, pending = 0, 0
    for ch in text:
        if ch in _DIGITS:
            pending = _DIGITS[ch]
        else:
            total += (pending or 1) * _SMALL_UNITS[ch]
            pending = 0
    return total + pending


def parse_number(text: str) -> float:
    text = normalize_digits(text)
    if _DECIMAL.fullmatch(text):
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"数字太大：{text[:20]}…")
        return value
    return float(parse_chinese_integer(text))


def find_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in *text*, left to right, with offsets into *text*.

    Digits are normalised one character for one, so offsets stay valid.
    """
    scan = normalize_digits(text)
    found: list[Quantity] = []
    for m in _PATTERN.finditer(scan):
        number = m.group("number")
        if m.start("number") > 0 and (scan[m.start("number") - 1].isdigit() or scan[m.start("number") - 1] == "."):
            continue  # the tail of a longer number, e.g. 8 in 18家
        if m.end("number") < len(scan) and scan[m.end("number")].isdigit():
            continue  # the head of a number too long to be a figure
        try:
            value = parse_number(number)
            high = parse_number(m.group("high")) if m.group("high") else None
        except ValueError:
            continue
        if high is not None and high <= value:
            high = None  # 2024-2025 style spans are not ranges of a figure
        found.append(Quantity(
            value=value, unit=m.group("unit"), prefix=m.group("prefix"),
            suffix=m.group("suffix"), ordinal=bool(m.group("ordinal")),
            start=m.start(), end=m.end(), written=text[m.start():m.end()], high=high,
        ))
    return found


def format_number(value: float) -> str:
    """5565.8 -> '5565.8', 6.0 -> '6' (no trailing zeros, no thousands separators)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_quantity(value: float, unit: str, qualifier: str | None = None, high: float | None = None) -> str:
    """超1.45万亿元, 6%左右, 4.5%—5%: the qualifier on the side the report puts it."""
    if high is not None:
        return f"{format_number(value)}{unit}—{format_number(high)}{unit}"
    body = f"{format_number(value)}{unit}"
    if qualifier in SUFFIX_QUALIFIERS:
        return body + qualifier
    return f"{qualifier or ''}{body}"
