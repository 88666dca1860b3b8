"""Content keys: names for reports, figures, passages and entities that survive rebuilds and re-imports.

Row ids follow the order rows were written (the order of a YAML file, of a parse); a saved
briefing that kept them would print another figure after a rebuild.  Keys are made from what
the report says, so the same report gives the same keys however it was loaded:

- report:  区域-年份-标题 (郑州市-2025-政府工作报告里的郑实践); a different text under the same
  words gets its text digest appended;
- figure:  report key / indicator / period / kind, plus a digest of the sentence when the
  report states the same indicator, period and kind more than once;
- passage: report key / ¶ digest of the paragraph;
- entity:  report key / type / name: an entity as one report mentions it, so the same name in
  another report, or of another type, is another key.  The row of an entity is shared by every
  report that mentions it and keeps its name as its stored key (`entity_row_key`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence

SEPARATOR = "/"
_NOT_IN_KEYS = re.compile(r"[\s/“”‘’\"'《》〈〉「」『』【】()（）:：,，。、;；!！?？]+")
_REGION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "新区", "省", "市", "区", "县", "州", "旗")


def _clean(text: str) -> str:
    return _NOT_IN_KEYS.sub("", text)


def digest(text: str, length: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def report_key(region: str, year: int, title: str) -> str:
    return "-".join(part for part in (_clean(region), str(year), _clean(title)) if part)


def unique_report_key(region: str, year: int, title: str, text_sha256: str, taken: Iterable[str]) -> str:
    """The report's key, with its text digest added when another text already has the plain one."""
    key = report_key(region, year, title)
    return key if key not in set(taken) else f"{key}-{text_sha256[:8]}"


def figure_base(report: str, indicator: str, period: int, kind: str) -> str:
    return SEPARATOR.join((report, _clean(indicator), str(period), kind))


def figure_keys(report: str, facts: Sequence[tuple[str, int, str, str, str]]) -> list[str]:
    """Keys for a report's figures given as (indicator, period, kind, written, quote), in any order.

    A figure unique in its report gets the plain key; repeated ones get the sentence's digest
    (and, in the same sentence, the written form's), never their position.
    """
    bases = [figure_base(report, indicator, period, kind) for indicator, period, kind, _, _ in facts]
    repeated = Counter(bases)
    keys = []
    for base, (_, _, _, written, quote) in zip(bases, facts, strict=True):
        keys.append(base if repeated[base] == 1 else f"{base}~{digest(quote + chr(0) + written)}")
    return keys


def passage_key(report: str, text: str) -> str:
    return f"{report}{SEPARATOR}¶{digest(text, 10)}"


def entity_row_key(name: str) -> str:
    """The stored key of an entity's row, shared by the reports that mention it."""
    return name


def entity_key(report: str, type_: str, name: str) -> str:
    return SEPARATOR.join((report, type_, name))


def entity_parts(key: str) -> tuple[str, str, str]:
    """(report key, type, name) of an entity key; a key from before reports were part of it is all name."""
    parts = key.split(SEPARATOR, 2)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else ("", "", key)


def report_of(key: str) -> str:
    """The report part of a figure, passage or entity key."""
    return key.split(SEPARATOR, 1)[0]


def describe_figure_key(key: str) -> str:
    """地区生产总值（2024年实绩）: what a figure key named, for a line saying it is gone."""
    from zzdesk.core.records import KIND_LABELS

    if key.startswith("#"):
        return f"（原编号{key[1:]}）"  # an item saved by row id that the upgrade could not find
    parts = key.split("~", 1)[0].split(SEPARATOR)
    if len(parts) != 4:
        return key
    _, indicator, period, kind = parts
    return f"{indicator}（{period}年{KIND_LABELS.get(kind, kind)}）"


def region_short_name(region: str) -> str:
    """郑州市 → 郑州, 金水区 → 金水: the name a report uses for its own practice (郑州实践)."""
    for suffix in _REGION_SUFFIXES:
        if region.endswith(suffix) and len(region) > len(suffix) + 1:
            return region[: -len(suffix)]
    return region


def default_review_label(region: str) -> str:
    return f"{region_short_name(region)}实践"


DEFAULT_PLAN_LABEL = "目标任务"
