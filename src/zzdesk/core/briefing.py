"""A briefing: what the user chose (BriefingSpec) and the document built from it.

The document is a plain list of blocks (headings, paragraphs, figure tables,
charts) plus numbered sources; the PDF, print and DOCX writers only lay it
out.  Every figure that reaches paper gets a source number pointing to its
report and exact sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from zzdesk.core.charts import ChartSpec, headline_chart, theme_charts
from zzdesk.core.indicators import headline_pairs
from zzdesk.core.keys import SEPARATOR, describe_figure_key, report_of
from zzdesk.core.records import (
    ENTITY_TYPE_LABELS,
    KIND_LABELS,
    EntityRecord,
    FigureRecord,
    PassageRecord,
    ReportRecord,
)
from zzdesk.core.targets import RULES_TEXT as TARGET_RULES
from zzdesk.core.targets import TargetCheck
from zzdesk.core.wording import nest_quotes, period_label, verbatim_value

TEMPLATES = {"jianbao": "简报", "report": "汇报材料"}
MARKINGS = ("内部资料 注意保存", "")
CHINESE_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class BriefingItem:
    kind: str  # theme | figure | entity | passage | chart | headlines | targets | trend
    ref: str  # theme name, chart key, indicator (trend), or the content key of a figure, entity or passage
    report: str = ""  # the report key a theme, chart or headlines item was taken from


@dataclass(frozen=True)
class BriefingSpec:
    title: str
    items: tuple[BriefingItem, ...]
    template: str = "jianbao"
    bulletin_name: str = "工作简报"
    issue: str = "第1期"
    issuer: str = ""
    issued: date = field(default_factory=date.today)
    marking: str = "内部资料 注意保存"
    note: str = ""  # 按语
    report_to: str = ""  # 报
    send_to: str = ""  # 送
    distribute_to: str = ""  # 发
    copies: int | None = None
    reports: tuple[str, ...] = ()  # keys of the reports it was built from; later selections change nothing

    def used_reports(self) -> tuple[str, ...]:
        """Keys of every report the briefing draws on: those recorded, then those its items name."""
        used = list(self.reports)
        for item in self.items:
            named = [item.report] + ([report_of(item.ref)] if item.kind in ("figure", "passage") else [])
            named += item.ref.split(",") if item.kind == "targets" else []
            used += [key for key in named if key and key not in used]
        return tuple(used)

    def to_json(self) -> str:
        data = asdict(self)
        data["issued"] = self.issued.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> BriefingSpec:
        data: dict[str, Any] = json.loads(text)
        data["issued"] = date.fromisoformat(data["issued"])
        data["items"] = tuple(BriefingItem(**item) for item in data["items"])
        data["reports"] = tuple(data.get("reports", ()))
        return cls(**data)


def default_title(report: ReportRecord, themes: Sequence[str] = ()) -> str:
    """A title that names the source as it is: 《政府工作报告里的“郑实践”》要点, or its chosen themes."""
    if themes:
        return f"《{report.title}》：{'、'.join(themes)}"
    return f"《{report.title}》要点"


def next_issue(bulletin_name: str, saved: Iterable[BriefingSpec]) -> str:
    """第N期 one after the highest issue of the same 简报 among the saved briefings."""
    numbers = [int(m.group(1)) for spec in saved if spec.bulletin_name == bulletin_name
               for m in [re.search(r"第\s*(\d+)\s*期", spec.issue)] if m]
    return f"第{max(numbers, default=0) + 1}期"


def chinese_date(day: date) -> str:
    """2025年3月5日: Arabic numerals, no zero padding (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_ordinal(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_NUMBERS[tens - 1]) + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


# Blocks -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、 (黑体)  2: （一） (楷体)  3: 1. (仿宋加粗)
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class TableRow:
    indicator: str
    when: str  # 2024年实绩
    value: str  # 增长5.7%
    unit: str
    source: int


@dataclass(frozen=True)
class FigureTable:
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class ChartBlock:
    spec: ChartSpec
    sources: tuple[int, ...]


@dataclass(frozen=True)
class TargetRow:
    indicator: str
    period: int
    target: str  # 6%左右
    actual: str  # 5.6%, or — when there is none yet
    status: str  # 达标 / 未达标 / 待核实 / 无数据
    gap: str
    target_value: float
    actual_value: float | None
    unit: str
    sources: tuple[int, ...]
    target_report: str = ""  # 2025年报告: which report each number is from, in the 目标完成 table's words
    actual_report: str = ""


@dataclass(frozen=True)
class TargetTable:
    rows: tuple[TargetRow, ...]
    rules: str


Block = Heading | Paragraph | FigureTable | ChartBlock | TargetTable


@dataclass(frozen=True)
class Source:
    number: int
    text: str


@dataclass(frozen=True)
class Document:
    spec: BriefingSpec
    blocks: tuple[Block, ...]
    sources: tuple[Source, ...]
    report: ReportRecord
    missing: tuple[str, ...] = ()  # items whose data no longer exists, as printed (the UI flags them)
    notes: tuple[str, ...] = ()  # what was left out and why, for the composer and the CLI to say


@dataclass(frozen=True)
class BriefingData:
    """What a briefing is built from: one report's records."""

    report: ReportRecord
    figures: Sequence[FigureRecord]
    passages: Sequence[PassageRecord]
    entities: Sequence[EntityRecord]
    checks: Sequence[TargetCheck] = ()  # targets against later results, for a 目标完成 section
    reports: Sequence[ReportRecord] = ()  # every loaded report, to cite figures of other years
    all_figures: Sequence[FigureRecord] = ()  # every loaded report's figures, for trend items

    def where(self, passage_id: int) -> str:
        passage = next(p for p in self.passages if p.id == passage_id)
        report = next((r for r in self.reports if r.id == passage.report_id), self.report)
        return "·".join(x for x in (passage.theme, report.section_label(passage.section)) if x)

    def of_report(self, key: str) -> BriefingData | None:
        """The same data narrowed to one report's figures (None when that report is not loaded)."""
        report = next((r for r in (self.report, *self.reports) if r.key == key), None)
        if report is None:
            return None
        return replace(self, report=report, figures=[f for f in self.figures if f.report_id == report.id])


class _Builder:
    def __init__(self, data: BriefingData) -> None:
        self.data = data
        self.blocks: list[Block] = []
        self.sources: list[Source] = []
        self._numbers: dict[tuple[object, ...], int] = {}
        self._level1 = 0
        self._level2 = 0
        self.notes: list[str] = []

    def cite_figure(self, figure: FigureRecord) -> int:
        """Figures from one sentence share one source entry: the sentence, quoted in full."""
        report = next((r for r in self.data.reports if r.id == figure.report_id), self.data.report)
        return self._cite(("sentence", figure.passage_id, figure.quote),
                          f"《{report.title}》（{report.year}年，{report.region}）{self.data.where(figure.passage_id)}："
                          f"{nest_quotes('“' + figure.quote + '”')}")

    def cite_passage(self, passage: PassageRecord) -> int:
        report = self.data.report
        return self._cite(("passage", passage.id),
                          f"《{report.title}》（{report.year}年，{report.region}）{self.data.where(passage.id)}，全段照录")

    def _cite(self, key: tuple[object, ...], text: str) -> int:
        """One entry per distinct source text: the same sentence reached twice keeps one number."""
        if key not in self._numbers:
            same = next((s.number for s in self.sources if s.text == text), None)
            if same is None:
                same = len(self.sources) + 1
                self.sources.append(Source(same, text))
            self._numbers[key] = same
        return self._numbers[key]

    def heading1(self, text: str) -> None:
        self._level1 += 1
        self._level2 = 0
        self.blocks.append(Heading(1, f"{chinese_ordinal(self._level1)}、{text}"))

    def heading2(self, text: str) -> None:
        self._level2 += 1
        self.blocks.append(Heading(2, f"（{chinese_ordinal(self._level2)}）{text}"))

    def table(self, figures: Sequence[FigureRecord]) -> None:
        rows = tuple(
            TableRow(f.indicator, period_label(f, KIND_LABELS[f.kind]), verbatim_value(f), f.unit, self.cite_figure(f))
            for f in figures)
        if rows:
            self.blocks.append(FigureTable(rows))

    def chart(self, spec: ChartSpec) -> None:
        by_id = {f.id: f for f in (*self.data.all_figures, *self.data.figures)}
        self.blocks.append(ChartBlock(spec, tuple(self.cite_figure(by_id[i]) for i in spec.figure_ids)))

    def passage(self, passage: PassageRecord) -> None:
        # The paragraph is the report's own text, its figures in its own words: cite the passage.
        self.blocks.append(Paragraph(passage.text, (self.cite_passage(passage),)))

    # Items ----------------------------------------------------------------------------------------

    def headlines(self) -> None:
        pairs = headline_pairs(self.data.figures)
        self.heading1("主要指标")
        self.table([f for p in pairs for f in (p.result, p.target) if f is not None])
        chart = headline_chart(pairs, self.data.report.title, self.data.report.year)
        if chart is not None:
            self.chart(chart)

    def targets(self, checks: Sequence[TargetCheck]) -> None:
        """目标完成情况, only when some target has a result: rows of 无数据 alone say nothing on paper."""
        checks = [c for c in checks if c.status != "无数据"]
        if not checks:
            self.notes.append("未附目标完成情况：还没有载入后一年的报告，没有可以对照的实绩。")
            return
        self.heading1("目标完成情况")
        rows = []
        for c in checks:
            sources = [self.cite_figure(c.target)] + ([self.cite_figure(c.actual)] if c.actual else [])
            rows.append(TargetRow(
                c.indicator, c.period, c.target.display_value,
                (c.actual.display_value + ("（预计）" if c.actual.kind == "expected" else "")) if c.actual else "—",
                c.status, c.gap_text, c.target.value, c.actual.value if c.actual else None, c.target.unit,
                tuple(sources), f"{c.target_report.year}年报告",
                f"{c.actual_report.year}年报告" if c.actual_report is not None else ""))
        self.blocks.append(TargetTable(tuple(rows), TARGET_RULES))

    def trend(self, key: str) -> None:
        """One indicator in every loaded report: a table of each figure, then the chart by year."""
        from zzdesk.core.trends import indicator_trend

        trend = indicator_trend(self.data.all_figures or self.data.figures,
                                self.data.reports or (self.data.report,), key)
        if trend is None:
            return
        self.heading1(f"{key}历年情况")
        self.table([p.figure for p in trend.points])
        if len(trend.years) > 1:
            self.chart(trend.chart())

    def theme(self, name: str) -> None:
        report = self.data.report
        self.heading1(name)
        for section, title in (("review", f"{report.review_year}年{report.section_label('review')}"),
                               ("plan", f"{report.year}年{report.section_label('plan')}")):
            own = [p for p in self.data.passages
                   if p.theme == name and p.section == section and p.report_id == report.id]
            if own:
                self.heading2(title)
                for passage in own:
                    self.passage(passage)
        figures = [f for f in self.data.figures if f.theme == name]
        if figures:
            self.heading2("主要指标")
            self.table(figures)
            for spec in theme_charts(figures, report.title, report.year, name):
                self.chart(spec)


MISSING = "（此项数据已不存在：{}）"


def _what(item: BriefingItem) -> str:
    """The item in words, from its key alone: its data is gone."""
    if item.kind == "figure":
        return "指标" + describe_figure_key(item.ref)
    if item.kind == "entity":
        return f"条目“{item.ref}”"
    if item.kind == "passage":
        return "原文段落"
    if item.kind == "theme":
        return f"主题“{item.ref}”"
    if item.kind == "chart":
        return f"图表“{item.ref.split('/', 1)[0]}”"
    return {"headlines": "主要指标", "targets": "目标完成情况"}.get(item.kind, item.kind)


def _report_of(item: BriefingItem, data: BriefingData) -> str:
    if item.report:
        return item.report
    keyed = item.kind in ("figure", "passage") and SEPARATOR in item.ref  # not an old id the upgrade lost
    return report_of(item.ref) if keyed else data.report.key


def build_document(spec: BriefingSpec, data: BriefingData) -> Document:
    """Items are found by key in *data*; one whose data is not there prints as a missing line, never
    as something else."""
    builder = _Builder(data)
    if spec.note.strip():
        builder.blocks.append(Paragraph(f"按语：{spec.note.strip()}"))
    loose_figures: list[FigureRecord] = []
    missing: list[str] = []

    def flush_figures() -> None:
        if loose_figures:
            builder.table(list(loose_figures))
            loose_figures.clear()

    def gone(item: BriefingItem, report: str = "") -> None:
        flush_figures()
        missing.append(_what(item) + (f"（报告 {report} 已删除）" if report else ""))
        builder.blocks.append(Paragraph(MISSING.format(missing[-1])))

    figures = {f.key: f for f in data.figures}
    entities = {e.key: e for e in data.entities}
    passages = {p.key: p for p in data.passages}
    by_id = {str(p.id): p for p in data.passages}
    for item in spec.items:
        own = data.of_report(_report_of(item, data))
        if own is None:
            gone(item, _report_of(item, data))
            continue
        builder.data = own
        if item.kind != "figure":
            flush_figures()
        if item.kind == "headlines":
            builder.headlines()
        elif item.kind == "theme":
            if any(f.theme == item.ref for f in own.figures) or any(
                    p.theme == item.ref and p.report_id == own.report.id for p in own.passages):
                builder.theme(item.ref)
            else:
                gone(item)
        elif item.kind == "targets":
            builder.targets(data.checks)
        elif item.kind == "trend":
            builder.trend(item.ref)
        elif item.kind == "figure" and item.ref in figures:
            loose_figures.append(figures[item.ref])
        elif item.kind == "passage" and item.ref in passages:
            builder.passage(passages[item.ref])
        elif item.kind == "entity" and item.ref in entities:
            entity = entities[item.ref]
            mentions = [m for m in entity.mentions
                        if str(m.passage_id) in by_id and by_id[str(m.passage_id)].report_id == own.report.id]
            if not mentions:
                gone(item)
            for mention in mentions:
                number = builder.cite_passage(by_id[str(mention.passage_id)])
                builder.blocks.append(Paragraph(f"{entity.name}（{ENTITY_TYPE_LABELS[entity.type]}）：{mention.quote}",
                                                (number,)))
        elif item.kind == "chart":
            theme_name = item.ref.split("/", 1)[0]
            charts = [c for c in theme_charts([f for f in own.figures if f.theme == theme_name], own.report.title,
                                              own.report.year, theme_name) if c.key == item.ref]
            for chart in charts:
                builder.chart(chart)
            if not charts:
                gone(item)
        else:
            gone(item)
    flush_figures()
    return Document(spec, tuple(builder.blocks), tuple(builder.sources), data.report, tuple(missing),
                    tuple(builder.notes))


def theme_items(themes: Sequence[str], with_headlines: bool) -> tuple[BriefingItem, ...]:
    head = (BriefingItem("headlines", ""),) if with_headlines else ()
    return head + tuple(BriefingItem("theme", name) for name in themes)
