"""Frozen records that leave the core: what the UI, CLI and exporters see.

ORM rows stay inside zzdesk.core; everything above it works with these.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from zzdesk.core.keys import DEFAULT_PLAN_LABEL, default_review_label, entity_key
from zzdesk.core.numbers import format_quantity

KIND_LABELS = {"actual": "实绩", "expected": "预计", "target": "目标"}
# Section names in general; a report's own words (郑州实践, 金水实践) come from ReportRecord.section_label.
SECTION_LABELS = {"intro": "导语", "review": "上年实践", "plan": "目标任务", "caption": "图片说明"}
ENTITY_TYPE_LABELS = {
    "project": "项目", "enterprise": "企业", "institution": "机构", "platform": "平台",
    "cluster": "产业集群", "place": "地点", "initiative": "举措",
}


@dataclass(frozen=True)
class ReportFacts:
    """What identifies a report and how it describes itself, however it was loaded."""

    slug: str
    title: str
    region: str
    year: int
    review_year: int
    kind: str
    attribution: str


@dataclass(frozen=True)
class ReportRecord(ReportFacts):
    id: int
    key: str = ""  # content key (zzdesk.core.keys.report_key): what briefings and the CLI name it by
    review_label: str = ""  # 郑州实践, 金水实践: the report's own word for its review sections
    plan_label: str = "目标任务"

    def section_label(self, section: str) -> str:
        """导语 / 郑州实践 / 目标任务 / 图片说明, in this report's own words."""
        if section == "review":
            return self.review_label or default_review_label(self.region)
        if section == "plan":
            return self.plan_label or DEFAULT_PLAN_LABEL
        return SECTION_LABELS[section]

    @property
    def citation(self) -> str:
        """《标题》（2025年，郑州市）: how every printed or exported number names its report."""
        return f"《{self.title}》（{self.year}年，{self.region}）"


@dataclass(frozen=True)
class ThemeRecord:
    id: int
    report_id: int
    name: str
    order: int


@dataclass(frozen=True)
class PassageRecord:
    id: int
    report_id: int
    theme: str | None
    section: str
    order: int
    text: str
    key: str = ""


@dataclass(frozen=True)
class FigureFacts:
    """What a report says about one figure, whether curated, parsed or read from a database."""

    theme: str
    indicator: str
    period: int
    kind: str
    value: float
    unit: str
    qualifier: str | None
    cumulative: bool
    written: str
    quote: str


@dataclass(frozen=True)
class FigureRecord(FigureFacts):
    id: int
    report_id: int
    report_title: str
    passage_id: int
    start: int
    end: int
    value_high: float | None = None
    key: str = ""  # content key (zzdesk.core.keys.figure_keys), stable across rebuilds and re-imports

    @property
    def display_value(self) -> str:
        """The number as a reader expects it: 超1.45万亿元, 6%左右, 4.5%—5%."""
        return format_quantity(self.value, self.unit, self.qualifier, self.value_high)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class MentionRecord:
    passage_id: int
    theme: str | None
    quote: str


@dataclass(frozen=True)
class EntityRecord:
    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    themes: tuple[str, ...]
    mentions: tuple[MentionRecord, ...]
    key: str = ""

    @property
    def quotes(self) -> tuple[str, ...]:
        return tuple(m.quote for m in self.mentions)

    @property
    def type_label(self) -> str:
        return ENTITY_TYPE_LABELS[self.type]


def mentioned_in(entities: Iterable[EntityRecord], report: str, passage_ids: Collection[int]) -> list[EntityRecord]:
    """The entities one report mentions (its passages *passage_ids*), each with only its mentions there,
    the themes of those, and its key in that report (zzdesk.core.keys.entity_key)."""
    out = []
    for entity in entities:
        mentions = tuple(m for m in entity.mentions if m.passage_id in passage_ids)
        if mentions:
            out.append(replace(entity, mentions=mentions, key=entity_key(report, entity.type, entity.name),
                               themes=tuple(dict.fromkeys(m.theme for m in mentions if m.theme))))
    return out
