"""Frozen records that leave the core: what the UI, CLI and exporters see.

ORM rows stay inside zzdesk.core; everything above it works with these.
"""

from __future__ import annotations

from dataclasses import dataclass

from zzdesk.core.numbers import format_quantity

KIND_LABELS = {"actual": "实绩", "expected": "预计", "target": "目标"}
SECTION_LABELS = {"intro": "导语", "review": "郑州实践", "plan": "目标任务", "caption": "图片说明"}
ENTITY_TYPE_LABELS = {
    "project": "项目", "enterprise": "企业", "institution": "机构", "platform": "平台",
    "cluster": "产业集群", "place": "地点", "initiative": "举措",
}


@dataclass(frozen=True)
class ReportRecord:
    id: int
    slug: str
    title: str
    region: str
    year: int
    review_year: int
    kind: str
    attribution: str


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

    @property
    def quotes(self) -> tuple[str, ...]:
        return tuple(m.quote for m in self.mentions)

    @property
    def type_label(self) -> str:
        return ENTITY_TYPE_LABELS[self.type]
