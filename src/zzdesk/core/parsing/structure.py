"""The shape of a report text: title, year, region, themes, and which passages review
the past year and which plan the coming one.

Rules, in order of strength:
- a line 【…实践】/【…回顾】 opens a review section of the current theme;
- "一、…" headings: one that names a review (回顾, 过去, 去年) or a plan (安排, 目标, 任务,
  今年 or the report year) opens that section; any other is a theme, as are "（一）…"
  headings and short unpunctuated lines (稳中求进);
- a paragraph that starts with the report year or 今年 is plan, with the previous year,
  去年 or 过去一年 is review; otherwise it continues the section before it.
Passages with a section but no theme go under 总体情况.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from zzdesk.core.parsing.metadata import find_region, map_theme, report_kind, split_theme_heading
from zzdesk.core.text import raw_paragraphs, repaired_paragraphs

GENERAL_THEME = "总体情况"
REVIEW_MARKER = re.compile(r"^【[^】]{0,12}(实践|回顾|成绩|成效)】$")
ORDINAL_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、\s*(.{2,40}?)[。：]?$")
SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*(.{2,40}?)[。：]?$")
PAGE_ARTEFACT = re.compile(r"^[—\-－–\s]*[0-9０-９]{1,4}[—\-－–\s]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")
REVIEW_WORDS = ("回顾", "过去", "去年", "成绩", "成效")
PLAN_WORDS = ("安排", "目标", "任务", "今年", "工作重点")
SENTENCE_PUNCT = re.compile(r"[，。；：！？、,;]")
_BODY_REGION = re.compile(r"([\u4e00-\u9fff]{2})(市|区|县)")
_CLOSING_STOP = re.compile(r"[。！？]$")


@dataclass(frozen=True)
class ParsedPassage:
    theme: str | None
    section: str  # intro / review / plan / caption
    text: str
    title: str | None = None  # the heading's subtitle (稳中求进：总量迈上新台阶 -> 总量迈上新台阶)
    table: bool = False  # a row of a table of figures, cells separated by tabs


@dataclass(frozen=True)
class Structure:
    title: str
    year: int
    review_year: int
    region: str
    themes: tuple[str, ...]
    passages: tuple[ParsedPassage, ...]
    warnings: tuple[str, ...]
    kind: str = "其他"
    review_label: str = ""  # what the report calls its review part: 郑州实践 (from 【郑州实践】), 2025年工作回顾
    plan_label: str = ""  # …and its plan part: 2026年主要目标和重点任务


def _clean_lines(text: str) -> str:
    """Drop page numbers and page-break lines before paragraphs are joined again."""
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
             if not PAGE_ARTEFACT.match(line.strip())]
    return "\n".join(lines)


def _year(title: str, paragraphs: list[str], warnings: list[str]) -> int:
    found = re.search(r"(20\d\d)年", title)
    if found:
        return int(found.group(1))
    starts = [int(m.group(1)) for p in paragraphs if (m := re.match(r"(20\d\d)年", p))]
    if starts:
        return max(starts)
    mentioned = [int(y) for p in paragraphs for y in re.findall(r"(20\d\d)年", p)]
    if mentioned:
        warnings.append("标题和段首都没有年份，报告年份取文中出现的最大年份")
        return max(mentioned)
    raise ValueError("找不到报告年份：标题或正文中应有“2025年”这样的年份")


def _region(title: str, paragraphs: list[str], warnings: list[str]) -> str:
    found = find_region(title) or next((r for p in paragraphs[:3] if (r := find_region(p))), None)
    if found:
        return found
    body = "".join(paragraphs[:8])
    stems = Counter()  # type: Counter[tuple[str, str]]
    for stem, suffix in _BODY_REGION.findall(body):
        if stem not in ("城市", "全市", "全区", "全县", "本市", "各区", "各县", "城区", "市区", "园区", "新区"):
            stems[(stem, suffix)] = body.count(stem)  # a place name recurs on its own (郑州将…)
    if stems:
        (stem, suffix), count = stems.most_common(1)[0]
        if count >= 2:
            return stem + suffix
    warnings.append("没能从标题或开头几段识别地区，请在核对时填写")
    return "未注明地区"


def _section_of_heading(text: str, year: int) -> str | None:
    if any(word in text for word in REVIEW_WORDS) or f"{year - 1}年" in text:
        return "review"
    if any(word in text for word in PLAN_WORDS) or f"{year}年" in text:
        return "plan"
    return None


def _is_heading_line(paragraph: str) -> bool:
    return len(paragraph) <= 12 and not SENTENCE_PUNCT.search(paragraph)


def _theme_line(paragraph: str) -> tuple[str, str] | None:
    """稳中求进：总量迈上新台阶 as a theme with its subtitle: short, one colon, no other punctuation."""
    if len(paragraph) > 30 or paragraph.endswith(("。", "：", ":")):
        return None
    head, subtitle = split_theme_heading(paragraph)
    if subtitle is None or len(head) > 10 or any(ch.isdigit() for ch in paragraph):
        return None
    if SENTENCE_PUNCT.search(head) or SENTENCE_PUNCT.search(subtitle):
        return None
    return head, subtitle


def _title_and_body(text: str) -> tuple[str | None, list[str]]:
    """The first line is the title when it reads like one, whatever punctuation it has; the rest is repaired."""
    lines = raw_paragraphs(_clean_lines(text))
    if not lines:
        raise ValueError("文本中没有内容")
    first = lines[0]
    if len(first) <= 60 and not first.endswith(("。", "；", "！", "？")) and len(lines) > 1:
        return first.rstrip("：:"), repaired_paragraphs("\n".join(lines[1:]))
    return None, repaired_paragraphs("\n".join(lines))


def parse_structure(text: str, known_themes: Sequence[str] = ()) -> Structure:
    warnings: list[str] = []
    title, body = _title_and_body(text)
    if title is None:
        title = ""
        warnings.append("第一行不像标题，标题留空，请在核对时填写")
    if not body:
        raise ValueError("文本中没有内容")
    year = _year(title, body, warnings)
    region = _region(title, body, warnings)
    passages: list[ParsedPassage] = []
    themes: list[str] = []
    theme: str | None = None
    subtitle: str | None = None
    section: str | None = None
    labels = {"review": "", "plan": ""}
    for index, paragraph in enumerate(body):
        if REVIEW_MARKER.match(paragraph):
            section = "review"
            labels["review"] = labels["review"] or paragraph.strip("【】")
            continue
        heading = ORDINAL_HEADING.match(paragraph)
        if heading:
            kind = _section_of_heading(heading.group(1), year)
            if kind is not None:
                section, theme, subtitle = kind, None, None
                labels[kind] = labels[kind] or heading.group(1).rstrip("。：:")
            else:
                # A theme heading keeps the section it stands in: 一、做强先进制造业 under the year's plan.
                name, subtitle = split_theme_heading(heading.group(1))
                theme = map_theme(name, known_themes)
            continue
        sub = SUB_HEADING.match(paragraph)
        themed = _theme_line(paragraph) if not sub else None
        if sub or themed or (_is_heading_line(paragraph) and index + 1 < len(body)):
            name, subtitle = themed or split_theme_heading((sub.group(1) if sub else paragraph).rstrip("。："))
            theme = map_theme(name, known_themes)
            continue
        if paragraph.count("\t") >= 1:
            # A table row: kept whole, figures are read by column (tables.py).
            owner = theme or GENERAL_THEME
            themes.append(owner)
            passages.append(ParsedPassage(owner, section or "review", paragraph, subtitle, table=True))
            continue
        if index == len(body) - 1 and len(paragraph) <= 30 and not _CLOSING_STOP.search(paragraph):
            # A closing line without a full stop: a photo caption or an attribution.
            passages.append(ParsedPassage(None, "caption", paragraph))
            continue
        if re.match(rf"{year}年|今年", paragraph):
            section = "plan"
        elif re.match(rf"{year - 1}年|去年|过去一年", paragraph):
            section = "review"
        if section is None:
            passages.append(ParsedPassage(theme, "intro", paragraph, subtitle))
            continue
        owner = theme or GENERAL_THEME
        themes.append(owner)
        passages.append(ParsedPassage(owner, section, paragraph, subtitle))
    # An intro paragraph under a theme (no section yet) still belongs to that theme's text.
    fixed = [p if p.theme is None or p.section != "intro" else replace(p, section="review") for p in passages]
    themes.extend(p.theme for p in fixed if p.theme)
    themes = list(dict.fromkeys(themes))  # first appearance order, each once
    if not themes:
        warnings.append("没有识别出主题：请检查文本是否包含“一、”标题或主题行")
    opening = body[0] if body else ""
    return Structure(title, year, year - 1, region, tuple(themes), tuple(fixed), tuple(warnings),
                     report_kind(title, opening), labels["review"], labels["plan"])
