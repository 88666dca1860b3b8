"""The curated, human-editable description of a report (data/source/*.yaml).

Loading checks everything that a typo could break: quotes must be sentences
of the repaired report text, each figure's written form must sit in its
quote, passages must match the text paragraph for paragraph.  A source that
fails raises SourceError with every problem listed, so an editor fixes them
in one pass.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from zzdesk.core.errors import UserError
from zzdesk.core.keys import default_review_label
from zzdesk.core.models_meta import ENTITY_TYPES, FIGURE_KINDS, PASSAGE_SECTIONS
from zzdesk.core.records import FigureFacts, ReportFacts
from zzdesk.core.text import repaired_paragraphs


class SourceError(UserError, ValueError):
    """A curated source file is inconsistent with itself or with the report text."""


@dataclass(frozen=True)
class SourcePassage:
    theme: str | None
    section: str
    text: str


@dataclass(frozen=True)
class SourceFigure(FigureFacts):
    phrase: str  # a unique piece of the quote that contains `written`


@dataclass(frozen=True)
class SourceEntity:
    name: str
    type: str
    aliases: tuple[str, ...]
    themes: tuple[str, ...]
    quotes: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class SourceReport(ReportFacts):
    raw_text: str
    themes: tuple[str, ...]
    passages: tuple[SourcePassage, ...]
    figures: tuple[SourceFigure, ...]
    entities: tuple[SourceEntity, ...]
    review_label: str = ""  # the report's name for its review sections; "" → <region>实践
    plan_label: str = ""  # and for its plan sections; "" → 目标任务

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.raw_text.encode("utf-8")).hexdigest()


def _figure(item: dict[str, Any]) -> SourceFigure:
    written = str(item["written"])
    return SourceFigure(
        theme=str(item["theme"]), indicator=str(item["indicator"]), period=int(item["period"]),
        kind=str(item["kind"]), value=float(item["value"]), unit=str(item["unit"]),
        qualifier=None if item.get("qualifier") is None else str(item["qualifier"]),
        written=written, phrase=str(item.get("phrase") or written),
        cumulative=bool(item.get("cumulative", False)), quote=str(item["quote"]),
    )


def _entity(item: dict[str, Any]) -> SourceEntity:
    return SourceEntity(
        name=str(item["name"]), type=str(item["type"]),
        aliases=tuple(str(a) for a in item.get("aliases") or ()),
        themes=tuple(str(t) for t in item.get("themes") or ()),
        quotes=tuple(str(q) for q in item.get("quotes") or ()),
    )


def load_source(path: Path) -> SourceReport:
    """Read one report's YAML (and the text file it names) and validate it."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        meta = doc["report"]
        raw_text = (path.parent / meta["text_file"]).read_text(encoding="utf-8")
        report = SourceReport(
            slug=str(meta["id"]), title=str(meta["title"]), region=str(meta["region"]),
            year=int(meta["year"]), review_year=int(meta["review_year"]), kind=str(meta["kind"]),
            attribution=str(meta["attribution"]), raw_text=raw_text,
            themes=tuple(str(t) for t in doc["themes"]),
            passages=tuple(
                SourcePassage(theme=p.get("theme"), section=str(p["section"]), text=str(p["text"]))
                for p in doc["passages"]
            ),
            figures=tuple(_figure(f) for f in doc["figures"]),
            entities=tuple(_entity(e) for e in doc["entities"]),
            review_label=str(meta.get("review_label") or ""), plan_label=str(meta.get("plan_label") or ""),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise SourceError(f"{path.name}: 无法读取：{exc}") from exc
    problems = validate(report)
    if problems:
        raise SourceError(f"{path.name}: " + "；".join(problems))
    return report


def _quote_passage(report: SourceReport, quote: str) -> SourcePassage | None:
    return next((p for p in report.passages if quote in p.text), None)


def validate(report: SourceReport) -> list[str]:
    """Every inconsistency between the curated facts and the text, in words."""
    problems: list[str] = []
    paragraphs = repaired_paragraphs(report.raw_text)
    review_marker = f"【{report.review_label or default_review_label(report.region)}】"
    structural = set(report.themes) | {review_marker, report.title, report.title + "："}
    body = [p for p in paragraphs if p not in structural]
    if [p.text for p in report.passages] != body:
        problems.append("passages 与原文段落不一致（数量或文字）")
    themes = set(report.themes)
    for p in report.passages:
        if p.section not in PASSAGE_SECTIONS:
            problems.append(f"未知段落类型 {p.section}")
        if p.theme is not None and p.theme not in themes:
            problems.append(f"段落主题 {p.theme} 不在 themes 中")
    for f in report.figures:
        where = f"指标「{f.indicator}」({f.period})"
        if f.kind not in FIGURE_KINDS:
            problems.append(f"{where} kind 无效：{f.kind}")
        if f.theme not in themes:
            problems.append(f"{where} 主题未知：{f.theme}")
        passage = _quote_passage(report, f.quote)
        if passage is None:
            problems.append(f"{where} 的 quote 不在原文中")
        elif passage.theme != f.theme:
            problems.append(f"{where} 的 quote 属于主题 {passage.theme}")
        if f.quote.count(f.phrase) != 1 or f.written not in f.phrase:
            problems.append(f"{where} 的 written/phrase 不能在 quote 中唯一定位")
    for e in report.entities:
        if e.type not in ENTITY_TYPES:
            problems.append(f"实体「{e.name}」类型无效：{e.type}")
        if not e.quotes:
            problems.append(f"实体「{e.name}」没有 quote")
        for q in e.quotes:
            passage = _quote_passage(report, q)
            if passage is None:
                problems.append(f"实体「{e.name}」的 quote 不在原文中")
            elif not any(n in q for n in e.names):
                problems.append(f"实体「{e.name}」的 quote 未提到它")
            elif passage.theme is not None and passage.theme not in e.themes:
                problems.append(f"实体「{e.name}」缺少主题 {passage.theme}")
    names = [n for e in report.entities for n in (e.name,)]
    if len(names) != len(set(names)):
        problems.append("实体名称重复")
    return problems


NOT_REPORTS = {"indicator-aliases.yaml", "indicator-catalogue.yaml"}


def source_files(source_dir: Path) -> list[Path]:
    """The report descriptions in a source folder, in a stable order (the alias table is not one)."""
    return sorted(p for p in source_dir.glob("*.yaml") if p.name not in NOT_REPORTS)
