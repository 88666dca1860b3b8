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
from dataclasses import dataclass

from zzdesk.core.text import repaired_paragraphs

GENERAL_THEME = "总体情况"
REVIEW_MARKER = re.compile(r"^【[^】]{0,12}(实践|回顾|成绩|成效)】$")
ORDINAL_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、\s*(.{2,40}?)[。：]?$")
SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*(.{2,40}?)[。：]?$")
PAGE_ARTEFACT = re.compile(r"^[—\-－–\s]*[0-9０-９]{1,4}[—\-－–\s]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")
REVIEW_WORDS = ("回顾", "过去", "去年", "成绩", "成效")
PLAN_WORDS = ("安排", "目标", "任务", "今年", "工作重点")
SENTENCE_PUNCT = re.compile(r"[，。；：！？、,;]")


@dataclass(frozen=True)
class ParsedPassage:
    theme: str | None
    section: str  # intro / review / plan / caption
    text: str


@dataclass(frozen=True)
class Structure:
    title: str
    year: int
    review_year: int
    region: str
    themes: tuple[str, ...]
    passages: tuple[ParsedPassage, ...]
    warnings: tuple[str, ...]


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
    found = re.search(r"([\u4e00-\u9fff]{2,5}?(?:市|区|县))(?:人民政府|政府|\d|20)", title)
    if found:
        return found.group(1)
    body = "".join(paragraphs[:8])
    stems = Counter()  # type: Counter[tuple[str, str]]
    for stem, suffix in re.findall(r"([\u4e00-\u9fff]{2})(市|区|县)", body):
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


def parse_structure(text: str) -> Structure:
    warnings: list[str] = []
    paragraphs = repaired_paragraphs(_clean_lines(text))
    if not paragraphs:
        raise ValueError("文本中没有内容")
    title = paragraphs[0].rstrip("：:")
    body = paragraphs[1:] if len(paragraphs[0]) <= 60 and not paragraphs[0].endswith("。") else paragraphs
    if body is paragraphs:
        title = ""
        warnings.append("第一行不像标题，标题留空，请在核对时填写")
    year = _year(title, body, warnings)
    region = _region(title, body, warnings)
    passages: list[ParsedPassage] = []
    themes: list[str] = []
    theme: str | None = None
    section: str | None = None
    for index, paragraph in enumerate(body):
        if REVIEW_MARKER.match(paragraph):
            section = "review"
            continue
        heading = ORDINAL_HEADING.match(paragraph)
        if heading:
            kind = _section_of_heading(heading.group(1), year)
            if kind is not None:
                section, theme = kind, None
            else:
                theme, section = heading.group(1), None
            continue
        sub = SUB_HEADING.match(paragraph)
        if sub or (_is_heading_line(paragraph) and index + 1 < len(body)):
            theme = (sub.group(1) if sub else paragraph).rstrip("。：")
            continue
        if index == len(body) - 1 and len(paragraph) <= 30 and not re.search(r"[。！？]$", paragraph):
            # A closing line without a full stop: a photo caption or an attribution.
            passages.append(ParsedPassage(None, "caption", paragraph))
            continue
        if re.match(rf"{year}年|今年", paragraph):
            section = "plan"
        elif re.match(rf"{year - 1}年|去年|过去一年", paragraph):
            section = "review"
        if section is None:
            passages.append(ParsedPassage(theme, "intro", paragraph))
            continue
        owner = theme or GENERAL_THEME
        themes.append(owner)
        passages.append(ParsedPassage(owner, section, paragraph))
    # An intro paragraph under a theme (no section yet) still belongs to that theme's text.
    fixed = [ParsedPassage(p.theme, p.section, p.text) if p.theme is None or p.section != "intro"
             else ParsedPassage(p.theme, "review", p.text) for p in passages]
    themes.extend(p.theme for p in fixed if p.theme)
    themes = list(dict.fromkeys(themes))  # first appearance order, each once
    if not themes:
        warnings.append("没有识别出主题：请检查文本是否包含“一、”标题或主题行")
    return Structure(title, year, year - 1, region, tuple(themes), tuple(fixed), tuple(warnings))
