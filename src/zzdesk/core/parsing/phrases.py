"""From the words before a number to the name of what it measures, with a part-of-speech segmenter.

rjieba (jieba's dictionary and tagger, compiled: a 2.7 MB wheel, ready in a quarter of a second) splits
"将社会消费品零售总额的增长目标设定" into 将/d 社会/n 消费品/n 零售总额/n 的/uj 增长/v 目标/n 设定/v.  Function
words (adverbs, prepositions, particles, pronouns, numerals) are trimmed from both ends by their tags;
the few report verbs the tagger calls nouns (力争, 统筹安排) and the verbs that set or state a figure
(定在, 设定, 突破) are named below.  Prepositional phrases such as 按初步核算 and 比上年 are adverbials,
never subjects.  Every step walks the tokens once: no pattern backtracks over user text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Tags trimmed from either end: adverb, preposition, conjunction, particles, pronoun, numeral,
# measure word, time word, punctuation, modal, interjection, onomatopoeia, locality word.
_EDGE_TAGS = frozenset({"d", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "m", "mq", "q", "t", "x",
                        "y", "e", "o", "f", "zg", "eng_punct"})
# Heads of report clauses that the tagger does not call verbs, or that are verbs but never part of a name.
_LEADING_WORDS = frozenset({"力争", "统筹安排", "安排", "实施", "确保", "争取", "全力", "努力", "推动", "推进", "预计",
                            "实现", "完成", "其中", "同时", "此外", "另外", "全年", "全市", "全区", "全县", "全省",
                            "我市", "本市", "我区", "本区", "我县", "本县", "数据显示", "初步", "核算", "初步核算",
                            "累计", "共", "分别", "各类", "各项", "一批", "开展", "举办", "培育", "打造",
                            "建设", "建成"})
# What a clause says of its subject before the number: stating, setting, reaching, growing.
_TRAILING_WORDS = frozenset({"定", "定在", "设定", "设定为", "设定在", "控制", "控制在", "保持", "保持在", "达到", "达",
                             "突破", "超过", "超", "为", "至", "实现", "完成", "要", "已", "首次", "迈入", "迈上", "有",
                             "居", "位居", "稳居", "升至", "晋升", "晋升至", "跃升", "跃升至", "提高", "提升", "降低",
                             "下降", "回落", "累计", "同比", "预计", "分别", "分别为", "分别达到", "目标", "预期目标",
                             "目标值", "预期", "全年", "年度", "稳定", "稳定在", "力争", "约", "近", "抓好", "集中力量",
                             "增加", "减少", "增至", "倍增", "倍增至", "总计", "合计", "共计"})
GROWTH_WORDS = frozenset({"增长", "增速", "增幅", "增长率", "涨幅", "下降", "回落", "增长速度", "降低"})
FALLING_WORDS = frozenset({"下降", "回落", "降低", "减少"})
# Prepositions that open an adverbial (按初步核算, 比上年, 较上年, 与去年相比): dropped up to the next verb.
_ADVERBIAL_PREPOSITIONS = frozenset({"按", "比", "较", "与", "同", "相比", "较之", "按照", "依据"})
_DATE_WORDS = frozenset({"年", "月", "日", "今年", "去年", "全年"})
_DISPOSAL = frozenset({"把", "将"})  # 把/将 X 定在…: X is the subject


@dataclass(frozen=True)
class Phrase:
    name: str  # a clean noun phrase, or "" when the words hold no subject
    growth: bool  # the words said 增长/增速/下降: the number is a rate of change
    falling: bool = False  # …and it is a fall (下降, 降低): 单位地区生产总值能耗下降2.5%


@lru_cache(maxsize=4096)
def _tag(text: str) -> tuple[tuple[str, str], ...]:
    import rjieba  # loaded on first use: import of a report, not start-up

    return tuple((word, flag) for word, flag in rjieba.tag(text))


def _drop_adverbials(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    skipping = False
    for word, flag in tokens:
        if word in _ADVERBIAL_PREPOSITIONS and flag in ("p", "v", "d", "c"):
            skipping = True
            continue
        if skipping:
            if flag.startswith("v") and word not in ("核算", "计算"):
                skipping = False
            else:
                continue
        out.append((word, flag))
    return out


# Words the tagger splits whose halves would be trimmed as a verb and a preposition: 占/v 比/p -> 占比/n.
_SPLIT_WORDS = {("占", "比"): "占比", ("比", "重"): "比重"}


def _join_split_words(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for word, flag in tokens:
        joined = _SPLIT_WORDS.get((out[-1][0], word)) if out else None
        if joined:
            out[-1] = (joined, "n")
        else:
            out.append((word, flag))
    return out


def _drop_time_clause(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """二七商圈 改造 提升 后 日均客流量 -> 二七商圈日均客流量: "(verbs)后/以来" inside a name says when, not what."""
    for index, (word, flag) in enumerate(tokens):
        if word in ("后", "以来") and flag == "f" and 0 < index < len(tokens) - 1:
            start = index
            while start > 0 and tokens[start - 1][1].startswith("v"):
                start -= 1
            if 0 < start < index:
                return tokens[:start] + tokens[index + 1:]
    return tokens


def noun_phrase(text: str) -> Phrase:
    """The subject named by *text* (the words between a clause's start and its number)."""
    tokens = _join_split_words([(w, f) for w, f in _tag(text) if w.strip()])
    tokens = _drop_adverbials(tokens)
    growth = falling = False
    # Trailing: what is said of the subject, and any 增长 that makes the number a growth rate.
    while tokens:
        word, flag = tokens[-1]
        if word in GROWTH_WORDS:
            growth = True
            falling = falling or word in FALLING_WORDS
        elif not (flag in _EDGE_TAGS or word in _TRAILING_WORDS or word in _DISPOSAL):
            break
        tokens.pop()
    start = 0
    while start < len(tokens):
        word, flag = tokens[start]
        if word == "“" and any(w == "”" for w, _ in tokens[start:]):
            break  # “两新”政策: the quotation is part of the name
        if flag == "m" and not any(ch.isdigit() for ch in word) and word not in _DATE_WORDS:
            break  # 二七商圈, 百亿级企业: part of the name, though the tagger reads a numeral
        if not (flag in _EDGE_TAGS or word in _LEADING_WORDS or word in _DISPOSAL):
            break
        start += 1
    tokens = _drop_time_clause(tokens[start:])
    if not tokens:
        return Phrase("", growth, falling)
    name = "".join(word for word, _ in tokens).strip("\"、，·")
    if name.count("“") != name.count("”"):
        name = name.replace("“", "").replace("”", "")  # a quotation cut in half by the clause
    return Phrase(name if len(name) >= 2 else "", growth, falling)


def strip_leading_words(text: str, words: tuple[str, ...]) -> str:
    """*text* without any run of *words* at its start (a loop, not a repeated alternation)."""
    changed = True
    while changed and text:
        changed = False
        for word in words:
            if text.startswith(word):
                text = text[len(word):]
                changed = True
                break
    return text
