"""What a report is: its region, its kind, and the known theme a heading stands for.

The region is the place named right before the year or 政府/人民政府/工作/第 in the title
("2026年郑州市政府工作报告", "中牟县2026年…", "郑州航空港区2026年…"), or in the opening line
("——2026年1月9日在郑州市二七区第十七届人民代表大会…").  A district named with its city
(郑州市二七区) is the district.  Every scan walks the text once, character by character.
"""

from __future__ import annotations

from collections.abc import Sequence

REGION_ENDINGS = "市区县旗盟州"
# What follows a region's name in a title or an opening line.
_AFTER_REGION = ("20", "人民政府", "政府", "工作", "国民经济", "第", "关于", "人民代表大会", "人大", "年")
# Characters that cannot be part of a place name: the name starts after the last of them.
_BEFORE_REGION = set("年在于的和及、，：:“”\"（）() 　—-")
_NOT_REGIONS = {"城市", "全市", "全区", "全县", "本市", "各区", "各县", "城区", "市区", "园区", "新区", "我市",
                "我区", "我县", "本区", "本县", "县区", "区县", "该市", "政区", "社区", "景区", "港区", "湾区",
                "开发区", "片区"}
MAX_REGION = 14

KINDS = ("政府工作报告", "政府工作报告摘要", "新闻摘要", "统计公报", "计划报告", "预算报告", "其他")
_NEWS_WORDS = ("里的", "中的", "解读", "看点", "关键词", "记者", "报道", "提到", "划重点", "读懂")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def find_region(line: str) -> str | None:
    """The first place name in *line* followed by what follows a region in a title."""
    start = 0
    for index, ch in enumerate(line):
        if ch in _BEFORE_REGION or not (_is_cjk(ch) or ch in "·"):
            start = index + 1
            continue
        if ch not in REGION_ENDINGS or (not line.startswith(_AFTER_REGION, index + 1) and index + 1 < len(line)):
            continue
        name = line[max(start, index + 1 - MAX_REGION):index + 1]
        if "市" in name[:-1] and name[-1] in "区县":
            name = name[name.index("市") + 1:]  # 郑州市二七区 -> 二七区
        if len(name) >= 2 and name not in _NOT_REGIONS and not name.endswith(("政区", "社区")):
            return name
    return None


def report_kind(title: str, opening: str) -> str:
    if "统计公报" in title:
        return "统计公报"
    if "预算" in title and "报告" in title:
        return "预算报告"
    if "计划" in title and "报告" in title:
        return "计划报告"
    if any(word in title for word in _NEWS_WORDS) or any(word in opening for word in ("记者", "报道")):
        return "新闻摘要"
    if "政府工作报告" in title or "工作报告" in title:
        return "政府工作报告摘要" if "摘要" in title else "政府工作报告"
    return "其他"


def split_theme_heading(line: str) -> tuple[str, str | None]:
    """稳中求进：总量迈上新台阶 -> (稳中求进, 总量迈上新台阶); a heading without a subtitle stays whole."""
    for mark in ("：", ":", "——", "—", "──"):
        head, found, rest = line.partition(mark)
        if found and head.strip() and rest.strip():
            return head.strip(), rest.strip().rstrip("。")
    return line, None


def map_theme(name: str, known: Sequence[str]) -> str:
    """A heading onto a theme already known: the same name, or a known name the heading contains
    (发展新质生产力 -> 新质生产力); otherwise the heading itself."""
    if name in known:
        return name
    containing = [k for k in known if k and k in name]
    return max(containing, key=len) if containing else name
