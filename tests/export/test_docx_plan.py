"""The DOCX follows the PDF's pagination plan: the same order of blocks (text set ahead of a chart that did
not fit) and charts as small as the PDF shrank them; its line grid holds the 22 lines of the type area."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from zzdesk import paths
from zzdesk.core.briefing import (
    BriefingData,
    BriefingSpec,
    ChartBlock,
    Document,
    Heading,
    Paragraph,
    build_document,
    theme_items,
)
from zzdesk.core.store import DataStore
from zzdesk.export.chart_painter import chart_height_mm
from zzdesk.export.docx import write_docx
from zzdesk.export.fonts import register_bundled_fonts
from zzdesk.export.page_layout import HEIGHT, LINES, WIDTH, lay_out


@pytest.fixture(scope="module", params=["jianbao", "report"])
def document(request: pytest.FixtureRequest, qapp: object) -> Document:
    register_bundled_fonts()
    with DataStore(paths.reference_db_path()) as store:
        report = store.reports()[-1]
        data = BriefingData(report, store.figures(), store.passages(), store.entities())
        themes = [t.name for t in store.themes()]
    spec = BriefingSpec("要点", theme_items(themes, with_headlines=True), template=request.param,
                        issuer="郑州市人民政府办公厅综合调研处与郑州市统计局联合编印", report_to="市委办公厅")
    return build_document(spec, data)


def docx_sequence(path: Path) -> list[str]:
    """Headings and body paragraphs (by their opening words), tables and charts, in the order the
    DOCX holds them (the masthead's table and the 报尾 left out)."""
    word = docx.Document(str(path))
    styles = {s.style_id: s.name for s in word.styles}
    sequence = []
    for element in word.element.body:
        if element.tag == qn("w:tbl"):
            if element.find(".//" + qn("w:tblHeader")) is not None:
                sequence.append("table")
            continue
        style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = styles.get(style.get(qn("w:val")), "") if style is not None else ""
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        centred = element.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        if centred is not None and centred.get(qn("w:val")) == "center":
            continue  # the 汇报材料's byline under the title
        extent = element.find(".//" + qn("wp:extent"))
        if name == "图表" and extent is not None:  # a chart, told from the others by its proportions
            sequence.append(f"chart {int(extent.get('cy')) / int(extent.get('cx')) * WIDTH:.0f} mm")
        elif name in ("简报正文", "一级标题", "二级标题", "三级标题") and text and text != "数据来源":
            sequence.append(text[:12])
    return sequence


def test_docx_blocks_follow_the_pdf_pagination(document: Document, tmp_path: Path) -> None:
    plan = lay_out(document)
    assert sorted(plan.order) == list(range(len(document.blocks)))
    if document.spec.template == "jianbao":  # its masthead shifts the pages: text is set ahead of a chart
        assert list(plan.order) != sorted(plan.order)
    expected = []
    for index in plan.order:
        block = document.blocks[index]
        if isinstance(block, ChartBlock):
            expected.append(f"chart {chart_height_mm(block.spec):.0f} mm")
        elif isinstance(block, Paragraph | Heading):
            expected.append(block.text[:12])
        else:
            expected.append("table")
    write_docx(document, tmp_path / "b.docx")
    assert docx_sequence(tmp_path / "b.docx") == expected


def test_docx_charts_are_no_larger_than_the_pdf_draws_them(document: Document, tmp_path: Path) -> None:
    plan = lay_out(document)
    write_docx(document, tmp_path / "b.docx")
    widths = [shape.width.mm for shape in docx.Document(str(tmp_path / "b.docx")).inline_shapes]
    charts = [i for i in plan.order if isinstance(document.blocks[i], ChartBlock)]
    scales = dict(plan.chart_scales)
    drawn = [w for w in widths if w < WIDTH + 0.1][:len(charts)]
    assert len(drawn) == len(charts)
    for index, width in zip(charts, drawn, strict=True):
        assert width <= WIDTH * scales[index] + 0.1
    assert any(scales[i] < 0.99 for i in charts)  # some chart was shrunk to fit the rest of its page
    assert min(drawn) >= 0.7 * WIDTH - 0.1  # never below the legible minimum


def test_docx_line_grid_holds_22_lines(document: Document, tmp_path: Path) -> None:
    """Rounded up, the grid pitch lets only 21 lines into the type area (Word's page set-up shows 21,
    LibreOffice centres 21 grid lines and sets every page half a line lower)."""
    write_docx(document, tmp_path / "b.docx")
    word = docx.Document(str(tmp_path / "b.docx"))
    section = word.sections[0]
    area = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    assert area == pytest.approx(HEIGHT / 25.4 * 1440, abs=2)
    pitch = int(section._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")))
    assert LINES * pitch <= area < (LINES + 1) * pitch
    body = word.styles["简报正文"].paragraph_format.line_spacing.twips
    assert body == pitch
