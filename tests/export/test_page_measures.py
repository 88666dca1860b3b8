"""The printed page measured: word boxes from pdftotext against the GB/T 9704 grid, the 报尾 box,
the fonts drawn, the DOCX as LibreOffice lays it out, and the OFD read back by another reader."""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "tests" / "data" / "reports"
FONTS = ROOT / "resources" / "fonts"
MM = 72 / 25.4
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")  # LibreOffice's own dependency: Latin only, no CJK
BUNDLED_POSTSCRIPT = {"NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold", "NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold",
                      "ZZDeskKai-Regular", "ZhuqueFangsong-Regular"}
LEFT, TOP, RIGHT, BOTTOM = 28.0, 37.0, 184.0, 262.0
PITCH, CELL = 225 / 22, 156 / 28
REPORT_TO = "市委办公厅、市人大常委会办公厅、市政协办公厅、省政府办公厅、省发展改革委、省统计局、国家统计局郑州调查队"
SEND_TO = "各县（市、区）人民政府，市政府各部门，各开发区管委会，市直各单位，中央、省驻郑各单位"
DISTRIBUTE_TO = "各乡（镇）人民政府、街道办事处"
ISSUER = "郑州市人民政府办公厅综合调研处与郑州市统计局联合编印"


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def tool(*args: str, env: dict[str, str] | None = None, timeout: int = 180) -> str:
    if shutil.which(args[0]) is None:
        pytest.fail(f"缺少 {args[0]}：请运行 scripts/bootstrap.sh test")
    return subprocess.run(list(args), capture_output=True, text=True, check=True, timeout=timeout, env=env).stdout


def zzdesk(*args: str, home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["ZZDESK_HOME"] = str(home)
    result = subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True, env=env,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr


def words(pdf: Path) -> list[Word]:
    html = tool("pdftotext", "-bbox", str(pdf), "-")
    found = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
            found.append(Word(number, float(x0) / MM, float(y0) / MM, float(x1) / MM, float(y1) / MM, text))
    return found


def lines(found: list[Word]) -> dict[tuple[int, float], list[Word]]:
    grouped: dict[tuple[int, float], list[Word]] = defaultdict(list)
    for word in found:
        grouped[(word.page, round(word.y1, 1))].append(word)
    return {key: sorted(ws, key=lambda w: w.x0) for key, ws in grouped.items()}


@pytest.fixture(scope="module", params=["bundled", "imported"])
def briefing(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp(request.param)
    home = folder / "home"
    if request.param == "imported":
        zzdesk("import", str(REPORTS / "zhengzhou-2026-full.txt"), home=home)
    out = {"pdf": folder / "b.pdf", "docx": folder / "b.docx", "ofd": folder / "b.ofd",
           "report_pdf": folder / "r.pdf", "report_docx": folder / "r.docx", "source": Path(request.param)}
    masthead = ("--issuer", ISSUER, "--date", "2025-03-05", "--copies", "60", "--report-to", REPORT_TO,
                "--send-to", SEND_TO, "--distribute-to", DISTRIBUTE_TO)
    zzdesk("briefing", "--pdf", str(out["pdf"]), "--docx", str(out["docx"]), "--ofd", str(out["ofd"]),
           *masthead, home=home)
    zzdesk("briefing", "--template", "report", "--pdf", str(out["report_pdf"]), "--docx", str(out["report_docx"]),
           *masthead, home=home)
    return out


def body_lines(pdf: Path) -> list[tuple[tuple[int, float], list[Word]]]:
    """Lines of body text inside the type area: every word as high as the 3号 box that holds the most
    characters (the body face's ascent and descent; headings in 黑体/楷体 and the tables' header rows have
    boxes of their own heights)."""
    grouped = lines(words(pdf))
    heights = [round(w.y1 - w.y0, 2) for ws in grouped.values() for w in ws if 6.0 <= w.y1 - w.y0 <= 8.5
               for _ in w.text]
    body = max(set(heights), key=heights.count)
    return [(key, ws) for key, ws in grouped.items()
            if all(abs(w.y1 - w.y0 - body) < 0.05 for w in ws) and ws[0].x0 >= LEFT - 0.5 and ws[-1].y1 <= BOTTOM + 1]


def is_wide(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff01" <= char <= "\uff60" or char in "“”‘’—…"


def test_full_body_lines_are_28_cells_on_a_22_line_grid(briefing: dict[str, Path]) -> None:
    measured = body_lines(briefing["pdf"])
    bundled = briefing["source"].name == "bundled"
    assert len(measured) > (60 if bundled else 10)
    pure = 0
    for (page, _), ws in measured:
        text = "".join(w.text for w in ws)
        x0, x1 = ws[0].x0, ws[-1].x1
        full = abs(x1 - RIGHT) < 0.8
        if full and abs(x0 - LEFT) < 0.5 and all(is_wide(c) for c in text):
            # 28 cells of 3号 on a full line; a mark squeezed to half a cell (标点挤压) lets one more in per two.
            marks = sum(c in "，。、；：？！（）《》“”‘’" for c in text)
            assert 28 <= len(text) <= 28 + marks // 2, (page, text)
            if len(text) == 28:
                assert (x1 - x0) / len(text) == pytest.approx(CELL, abs=0.05)
                pure += 1
        assert x1 <= RIGHT + 0.8, (page, text)  # no line runs past the type area
    assert pure >= (3 if bundled else 0)  # the imported report has digits in almost every line
    # Every body line sits on one of the 22 lines: its foot is a whole number of pitches from the first.
    by_page: dict[int, list[float]] = defaultdict(list)
    for (page, _), ws in measured:
        by_page[page].append(max(w.y1 for w in ws))
    feet = [y for ys in by_page.values() for y in ys]
    first = min(feet)
    offset = (first - TOP) % PITCH
    for y in feet:
        steps = (y - TOP - offset) / PITCH
        assert abs(steps - round(steps)) < 0.04, y
        assert 0 <= round(steps) < 22
    assert max(len(ys) for ys in by_page.values()) <= 22


def pictures(pdf: Path) -> list[Word]:
    """The pictures of *pdf* (a DOCX's charts after LibreOffice), as boxes like words without text."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    boxes = []
    document = pdfium.PdfDocument(str(pdf))
    for number, page in enumerate(document, start=1):
        height = page.get_height()
        for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
            left, bottom, right, top = image.get_bounds()
            boxes.append(Word(number, left / MM, (height - top) / MM, right / MM, (height - bottom) / MM, ""))
    document.close()
    return boxes


def empty_slots(found: list[Word], page: int) -> int:
    """The longest run of the 22 line slots of *page* that no word (or picture) touches (charts carry
    words: title, labels, ticks, source, so a run of empty slots is blank paper)."""
    used = [False] * 22
    for word in (w for w in found if w.page == page and w.y0 >= TOP - 1 and w.y1 <= BOTTOM + 1):
        first = int(max(0.0, word.y0 - TOP) // PITCH)
        last = int(max(0.0, word.y1 - TOP - 1e-3) // PITCH)
        for slot in range(first, min(last, 21) + 1):
            used[slot] = True
    longest = run = 0
    for taken in used:
        run = 0 if taken else run + 1
        longest = max(longest, run)
    return longest


def test_no_page_but_the_last_leaves_more_than_two_line_slots_blank(briefing: dict[str, Path]) -> None:
    """A chart too tall for the rest of a page shrinks (to 70 %) or lets the blocks after it in its
    section fill the space, so no blank of three line slots or more precedes it."""
    for pdf in (briefing["pdf"], briefing["report_pdf"]):
        found = words(pdf)
        last = max(w.page for w in found)
        blank = {page: empty_slots(found, page) for page in range(1, last)}
        print(pdf.name, "longest blank in line slots by page:", blank)
        assert max(blank.values()) <= 2, (pdf.name, blank)
        # Nor a page foot: a chart that cannot follow its table is set ahead of it (the imported 简报's
        # first page ended 29 mm above the foot, its chart on the next page).
        foot = {page: BOTTOM - max(w.y1 for w in found if w.page == page and w.y1 <= BOTTOM + 1)
                for page in range(1, last)}
        assert max(foot.values()) <= 2 * PITCH, (pdf.name, foot)


def test_page_numbers_lie_7_mm_below_the_type_area(briefing: dict[str, Path]) -> None:
    numbers = [w for w in words(briefing["pdf"]) if w.y0 > BOTTOM + 1]
    assert numbers and all(re.fullmatch(r"—|\d+", w.text) for w in numbers)
    for dash in (w for w in numbers if w.text == "—"):
        assert dash.y0 - BOTTOM == pytest.approx(7.0, abs=0.3)


def test_every_closing_character_is_inside_the_closing_box_on_the_last_page(briefing: dict[str, Path]) -> None:
    found = words(briefing["pdf"])
    last = max(w.page for w in found)
    page = [w for w in found if w.page == last and w.y1 <= BOTTOM + 1]
    start = next(i for i, w in enumerate(page) if w.text.startswith("报："))
    closing, body = page[start:], page[:start]
    text = "".join(w.text for w in closing)
    for entry in (f"报：{REPORT_TO}", f"送：{SEND_TO}", f"发：{DISTRIBUTE_TO}", "共印60份"):
        assert re.sub(r"\s", "", entry) in text, entry
    assert all(w.x0 >= LEFT and w.x1 <= RIGHT + 0.5 for w in closing)
    assert max(w.y1 for w in closing) <= BOTTOM + 0.5  # grows upward from the foot of the type area
    assert not body or min(w.y0 for w in closing) > max(w.y1 for w in body)
    rows = sorted(lines(closing).items(), key=lambda item: item[0][1])
    assert rows[0][1][0].text.startswith("报：") and not rows[1][1][0].text.startswith("送：")
    # The long 报 entry wraps instead of being clipped, its second line hanging after "报：".
    assert rows[1][1][0].x0 == pytest.approx(rows[0][1][0].x0 + 2 * 14 * 25.4 / 72, abs=0.6)


def test_a_long_issuer_never_reaches_the_date(briefing: dict[str, Path]) -> None:
    first = [w for w in words(briefing["pdf"]) if w.page == 1]
    date = next(w for w in first if "2025年3月5日" in w.text or w.text.startswith("2025"))
    issuer = [w for w in first if any(part in w.text for part in ("郑州市人民政府", "统计局联合编印"))]
    assert "".join(w.text for w in issuer).replace(" ", "").startswith("郑州市人民政府办公厅")
    assert all(w.x1 < date.x0 - 1 for w in issuer)


def test_no_glyph_comes_from_a_font_neither_bundled_nor_installed(briefing: dict[str, Path]) -> None:
    installed = set(tool("fc-list", ":", "postscriptname").replace("postscriptname=", "").split())
    for pdf in (briefing["pdf"], briefing["report_pdf"]):
        rows = tool("pdffonts", str(pdf)).splitlines()[2:]
        assert rows
        for row in rows:
            name = row.split()[0].split("+")[-1]
            assert name in BUNDLED_POSTSCRIPT | installed, name
            assert row.split()[-5] == "yes", row  # embedded


def bare_fonts(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig sees no Chinese font at all (neither the office fonts nor the bundled
    ones), as on a bare PC: whatever CJK text LibreOffice sets comes from the fonts embedded in the DOCX."""
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{DEJAVU}</dir><cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "HOME": str(folder)}
    visible = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, env=env,
                             check=True).stdout
    assert not visible.strip(), f"Chinese fonts visible: {visible}"
    return env


def libreoffice_pdfs(docx_paths: list[Path], folder: Path) -> list[Path]:
    """The DOCX files laid out by LibreOffice (one start for all of them) on a PC without the office fonts
    and without the bundled ones."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("缺少 LibreOffice：请运行 scripts/bootstrap.sh test（安装 libreoffice-writer-nogui）")
    tool(soffice, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder / "lo"), *map(str, docx_paths), env=bare_fonts(folder), timeout=300)
    return [folder / "lo" / (path.stem + ".pdf") for path in docx_paths]


@pytest.fixture(scope="module")
def in_libreoffice(briefing: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both templates' DOCX as LibreOffice lays them out."""
    names = ["docx", "report_docx"]
    converted = libreoffice_pdfs([briefing[name] for name in names], tmp_path_factory.mktemp("libreoffice"))
    return dict(zip(names, converted, strict=True))


@pytest.fixture(scope="module")
def targets_in_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled report's 简报 and 汇报材料 with 目标完成情况 (--targets: the 2026 report imported for the
    results) as LibreOffice lays out their DOCX.  The PDF sets every chart at 95 % there, to pull back a last
    page of a few lines."""
    folder = tmp_path_factory.mktemp("targets")
    home = folder / "home"
    zzdesk("import", str(REPORTS / "zhengzhou-2026-full.txt"), home=home)
    masthead = ("--issuer", ISSUER, "--date", "2025-03-05", "--copies", "60", "--report-to", REPORT_TO,
                "--send-to", SEND_TO, "--distribute-to", DISTRIBUTE_TO)
    documents = {template: folder / f"{template}.docx" for template in ("jianbao", "report")}
    for template, path in documents.items():
        zzdesk("briefing", "--report", "郑州市-2025-政府工作报告里的郑实践", "--targets", "--template", template,
               "--docx", str(path), *masthead, home=home)
    return dict(zip(documents, libreoffice_pdfs(list(documents.values()), folder), strict=True))


def longest_blanks(pdf: Path) -> dict[int, int]:
    """The longest run of empty line slots on each page of *pdf* but the last."""
    drawn = words(pdf) + pictures(pdf)
    return {page: empty_slots(drawn, page) for page in range(1, max(w.page for w in drawn))}


def test_docx_in_libreoffice_is_set_in_its_embedded_fonts(briefing: dict[str, Path],
                                                          in_libreoffice: dict[str, Path]) -> None:
    """With no Chinese font installed, LibreOffice sets every glyph in the subsets the DOCX carries (no
    fallback face: before, DejaVu and empty boxes, 13 pages for the PDF's 15), so the 简报 takes as many
    pages as the PDF.  The 汇报材料 may take one more: LibreOffice ignores w:autoSpaceDE/DN and puts a
    quarter em between digits and Chinese (its 2024年 is 4 pt wider than the PDF's), which its denser
    figures carry over a page (14 pages in the PDF, 15 in LibreOffice, as with the fonts installed)."""
    for name, pdf in (("docx", "pdf"), ("report_docx", "report_pdf")):
        rows = tool("pdffonts", str(in_libreoffice[name])).splitlines()[2:]
        used = {row.split()[0].split("+")[-1] for row in rows}
        print(name, "fonts in LibreOffice's PDF:", sorted(used))
        assert used == BUNDLED_POSTSCRIPT - {"NotoSansCJKsc-Bold"}  # the one the PDF does not draw from either
        pages = [int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(p))).group(1))  # type: ignore[union-attr]
                 for p in (briefing[pdf], in_libreoffice[name])]
        print(name, "pages: PDF, DOCX in LibreOffice:", pages)
        assert pages[1] == pages[0] or (name == "report_docx" and pages[1] == pages[0] + 1)


def test_docx_in_libreoffice_leaves_no_blank_before_a_chart(in_libreoffice: dict[str, Path]) -> None:
    """LibreOffice follows the PDF's order of blocks and chart sizes.  It sets the space around digits
    wider, so its pages break a line or two from the PDF's and a chart the PDF keeps whole at a page top may
    meet a little less room there.  No more than 2 empty line slots, as in the PDF (before: up to 10)."""
    for name, converted in in_libreoffice.items():
        blank = longest_blanks(converted)
        print(name, "in LibreOffice: longest blank in line slots by page:", blank)
        assert max(blank.values()) <= 2, (name, blank)


@pytest.mark.parametrize("template", [
    "report",
    pytest.param("jianbao", marks=pytest.mark.xfail(strict=True, reason=(
        "LibreOffice ignores w:autoSpaceDE/DN and widens every digit-to-Chinese boundary by a quarter em, so "
        "its text runs longer than the PDF's; the half line the DOCX takes off charts the PDF shrank "
        "compensates on average, but here it leaves page 8 three line slots short"))),
])
def test_docx_with_targets_in_libreoffice_leaves_no_blank_before_a_chart(
        targets_in_libreoffice: dict[str, Path], template: str) -> None:
    blank = longest_blanks(targets_in_libreoffice[template])
    print(template, "with targets in LibreOffice: longest blank in line slots by page:", blank)
    assert max(blank.values()) <= 2, (template, blank)


def test_docx_in_libreoffice_keeps_the_grid_and_the_closing_at_the_last_foot(
        briefing: dict[str, Path], in_libreoffice: dict[str, Path]) -> None:
    converted = in_libreoffice["docx"]
    pdf_pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(briefing["pdf"]))).group(1))  # type: ignore[union-attr]
    docx_pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(converted))).group(1))  # type: ignore[union-attr]
    print(f"pages: PDF {pdf_pages}, DOCX in LibreOffice {docx_pages}")
    assert abs(pdf_pages - docx_pages) <= 1
    found = words(converted)
    last = max(w.page for w in found)
    closing = [w for w in found if w.page == last and w.y1 <= BOTTOM + 1]
    start = next(i for i, w in enumerate(closing) if w.text.startswith("报："))
    text = "".join(w.text for w in closing[start:])
    for entry in (REPORT_TO, SEND_TO, DISTRIBUTE_TO, "共印60份"):
        assert re.sub(r"\s", "", entry) in text, entry
    assert max(w.y1 for w in closing[start:]) > BOTTOM - 12  # at the foot of the last page, whole
    # As wide as the type area: its entries one 4号 character in from either side of the 156 mm.
    inset = 14 / MM
    assert min(w.x0 for w in closing[start:]) == pytest.approx(LEFT + inset, abs=0.5)
    assert max(w.x1 for w in closing[start:]) == pytest.approx(RIGHT - inset, abs=0.5)
    assert not any("报：" in w.text for w in found if w.page != last)
    # Full lines of Chinese text, quotes included (the bundled 仿宋 gives them a full cell, as 仿宋_GB2312
    # does): 28 to the line; LibreOffice's own line-breaking rules carry a character down now and then.
    pure = []
    ordered = [ws for _, ws in sorted(lines(found).items())]
    for ws, following in zip(ordered, [*ordered[1:], []], strict=True):
        text = "".join(w.text for w in ws)
        if abs(ws[0].x0 - LEFT) < 0.6 and abs(ws[-1].x1 - RIGHT) < 1.0 and all(is_wide(c) for c in text) \
                and all(7.0 <= w.y1 - w.y0 <= 7.5 for w in ws):  # 3号 (the 4号 of 数据来源: 6.4 mm)
            # 27 only where the 28th cell would hold an opening mark, which may not end a line (禁则).
            kinsoku = bool(following) and following[0].text[:1] in "“‘（《"
            pure.append((len(text), kinsoku))
    print(f"full lines in LibreOffice: {sorted(pure)}")
    assert len(pure) >= (10 if briefing["source"].name == "bundled" else 0)
    assert all(n == 28 or (n == 27 and kinsoku) for n, kinsoku in pure), pure


def test_ofd_reads_back_in_an_independent_reader(briefing: dict[str, Path]) -> None:
    from easyofd import OFD
    from fontTools.ttLib import TTFont

    reader = OFD()
    reader.read(base64.b64encode(briefing["ofd"].read_bytes()).decode(), fmt="b64")
    document = reader.data[0]
    pdf_pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(briefing["pdf"]))).group(1))  # type: ignore[union-attr]
    assert len(document["page_info"]) == pdf_pages
    texts = [t for page in document["page_info"].values() for t in page["text_list"]]
    joined = "".join(t["text"] for t in texts)
    for expected in ("工作简报", "数据来源", re.sub(r"\s", "", REPORT_TO), "共印60份"):
        assert expected in re.sub(r"\s", "", joined), expected
    fonts = document["fonts"]
    assert fonts
    for font_id, font in fonts.items():
        embedded = TTFont(io.BytesIO(base64.b64decode(font["font_b64"])))
        cmap = embedded.getBestCmap()
        drawn = {c for t in texts if t["font"] == font_id for c in t["text"]}
        assert drawn and all(ord(c) in cmap for c in drawn), font["FontName"]
    # The charts are vector drawing, as in the PDF: filled bars and hatch lines as paths, their words as text.
    assert not any(page["img_list"] for page in document["page_info"].values())
    assert "单位：" in joined
    with zipfile.ZipFile(briefing["ofd"]) as archive:
        content = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith("Content.xml"))
    assert "ImageObject" not in content
    bars = re.findall(r'<ofd:PathObject [^>]*Fill="true"', content)
    assert len(bars) >= (30 if briefing["source"].name == "bundled" else 10), len(bars)


def test_ofd_pages_render_through_the_other_reader(briefing: dict[str, Path], tmp_path: Path) -> None:
    """easyofd draws every text in one face it calls 宋体: give it the bundled 仿宋 and render the pages."""
    from easyofd import OFD
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("宋体", str(FONTS / "ZhuqueFangsong-Regular.ttf")))
    reader = OFD()
    reader.read(base64.b64encode(briefing["ofd"].read_bytes()).decode(), fmt="b64")
    rendered = tmp_path / "from-ofd.pdf"
    rendered.write_bytes(reader.to_pdf())
    text = re.sub(r"\s", "", tool("pdftotext", str(rendered), "-"))
    assert "工作简报" in text and re.sub(r"\s", "", f"报：{REPORT_TO}")[:20] in text
    pngs = tmp_path / "png"
    tool("pdftoppm", "-png", "-r", "40", str(rendered), str(pngs))
    images = sorted(tmp_path.glob("png-*.png"))
    assert len(images) == len(reader.data[0]["page_info"]) and all(p.stat().st_size > 2000 for p in images)


def test_a_long_byline_stays_inside_the_type_area(briefing: dict[str, Path]) -> None:
    """汇报材料: 编印单位 and date under the title, one line, shrunk rather than running past the margins."""
    first = [w for w in words(briefing["report_pdf"]) if w.page == 1 and w.y1 <= BOTTOM]
    byline = [w for w in first if "2025年3月5日" in w.text or any(p in w.text for p in ("郑州市人民政府", "联合编印"))]
    assert byline and len({round(w.y1) for w in byline}) == 1
    assert all(w.x0 >= LEFT - 0.3 and w.x1 <= RIGHT + 0.3 for w in first), [w for w in first if w.x0 < LEFT - 0.3]
