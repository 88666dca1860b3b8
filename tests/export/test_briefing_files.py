"""`zzdesk briefing` end to end: real PDF and DOCX files, checked with poppler's tools."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "briefing"
MM = 72 / 25.4
TYPE_AREA = (28 * MM, 37 * MM, (28 + 156) * MM, (37 + 225) * MM)  # left, top, right, bottom in points


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["ZZDESK_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True, env=env,
                          timeout=180, check=False)


def tool(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.fail(f"缺少 {args[0]}：请运行 scripts/run-tests.sh（会安装 poppler-utils）")
    return subprocess.run(list(args), capture_output=True, text=True, check=True, timeout=120).stdout


@pytest.fixture(scope="module", params=["jianbao", "report"])
def outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    template = request.param
    folder = tmp_path_factory.mktemp(template)
    pdf, word = folder / "简报.pdf", folder / "简报.docx"
    result = run("briefing", "--template", template, "--title", "郑州市政府工作报告要点摘编", "--pdf", str(pdf),
                 "--docx", str(word), "--issuer", "市政府办公厅", "--date", "2025-03-05", "--copies", "60",
                 "--report-to", "市委办公厅", home=folder)
    assert result.returncode == 0, result.stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tool("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(ARTIFACTS / f"{template}-page1"))
    return template, pdf, word


def test_pdf_text_has_title_figures_and_sources(outputs: tuple[str, Path, Path]) -> None:
    _, pdf, _ = outputs
    text = re.sub(r"\s+", "", tool("pdftotext", "-layout", str(pdf), "-"))
    for expected in ("郑州市政府工作报告要点摘编", "一、主要指标", "增长5.7%", "5565.8亿元", "突破百亿元",
                     "3年累计超67万人",
                     "超1.45万亿元", "数据来源", "地区生产总值超1.45万亿元、增长5.7%", "—1—"):
        assert expected in text, expected


def test_pdf_is_a4_with_embedded_cjk_fonts(outputs: tuple[str, Path, Path]) -> None:
    _, pdf, _ = outputs
    info = tool("pdfinfo", str(pdf))
    assert re.search(r"Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)", info), info
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 8  # type: ignore[union-attr]
    fonts = tool("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
    assert any("CJK" in line or "Kai" in line for line in fonts)


def test_pdf_text_lies_within_the_type_area(outputs: tuple[str, Path, Path]) -> None:
    _, pdf, _ = outputs
    html = tool("pdftotext", "-bbox", str(pdf), "-")
    left, top, right, bottom = TYPE_AREA
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)
    assert len(words) > 500
    tolerance = 1.5
    for x0, y0, x1, y1, word in words:
        x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
        assert left - tolerance <= x0 and x1 <= right + tolerance, (word, x0, x1)
        if y1 > bottom + tolerance:
            # Only the page number may sit below the type area: about 7 mm under it.
            assert re.fullmatch(r"—|\d+", word) and y0 < bottom + 15 * MM, (word, y0, y1)
        else:
            assert y0 >= top - tolerance, (word, y0)


def test_docx_reopens_with_the_same_text(outputs: tuple[str, Path, Path]) -> None:
    template, pdf, word = outputs
    document = docx.Document(str(word))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "郑州市政府工作报告要点摘编" in text and "一、主要指标" in text and "数据来源" in text
    assert "增长5.7%" in cells and "5565.8亿元" in cells
    styles = {p.style.name for p in document.paragraphs}
    assert {"简报标题", "简报正文", "一级标题", "二级标题", "数据来源"} <= styles
    assert ("报头名称" in styles) == (template == "jianbao")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert len(document.inline_shapes) >= 4  # charts as pictures
    # Page numbers and source markers interrupt the running text in the PDF's text layer.
    pdf_text = re.sub(r"—\d+—|\[[\d,–]+\]", "", re.sub(r"\s+", "", tool("pdftotext", str(pdf), "-")))
    body = [p.text for p in document.paragraphs if p.style.name == "简报正文" and len(p.text) > 20]
    assert len(body) == 10  # every themed passage of the report
    for text in body:
        assert re.sub(r"\[[\d,–]+\]$", "", re.sub(r"\s+", "", text)) in pdf_text  # same body text in both


def test_unknown_theme_and_unwritable_path(tmp_path: Path) -> None:
    result = run("briefing", "--theme", "火星", "--pdf", str(tmp_path / "a.pdf"), home=tmp_path)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1 and "火星" in result.stderr
    result = run("briefing", "--pdf", str(tmp_path / "no" / "such" / "a.pdf"), home=tmp_path)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "无法写入" in result.stderr


def test_font_report(tmp_path: Path) -> None:
    result = run("fonts", home=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 6 and any(line.startswith("仿宋：") for line in lines)


def test_targets_section_in_a_briefing(tmp_path: Path) -> None:
    reports = Path(__file__).resolve().parents[1] / "data" / "reports"
    assert run("import", str(reports / "zhengzhou-2026-full.txt"), home=tmp_path).returncode == 0
    pdf = tmp_path / "targets.pdf"
    result = run("briefing", "--theme", "总体情况", "--targets", "--pdf", str(pdf), "--docx",
                 str(tmp_path / "t.docx"), home=tmp_path)
    assert result.returncode == 0, result.stderr
    text = re.sub(r"\s+", "", tool("pdftotext", str(pdf), "-"))
    assert "目标完成情况" in text and "固定资产投资增速" in text and "未达标" in text and "判定规则" in text
    assert "全市生产总值增长5.6%" in text  # the 2026 report's sentence is cited for the 2025 result
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tool("pdftoppm", "-png", "-r", "70", "-f", "2", "-l", "2", "-singlefile", str(pdf), str(ARTIFACTS / "targets"))
    word = docx.Document(str(tmp_path / "t.docx"))
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "未达标" in cells
    # The bullet charts follow the rules, as in the PDF: a picture as wide as the type area.
    paragraphs = word.paragraphs
    rules = next(i for i, p in enumerate(paragraphs) if "判定规则" in p.text)
    drawing = paragraphs[rules + 1]._p.xpath(".//wp:extent")
    assert drawing and int(drawing[0].get("cx")) == pytest.approx(156 * 36000, rel=0.01)


def test_docx_carries_subsets_of_the_bundled_fonts(outputs: tuple[str, Path, Path]) -> None:
    """ECMA-376 §17.8: each office family the runs name has an obfuscated subset of the bundled face the PDF
    was drawn with, which covers every character set in it."""
    import uuid
    import zipfile

    from fontTools.ttLib import TTFont
    from lxml import etree

    word = outputs[2]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    package = zipfile.ZipFile(word)
    settings = etree.fromstring(package.read("word/settings.xml"))
    assert settings.find(f"{w}embedTrueTypeFonts") is not None and settings.find(f"{w}saveSubsetFonts") is not None
    rels = {rel.get("Id"): rel for rel in etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))}
    types = etree.fromstring(package.read("[Content_Types].xml"))
    embedded: dict[str, TTFont] = {}
    for entry in etree.fromstring(package.read("word/fontTable.xml")).iter(f"{w}font"):
        for embed in entry.findall(f"{w}embedRegular"):
            rel = rels[embed.get(f"{r}id")]
            assert rel.get("Type").endswith("/relationships/font")
            part = "/word/" + rel.get("Target")
            assert any(o.get("PartName") == part and o.get("ContentType").endswith(".obfuscatedFont") for o in types)
            data = package.read(part.lstrip("/"))
            # The key: the GUID's 32 hex digits as 16 bytes, last byte first, over the first 32 bytes.
            key = bytes.fromhex(uuid.UUID(embed.get(f"{w}fontKey")).hex)[::-1]
            assert data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true")  # obfuscated as stored
            plain = bytes(b ^ key[i % 16] for i, b in enumerate(data[:32])) + data[32:]
            font = TTFont(io.BytesIO(plain))
            assert "glyf" in font and "CFF " not in font  # TrueType outlines, as .odttf means
            assert font["OS/2"].fsType in (0, 8) and "Open Font License" in font["name"].getDebugName(13)
            assert font["name"].getDebugName(0)  # the copyright notice travels with the copy
            embedded[entry.get(f"{w}name")] = font
    fonts = {"仿宋_GB2312": "Zhuque Fangsong", "黑体": "Noto Sans CJK SC", "楷体_GB2312": "ZZDesk Kai",
             "方正小标宋简体": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC"}
    assert {name: font["name"].getDebugName(1) for name, font in embedded.items()} == fonts
    assert embedded["方正小标宋简体"]["OS/2"].usWeightClass == 700  # the heavy cut the PDF's title uses
    # Every character of every run (tables and the page-number footers too) is in the face of its family.
    document = docx.Document(str(word))

    def family_of(style: docx.styles.style.ParagraphStyle | None) -> str:
        while style is not None:
            fonts_element = style.element.rPr.rFonts if style.element.rPr is not None else None
            if fonts_element is not None and fonts_element.get(qn("w:eastAsia")):
                return str(fonts_element.get(qn("w:eastAsia")))
            style = style.base_style
        return "仿宋_GB2312"

    section = document.sections[0]
    paragraphs = [*document.paragraphs, *(p for t in document.tables for row in t.rows for c in row.cells
                                          for p in c.paragraphs),
                  *section.footer.paragraphs, *section.even_page_footer.paragraphs]
    checked = 0
    for paragraph in paragraphs:
        for run in paragraph._p.iter(qn("w:r")):
            own = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            family = own.get(qn("w:eastAsia")) if own is not None else family_of(paragraph.style)
            cmap = embedded[family].getBestCmap()
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            missing = {c for c in text if ord(c) not in cmap and not c.isspace()}
            assert not missing, (family, missing)
            checked += len(text)
    assert checked > 2000
