"""One name per indicator across reports (地区生产总值 = 全市生产总值 = GDP …), from an editable catalogue.

data/source/indicator-catalogue.yaml lists the standard indicators with their unit family, whether each
is a level (亿元, 万人: "增长5.4%" is its 增速) or a rate (城镇化率: "达到3%" is the rate itself), and the
ways reports write them; data/source/indicator-aliases.yaml adds further spellings.  A target in one
report meets its result in the next only when both come to the same `indicator_key`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from zzdesk import paths

GROWTH = "增速"
# Ways of saying "growth rate" after a name, longest first; all mean the same key.
GROWTH_SUFFIXES = ("全年增长目标", "增长目标", "全年增速", "增长速度", "增长率", "增速", "增幅", "增长", "涨幅")
# Words between a name and what is said of it that do not change the indicator.
FILLERS = ("全年", "年度", "预期", "目标", "的")
SUFFIXES = ("增速", "增长", "占比")


@dataclass(frozen=True)
class Indicator:
    name: str
    family: str  # 货币, 百分比, 人数 …: units of one family convert into each other
    rate: bool  # a rate (城镇化率) rather than a level (地区生产总值)
    aliases: tuple[str, ...]


def _load(name: str) -> Any:
    path = paths.source_dir() / name
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Indicator]:
    """canonical name -> Indicator, from the catalogue and the alias table together."""
    found: dict[str, Indicator] = {}
    for name, entry in (_load("indicator-catalogue.yaml") or {}).items():
        entry = entry or {}
        found[str(name)] = Indicator(str(name), str(entry.get("family", "")), entry.get("measure") == "比率",
                                     tuple(str(a) for a in entry.get("aliases") or ()))
    for name, aliases in (_load("indicator-aliases.yaml") or {}).items():
        known = found.get(str(name), Indicator(str(name), "", str(name).endswith(("强度", "率")), ()))
        extra = tuple(str(a) for a in aliases or () if str(a) not in known.aliases)
        found[str(name)] = Indicator(known.name, known.family, known.rate, known.aliases + extra)
    return found


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """alias -> canonical name, longest aliases first."""
    table: dict[str, str] = {}
    for indicator in catalogue().values():
        table[indicator.name] = indicator.name
        for alias in indicator.aliases:
            table.setdefault(alias, indicator.name)
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


def lookup(name: str) -> Indicator | None:
    canonical = alias_table().get(name.strip())
    return catalogue()[canonical] if canonical is not None else None


def _strip_fillers(text: str, at_end: bool) -> str:
    changed = True
    while changed and text:
        changed = False
        for word in FILLERS:
            if (text.endswith(word) if at_end else text.startswith(word)) and len(text) > len(word):
                text = text[: -len(word)] if at_end else text[len(word):]
                changed = True
    return text


def split_growth(name: str) -> tuple[str, bool]:
    """社会消费品零售总额全年增速 -> (社会消费品零售总额, True); 地区生产总值 -> (地区生产总值, False)."""
    name = name.strip()
    for suffix in GROWTH_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return _strip_fillers(name[: -len(suffix)], at_end=True), True
    return name, False


def canonical_indicator(name: str) -> str:
    """The canonical form of *name*: an alias as a whole, or an alias followed by 增速 and the like."""
    name = name.strip()
    table = alias_table()
    if name in table:
        return table[name]
    for suffix in SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in table:
            return table[name[: -len(suffix)]] + suffix
    base, growth = split_growth(name)
    if growth and base in table:
        return table[base] + GROWTH
    return name


def indicator_key(name: str) -> str:
    """What a target and a result must share to be compared: growth and level never meet.

    社会消费品零售总额全年增速, 社零增速 and 社会消费品零售总额增长 share 社会消费品零售总额增速; a rate
    (研发投入强度) keeps its own name, since its "增长" is not a separate indicator.
    """
    base, growth = split_growth(name)
    canonical = alias_table().get(base, base)
    indicator = catalogue().get(canonical)
    if growth and not (indicator is not None and indicator.rate):
        return canonical + GROWTH
    return alias_table().get(name.strip(), canonical if indicator is not None else name.strip())
