"""One name per indicator across reports (地区生产总值 = 全市生产总值 = GDP …).

The alias table is data, kept in data/source/indicator-aliases.yaml so that it can be
edited without touching code; a target in one report meets its result in the next
only when both map to the same canonical name.
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from zzdesk import paths


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """alias -> canonical name, longest aliases first when applied."""
    path = paths.source_dir() / "indicator-aliases.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table: dict[str, str] = {}
    for canonical, aliases in data.items():
        table[str(canonical)] = str(canonical)
        for alias in aliases or ():
            table[str(alias)] = str(canonical)
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


SUFFIXES = ("增速", "增长", "占比")


def canonical_indicator(name: str) -> str:
    """The canonical form of *name*: an alias as a whole, or an alias followed by 增速 and the like."""
    name = name.strip()
    table = alias_table()
    if name in table:
        return table[name]
    for suffix in SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in table:
            return table[name[: -len(suffix)]] + suffix
    return name
