"""A synthetic, report-like data set for the benchmarks: Chinese names and sentences.

Names and sentences are assembled from pieces shaped like the seed report's own
(places, industries, kinds of project; 增长x%, 突破x亿元), so character and
pinyin statistics resemble real data.  Seeded: the same set on every run.
"""

from __future__ import annotations

import random

from zzdesk.core.search.documents import SearchDoc

PLACES = ["郑东", "金水", "二七", "中原", "管城", "惠济", "上街", "巩义", "荥阳", "新密", "新郑", "登封", "中牟",
          "航空港", "高新", "经开", "龙湖", "北龙湖", "白沙", "象湖", "须水", "贾鲁河", "嵩山", "黄河", "绿博",
          "马寨", "薛店", "滨河", "如意湖", "豫东", "豫西", "河洛", "商都", "郑汴", "郑许", "郑开", "长兴", "重阳"]
FIELDS = ["智能", "数字", "量子", "生物", "医药", "新材料", "超硬材料", "新能源", "氢能", "储能", "电子信息", "软件",
          "算力", "人工智能", "装备", "汽车", "物流", "文旅", "康养", "食品", "现代农业", "低空经济", "传感器",
          "半导体", "光电", "航空", "跨境电商", "会展", "金融", "科创", "种业", "节能环保", "北斗", "工业互联网"]
KINDS = {
    "project": ["项目", "工程", "基地", "园区建设项目", "产业园", "示范区", "综合体", "一期", "二期工程"],
    "enterprise": ["集团", "股份有限公司", "科技有限公司", "控股", "实业", "产业发展公司"],
    "institution": ["研究院", "研究中心", "实验室", "重点实验室", "创新中心", "学院", "医院"],
    "platform": ["平台", "服务平台", "公共服务平台", "交易中心", "云平台"],
    "cluster": ["产业集群", "产业链", "产业带", "集聚区"],
    "place": ["城", "谷", "港", "商圈", "街区", "小镇", "新城", "科学城"],
    "initiative": ["行动", "工程", "计划", "专项行动", "三年行动", "攻坚行动", "提升行动"],
}
VERBS = ["加快建设", "持续推进", "高标准建设", "谋划实施", "建成投用", "推动", "支持", "培育壮大", "提速建设", "开展"]
RESULTS = ["增长{r}%", "突破{n}亿元", "达到{n}家", "超{n}万人次", "累计带动投资{n}亿元", "新增{k}个", "{n}万辆",
           "签约额{n}亿元以上", "占比达{r}%", "营业收入增长{r}%"]
FILLER = ["重点产业聚链成群", "营商环境持续优化", "创新动能起势跃升", "消费市场迸发新动能", "综合实力持续增强",
          "发展质量稳步提升", "民生福祉不断增进", "开放水平持续提高", "城市功能日益完善", "生态环境明显改善"]


# The skewed set: as in real reports, a few prefixes (the city, 中原) start a large share of names.
COMMON_PLACES = {"郑州": 0.3, "中原": 0.2}


def _place(rng: random.Random, skewed: bool) -> str:
    if skewed:
        draw = rng.random()
        for place, share in COMMON_PLACES.items():
            if draw < share:
                return place
            draw -= share
    return rng.choice(PLACES)


def _name(rng: random.Random, kind: str, skewed: bool) -> str:
    parts = [_place(rng, skewed)]
    if rng.random() < 0.85:
        parts.append(rng.choice(FIELDS))
    if rng.random() < 0.3:
        parts.append(rng.choice(FIELDS))
    parts.append(rng.choice(KINDS[kind]))
    return "".join(parts)


def _sentence(rng: random.Random, name: str) -> str:
    result = rng.choice(RESULTS).format(r=round(rng.uniform(0.5, 30), 1), n=rng.randint(2, 9000),
                                        k=rng.randint(2, 300))
    return f"{rng.choice(VERBS)}{name}，{result}，{rng.choice(FILLER)}。"


def generate(count: int = 100_000, seed: int = 20250305, skewed: bool = False) -> list[SearchDoc]:
    """*count* documents: about 60% named entities, 40% passages of two to four sentences.

    Evenly spread: every place starts about as many names.  Skewed: half the names start
    with 郑州 or 中原.
    """
    rng = random.Random(seed)
    kinds = list(KINDS)
    themes = ["稳中求进", "提振消费", "新质生产力", "创新引领", "深化改革", "扩大开放", "民生保障"]
    docs: list[SearchDoc] = []
    names: list[str] = []
    for i in range(1, int(count * 0.6) + 1):
        kind = rng.choice(kinds)
        name = _name(rng, kind, skewed)
        names.append(name)
        alias = (name[:2] + name[-2:],) if rng.random() < 0.2 else ()
        body = "\n".join(_sentence(rng, name) for _ in range(rng.randint(1, 2)))
        docs.append(SearchDoc(kind, i, 1, name, alias, rng.choice(themes), body))
    for j in range(1, count - len(docs) + 1):
        text = "".join(_sentence(rng, rng.choice(names)) for _ in range(rng.randint(2, 4)))
        theme = rng.choice(themes)
        docs.append(SearchDoc("passage", j, 1, f"{theme}·第{j}段", (), theme, text))
    return docs
