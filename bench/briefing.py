"""Time to build and write the PDF of the whole report, all charts included, against the
same document with its charts left out, and against the way it was done before (each
character painted with its own call, font advances measured anew for every document), in the same process
(median of several runs); and the DOCX of the same document with subsets of the bundled fonts embedded
against the same DOCX without them (time and bytes).  Usage: .venv/bin/python bench/briefing.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from zzdesk import paths
from zzdesk.core.briefing import (
    BriefingData,
    BriefingSpec,
    ChartBlock,
    Document,
    build_document,
    theme_items,
)
from zzdesk.core.store import DataStore
from zzdesk.export import page_layout
from zzdesk.export.docx import write_docx
from zzdesk.export.fonts import register_bundled_fonts
from zzdesk.export.pdf import write_pdf


def timed(document_of: Callable[[], Document], out: Path, runs: int) -> tuple[float, int]:
    samples, pages = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        document = document_of()
        pages = write_pdf(document, out)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), pages


def _layout_time(document: Document) -> float:
    start = time.perf_counter()
    page_layout.lay_out(document)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QGuiApplication([])
    register_bundled_fonts()
    with DataStore(paths.reference_db_path()) as store:
        report = store.reports()[-1]
        data = BriefingData(report, store.figures(), store.passages(), store.entities())
        themes = [t.name for t in store.themes()]
    spec = BriefingSpec("郑州市2025年政府工作报告要点", theme_items(themes, with_headlines=True),
                        report_to="市委办公厅", copies=100)

    def full() -> Document:
        return build_document(spec, data)

    def text_only() -> Document:
        document = build_document(spec, data)
        return replace(document, blocks=tuple(b for b in document.blocks if not isinstance(b, ChartBlock)))

    charts = sum(isinstance(b, ChartBlock) for b in full().blocks)
    folder = Path(tempfile.mkdtemp(prefix="zzdesk-bench-"))
    start = time.perf_counter()
    write_pdf(full(), folder / "warm.pdf")  # the first one also loads the fonts
    first = time.perf_counter() - start
    base, base_pages = timed(text_only, folder / "text.pdf", args.runs)
    total, pages = timed(full, folder / "full.pdf", args.runs)

    def as_before() -> Document:
        page_layout._shared.clear()  # font advances measured again for every document, as before
        return full()

    page_layout.GLYPH_RUNS = False
    per_character, _ = timed(as_before, folder / "per-character.pdf", args.runs)
    page_layout.GLYPH_RUNS = True
    layout_only = statistics.median(_layout_time(full()) for _ in range(args.runs))
    print(f"整份报告（全部主题，{charts} 张图表）：{total * 1000:.0f} ms，{pages} 页，"
          f"{(folder / 'full.pdf').stat().st_size / 1024:.0f} KiB")
    print(f"同样文字、不含图表：{base * 1000:.0f} ms，{base_pages} 页，"
          f"{(folder / 'text.pdf').stat().st_size / 1024:.0f} KiB")
    print(f"进程中的第一份（含载入字体）：{first * 1000:.0f} ms")
    print(f"之前（逐字调用 drawText，每份重新量字宽）：{per_character * 1000:.0f} ms；"
          f"现在（每段一个字形串，字宽留用）：{total * 1000:.0f} ms"
          f"（{per_character / total:.2f}×）；其中排版 {layout_only * 1000:.0f} ms")
    print(f"图表带来的额外时间：{(total - base) * 1000:.0f} ms（{total / base:.2f}×）；"
          f"目标 ≤ 1 s：{'达到' if total <= 1.0 else '未达到'}（中位数，{args.runs} 次）")
    document = full()
    docx_times = {}
    for embedded in (False, True):
        out = folder / f"embedded-{embedded}.docx"
        write_docx(document, out, embedded_fonts=embedded)  # warm: charts painted, fonts read once
        docx_times[embedded] = statistics.median(
            _docx_time(document, out, embedded) for _ in range(args.runs))
    sizes = {embedded: (folder / f"embedded-{embedded}.docx").stat().st_size for embedded in (False, True)}
    print(f"Word 文件：不内嵌字体 {docx_times[False] * 1000:.0f} ms、{sizes[False]:,} 字节；"
          f"内嵌字体子集 {docx_times[True] * 1000:.0f} ms（{docx_times[True] / docx_times[False]:.2f}×）、"
          f"{sizes[True]:,} 字节（{sizes[True] / sizes[False]:.2f}×）")
    del app


def _docx_time(document: Document, out: Path, embedded: bool) -> float:
    start = time.perf_counter()
    write_docx(document, out, embedded_fonts=embedded)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
