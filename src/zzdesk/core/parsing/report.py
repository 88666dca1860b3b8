"""parse_report: a report text in, everything found (with warnings) out."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from zzdesk.core.errors import UserError
from zzdesk.core.numbers import MAX_DIGITS
from zzdesk.core.parsing.entities import ParsedEntity, extract_entities
from zzdesk.core.parsing.figures import ParsedFigure, extract_figures
from zzdesk.core.parsing.indicator_names import indicator_key
from zzdesk.core.parsing.structure import ParsedPassage, parse_structure
from zzdesk.core.parsing.tables import table_figures
from zzdesk.core.records import EntityRecord

_TOO_LONG_NUMBER = re.compile(rf"[0-9０-９]{{{MAX_DIGITS + 1}}}")


@dataclass(frozen=True)
class ParsedReport:
    title: str
    region: str
    year: int
    review_year: int
    themes: tuple[str, ...]
    passages: tuple[ParsedPassage, ...]
    figures: tuple[ParsedFigure, ...]
    entities: tuple[ParsedEntity, ...]
    warnings: tuple[str, ...]
    text: str = field(repr=False)
    kind: str = "其他"  # 政府工作报告 / 政府工作报告摘要 / 新闻摘要 / 统计公报 / 计划报告 / 预算报告 / 其他
    review_label: str = ""  # the report's own name for its review part (郑州实践, 2025年工作回顾), if it has one
    plan_label: str = ""  # …and for its plan part (2026年主要目标和重点任务)

    @property
    def section_titles(self) -> dict[str, tuple[str, ...]]:
        """theme -> the subtitles its headings carried (稳中求进 -> 总量迈上新台阶), in order."""
        titles: dict[str, list[str]] = {}
        for passage in self.passages:
            if passage.theme and passage.title and passage.title not in titles.setdefault(passage.theme, []):
                titles[passage.theme].append(passage.title)
        return {theme: tuple(names) for theme, names in titles.items() if names}

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        """The shape `zzdesk import --json` prints."""
        return {
            "report": {"title": self.title, "region": self.region, "year": self.year, "kind": self.kind},
            "themes": [{"name": name, "order": i} for i, name in enumerate(self.themes, start=1)],
            "figures": [{"theme": f.theme, "indicator": f.indicator, "key": indicator_key(f.indicator),
                         "period": f.period, "kind": f.kind, "value": f.value, "unit": f.unit,
                         "qualifier": f.qualifier, "quote": f.quote} for f in self.figures],
            "entities": [{"name": e.name, "type": e.type, "themes": list(e.themes)} for e in self.entities],
            "warnings": list(self.warnings),
        }


class ImportCancelled(UserError):
    """The user stopped reading a report; nothing was changed."""


def parse_report(text: str, known_entities: Sequence[EntityRecord] = (), known_themes: Sequence[str] = (),
                 should_stop: Callable[[], bool] | None = None) -> ParsedReport:
    """Everything found in *text*; headings are mapped onto *known_themes* where they name one.

    *should_stop* is asked between the steps and between passages (parsing may run in a worker thread
    while the window offers 取消); when it says yes, ImportCancelled is raised.
    """

    def check() -> None:
        if should_stop is not None and should_stop():
            raise ImportCancelled("已取消导入，没有做任何改动")

    structure = parse_structure(text, known_themes)
    check()
    figures = sorted(extract_figures(structure, check) + table_figures(structure), key=lambda f: (f.passage, f.start))
    check()
    entities = extract_entities(structure, known_entities, check)
    warnings = list(structure.warnings)
    if _TOO_LONG_NUMBER.search(text):
        warnings.append(f"文中有超过 {MAX_DIGITS} 位的数字，不像统计数据，已跳过")
    if not figures:
        warnings.append("没有找到任何数字指标")
    with_text = {p.theme for p in structure.passages}
    themes = tuple(t for t in structure.themes if t in with_text)
    return ParsedReport(structure.title, structure.region, structure.year, structure.review_year, themes,
                        structure.passages, tuple(figures), tuple(entities), tuple(warnings), text, structure.kind,
                        structure.review_label, structure.plan_label)
