"""The report parser on the seed (against the curated data) and on texts of other shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from zzdesk import paths
from zzdesk.core.numbers import find_quantities
from zzdesk.core.parsing.decoding import DecodeError, decode_text, read_report_bytes
from zzdesk.core.parsing.indicator_names import canonical_indicator
from zzdesk.core.parsing.report import parse_report
from zzdesk.core.parsing.structure import parse_structure
from zzdesk.core.source import SourceReport
from zzdesk.core.store import DataStore

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def key(value: float, unit: str, period: int, kind: str, qualifier: str | None, quote: str = "") -> tuple[object, ...]:
    return (round(value, 6), unit, period, kind, qualifier) + ((quote,) if quote else ())


def test_seed_recovers_the_curated_figures(seed: SourceReport) -> None:
    parsed = parse_report(seed.raw_text)
    curated = {key(f.value, f.unit, f.period, f.kind, f.qualifier, f.quote) for f in seed.figures}
    found = [key(f.value, f.unit, f.period, f.kind, f.qualifier, f.quote) for f in parsed.figures]
    recovered = curated & set(found)
    assert len(recovered) / len(curated) >= 0.95, curated - recovered
    extras = set(found) - curated
    assert extras == set(), extras  # nothing that the curated set does not hold
    assert len(found) == len(set(found))


def test_seed_structure(seed: SourceReport) -> None:
    parsed = parse_report(seed.raw_text)
    assert (parsed.title, parsed.region, parsed.year, parsed.review_year) == (seed.title, "郑州市", 2025, 2024)
    assert (parsed.kind, parsed.review_label) == ("新闻摘要", "郑州实践")
    assert parsed.themes == seed.themes
    assert [(p.theme, p.section, p.text) for p in parsed.passages] == [
        (p.theme, p.section, p.text) for p in seed.passages]


def test_seed_headline_indicators_are_named_canonically(seed: SourceReport) -> None:
    names = {f.indicator for f in parse_report(seed.raw_text).figures}
    assert {"地区生产总值增速", "规上工业增加值增速", "固定资产投资增速", "社会消费品零售总额增速",
            "一般公共预算收入增速", "全社会研发投入强度", "进出口总值", "新签约亿元以上工业项目数"} <= names


@pytest.mark.parametrize("name", ["zhengzhou-2026-full.txt", "jinshui-2026-district.gb18030.txt"])
def test_other_report_shapes(name: str) -> None:
    expected = yaml.safe_load((REPORTS / name.replace(".gb18030", "").replace(".txt", ".expected.yaml"))
                              .read_text(encoding="utf-8"))
    with DataStore(paths.reference_db_path()) as store:
        parsed = parse_report(read_report_bytes((REPORTS / name).read_bytes(), name), store.entities())
    assert {"title": parsed.title, "region": parsed.region, "year": parsed.year} == expected["report"]
    assert list(parsed.themes) == expected["themes"]
    found = [(key(f.value, f.unit, f.period, f.kind, f.qualifier), f.indicator) for f in parsed.figures]
    assert sorted(k for k, _ in found) == sorted(key(*row[:5]) for row in expected["figures"])
    names = dict(found)
    for row in expected["figures"]:
        if row[5] is not None:
            assert names[key(*row[:5])] == row[5]
    assert set(expected["entities"]) <= {e.name for e in parsed.entities}
    assert parsed.warnings == ()


def test_gb18030_is_decoded_and_utf8_is_not_mistaken_for_it() -> None:
    raw = (REPORTS / "jinshui-2026-district.gb18030.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert decode_text(raw).startswith("金水区2026年")
    text = "郑州市2026年政府工作报告"
    assert decode_text(text.encode("utf-8")) == text
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_text(text.encode("utf-16")) == text  # with BOM


@pytest.mark.parametrize(("data", "message"), [
    (b"", "空"), (b"\xef\xbb\xbf", "空"), (b"   \n\n", "空"), (b"\x00\x01\x02binary", "二进制"),
    (b"\x80\x80\xff\xffabc", "编码"),
])
def test_undecodable_input_is_refused_clearly(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        decode_text(data)


def test_docx_with_a_doctype_is_refused(tmp_path: Path) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><w/>')
    with pytest.raises(DecodeError, match="DOCTYPE"):
        read_report_bytes(buffer.getvalue(), "bad.docx")
    with pytest.raises(DecodeError, match="Word"):
        read_report_bytes(b"not a zip", "bad.docx")


def test_docx_text_is_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in (REPORTS / "zhengzhou-2026-full.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(str(path))
    parsed = parse_report(read_report_bytes(path.read_bytes(), path.name))
    assert parsed.year == 2026 and len(parsed.figures) == 18


@pytest.mark.parametrize(("text", "values"), [
    ("2024年，全市新增企业3年倍增至120家。", [120]),           # 3年 is a span, 2024年 a year
    ("2024年，增速位居9个国家中心城市前列，增长6%。", [6]),     # 9个 is the comparison group
    ("2024年，本市在全国348个科技城中晋升至第15位。", [15]),   # 348个 likewise; 第15位 is the city's
    ("2024年，一件又一件实事落地，新增学位12000个。", [12000]),  # 一件 is a set phrase
    ("2024年，7条产业链规模超千亿元。", [7]),                  # 千亿元 defines what is counted
    ("2024年，研发投入强度连续三年超全国平均。", [3]),          # 连续三年 is kept
])
def test_numbers_that_are_not_indicators(text: str, values: list[float]) -> None:
    body = f"某市2025年政府工作报告\n\n总体情况\n\n{text}"
    assert [f.value for f in parse_report(body).figures] == values


def test_relative_periods_and_expected_values() -> None:
    body = ("某市2026年政府工作报告\n\n一、2025年工作回顾\n\n去年，地区生产总值增长5.5%，研发投入强度预计达到2.9%。\n\n"
            "二、2026年目标任务\n\n今年，地区生产总值增长５．０％左右，新增就业一千二百人以上。")
    figures = parse_report(body).figures
    assert [(f.period, f.kind, f.value) for f in figures] == [
        (2025, "actual", 5.5), (2025, "expected", 2.9), (2026, "target", 5.0), (2026, "target", 1200)]


def test_ranges() -> None:
    [q] = find_quantities("增长4.5%—5%")
    assert (q.value, q.high, q.unit, q.qualifier) == (4.5, 5, "%", "区间")
    [q] = find_quantities("新建5~8条")
    assert (q.value, q.high, q.unit) == (5, 8, "条")


def test_indicator_identity() -> None:
    assert canonical_indicator("规模以上工业增加值增速") == "规上工业增加值增速"
    assert canonical_indicator("全市生产总值增速") == "地区生产总值增速"
    assert canonical_indicator("社零增速") == "社会消费品零售总额增速"
    assert canonical_indicator("GDP") == "地区生产总值"
    assert canonical_indicator("新签约亿元以上工业项目签约额") == "新签约亿元以上工业项目签约额"  # not a prefix match


def test_page_artefacts_and_broken_lines_are_repaired() -> None:
    structure = parse_structure((REPORTS / "zhengzhou-2026-full.txt").read_text(encoding="utf-8"))
    texts = [p.text for p in structure.passages]
    assert any("“小巨人”企业25家，中原数据基地二期建成投用。" in t for t in texts)
    assert not any("— 3 —" in t for t in texts)
