"""PDF text layers of the test reports read by pypdfium2 (what zzdesk uses) and by pdfplumber (the other
candidate), against the texts the PDFs were made from.

Prints, per reader: characters recovered in order (difflib ratio over the text without whitespace, page
furniture removed from the reader's side by the same rules for both), Chinese characters lost, time per
file, and the installed size of the reader with what it pulls in.  pdfplumber is not a dependency of
zzdesk; install it only to run this comparison:  .venv/bin/pip install pdfplumber==0.11.10
    .venv/bin/python bench/pdf_readers.py
"""

from __future__ import annotations

import difflib
import importlib.util
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "tests" / "data" / "reports"
NAMES = ["zhengzhou-2026-report", "erqi-2026-district", "zhongmou-2026-county", "hangkonggang-2026-tables",
         "xinzheng-2026-heldout"]
FURNITURE = ("政府工作报告（大会印发稿）",)


def squeeze(text: str) -> str:
    for line in FURNITURE:
        text = text.replace(line, "")
    text = "".join(text.split())
    return text.replace("—", "")


def with_pdfium(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path.read_bytes())
    pages = []
    for page in document:
        textpage = page.get_textpage()
        pages.append(textpage.get_text_range())
        textpage.close()
        page.close()
    document.close()
    return "\n".join(pages)


def with_pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def installed_size(*packages: str) -> float:
    total = 0
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue
        folder = Path(spec.origin).parent
        total += sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return total / 1024 / 1024


def page_number_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.strip().strip("—- ").isdigit())


def main() -> None:
    readers: dict[str, tuple[Callable[[Path], str], tuple[str, ...]]] = {
        "pypdfium2": (with_pdfium, ("pypdfium2", "pypdfium2_raw")),
        "pdfplumber": (with_pdfplumber, ("pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw", "PIL",
                                         "charset_normalizer")),
    }
    print(f"{'读取器':<12}{'字符还原率':>10}{'丢失汉字':>10}{'每个文件 ms':>12}{'安装大小 MB':>12}")
    for name, (read, packages) in readers.items():
        if importlib.util.find_spec(packages[0]) is None:
            print(f"{name:<12} 未安装")
            continue
        ratios, lost, seconds = [], 0, 0.0
        for report in NAMES:
            source = squeeze((REPORTS / f"{report}.txt").read_text(encoding="utf-8"))
            start = time.perf_counter()
            text = read(REPORTS / f"{report}.pdf")
            seconds += time.perf_counter() - start
            got = squeeze(page_number_lines(text))
            ratios.append(difflib.SequenceMatcher(None, source, got, autojunk=False).ratio())
            han = [ch for ch in source if "\u4e00" <= ch <= "\u9fff"]
            lost += max(0, len(han) - sum(1 for ch in got if "\u4e00" <= ch <= "\u9fff"))
        print(f"{name:<12}{sum(ratios) / len(ratios):>10.4f}{lost:>10}{seconds / len(NAMES) * 1000:>12.1f}"
              f"{installed_size(*packages):>12.1f}")


if __name__ == "__main__":
    main()
