"""Named things in a report: names already known (with their aliases) and new names
that look like projects, places, institutions, platforms, clusters or initiatives."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from zzdesk.core.parsing.phrases import strip_leading_words
from zzdesk.core.parsing.structure import Structure
from zzdesk.core.records import EntityRecord
from zzdesk.core.text import sentences

# Name endings and the type they suggest, longest first.
SUFFIX_TYPES: tuple[tuple[str, str], ...] = (
    ("科学城", "place"), ("商圈", "place"), ("街区", "place"), ("新城", "place"), ("城", "place"), ("谷", "project"),
    ("园区", "place"), ("示范区", "place"), ("产业园", "project"), ("园", "project"), ("项目", "project"),
    ("工程", "project"), ("基地", "project"),
    ("研究院", "institution"), ("研究中心", "institution"), ("实验室", "institution"), ("中心", "institution"),
    ("集团", "enterprise"), ("公司", "enterprise"), ("平台", "platform"), ("集群", "cluster"),
    ("产业链", "cluster"), ("行动", "initiative"), ("计划", "initiative"),
)
# Verbs and particles that open a phrase before a name; stripped as a run (a loop, not a repeated pattern).
_LEAD_WORDS = ("提速建设", "加快建设", "高标准建设", "谋划建设", "持续推进", "推进", "推动", "支持", "打造",
               "建成", "建设", "实施", "开展", "培育", "争创", "完善", "入选", "新建", "引进", "以", "在", "将",
               "把", "和", "与", "及", "等", "的", "了", "为", "对", "向", "年", "、")
_CANDIDATE = re.compile(r"[\u4e00-\u9fff·]{2,12}?(?:" + "|".join(s for s, _ in SUFFIX_TYPES) + r")(?![市城区际化])")
# Words that begin a phrase, not a name: a candidate starting with one is not taken.
_NOT_A_START = re.compile(r"^(个|家|条|项|名|位|批|不断|增速|稳居|常态化|兼具|郑州将|绘制|全国|全市|全省|新增|"
                          r"新签约|国家级|省级|优秀|重点|加快|持续|深化|进一步|积极|大力|着力|努力|不断|主动|全面|各类|一批|多个)")
_GENERIC = {"中心", "城", "园", "项目", "工程", "平台", "集群", "实验室", "研究院", "行动", "计划", "基地", "城市",
            "中心城市", "国家中心城市", "消费中心城市", "国际消费中心城市", "产业链", "创新平台", "重点实验室",
            "省实验室", "国家重点实验室", "实施计划", "研发平台", "服务平台", "产业集群"}


@dataclass(frozen=True)
class ParsedEntity:
    name: str
    type: str
    aliases: tuple[str, ...]
    themes: tuple[str, ...]
    quotes: tuple[str, ...]
    known: bool  # already in the reference data


def _is_phrase(name: str) -> bool:
    """一组组数字和一个个项目: a reduplicated measure word (一个个, 一批批) makes a phrase, not a name."""
    return any(name[i] == "一" and name[i + 1] == name[i + 2] for i in range(len(name) - 2))


def _type_of(name: str) -> str:
    return next((kind for suffix, kind in SUFFIX_TYPES if name.endswith(suffix)), "initiative")


def extract_entities(structure: Structure, known: Sequence[EntityRecord],
                     check: Callable[[], None] = lambda: None) -> list[ParsedEntity]:
    found: dict[str, dict[str, object]] = {}

    def add(name: str, kind: str, aliases: tuple[str, ...], is_known: bool, theme: str | None, quote: str) -> None:
        entry = found.setdefault(name, {"type": kind, "aliases": aliases, "themes": [], "quotes": [],
                                        "known": is_known})
        if theme and theme not in entry["themes"]:  # type: ignore[operator]
            entry["themes"].append(theme)  # type: ignore[attr-defined]
        if quote not in entry["quotes"]:  # type: ignore[operator]
            entry["quotes"].append(quote)  # type: ignore[attr-defined]

    for passage in structure.passages:
        check()
        if passage.section not in ("review", "plan", "caption"):
            continue
        for sentence in sentences(passage.text):
            covered: list[tuple[int, int]] = []
            for entity in known:
                for name in (entity.name, *entity.aliases):
                    at = sentence.find(name)
                    if at >= 0:
                        add(entity.name, entity.type, entity.aliases, True, passage.theme, sentence)
                        covered.append((at, at + len(name)))
                        break
            for match in _CANDIDATE.finditer(sentence):
                name = strip_leading_words(match.group(), _LEAD_WORDS).strip("“”·")
                if not 4 <= len(name) <= 14 or name in _GENERIC or _NOT_A_START.match(name) or _is_phrase(name):
                    continue
                start = match.start() + match.group().find(name)
                if any(a <= start < b or a < start + len(name) <= b for a, b in covered):
                    continue
                add(name, _type_of(name), (), False, passage.theme, sentence)
    return [ParsedEntity(name, str(e["type"]), tuple(e["aliases"]), tuple(e["themes"]),  # type: ignore[arg-type]
                         tuple(e["quotes"]), bool(e["known"])) for name, e in found.items()]  # type: ignore[arg-type]
