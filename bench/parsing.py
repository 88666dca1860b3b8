"""Report parsing grows linearly with the text: ordinary reports and hostile shapes at 1×, 2×, 4×, 8×.

For each shape it prints the parse time at each size, the time per 1,000 characters, and the ratio of the
largest size's per-character time to the smallest's (about 1 when parsing is linear; 8 would be quadratic).
The baseline is the same parse at the smallest size in the same run.  Usage:
    .venv/bin/python bench/parsing.py [--base 20000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from zzdesk.core.parsing.report import parse_report

ROOT = Path(__file__).resolve().parents[1]


def ordinary(size: int) -> str:
    body = (ROOT / "tests" / "data" / "reports" / "zhengzhou-2026-full.txt").read_text(encoding="utf-8")
    head, _, rest = body.partition("\n")
    return head + "\n" + rest * max(1, size // len(rest))


def one_long_sentence(size: int) -> str:
    return "某市2025年政府工作报告\n\n总体情况\n\n2025年，" + "增长5%，" * (size // 5) + "完成。"


def respectively(size: int) -> str:
    return "某市2025年政府工作报告\n\n总体情况\n\n2025年，某" + "分别为" * (size // 3) + "X增长5%。"


def no_commas(size: int) -> str:
    return "某市2025年政府工作报告\n\n总体情况\n\n2025年，" + "产值增长5%" * (size // 6) + "。"


def broken_lines(size: int) -> str:
    return "某市2025年政府工作报告\n\n总体情况\n\n2025年，" + "增长5%，\n" * (size // 6) + "完成。"


def long_digits(size: int) -> str:
    return "某市2025年政府工作报告\n\n总体情况\n\n2025年，产值" + "1" * size + "元。"


def many_headings(size: int) -> str:
    return "某市2025年政府工作报告\n\n" + "".join(f"主题{i}\n\n2024年，产值增长5%。\n\n" for i in range(size // 20))


def table_rows(size: int) -> str:
    rows = "".join(f"指标{i}\t%\t5.{i % 10}\t6左右\n" for i in range(size // 16))
    return "某市2026年政府工作报告\n\n一、2025年工作回顾\n\n指标\t单位\t2025年完成\t2026年目标\n" + rows


SHAPES: dict[str, Callable[[int], str]] = {
    "普通报告": ordinary, "一句话里的增长5%，": one_long_sentence, "分别为×N": respectively,
    "无逗号的长句": no_commas, "每行断开": broken_lines, "超长数字": long_digits, "满篇标题": many_headings,
    "表格行": table_rows,
}


def timed(text: str) -> float:
    start = time.perf_counter()
    parse_report(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=int, default=20000, help="smallest text size in characters")
    args = parser.parse_args()
    parse_report(ordinary(2000))  # warm-up: segmenter dictionary, catalogue
    print(f"{'形状':<14}" + "".join(f"{f'{m}× (ms)':>12}" for m in (1, 2, 4, 8)) + f"{'ms/千字 1×':>12}{'8×/1×':>8}")
    for name, make in SHAPES.items():
        per_char = []
        cells = []
        for multiple in (1, 2, 4, 8):
            text = make(args.base * multiple)
            seconds = timed(text)
            per_char.append(seconds / len(text))
            cells.append(f"{seconds * 1000:>12.0f}")
        print(f"{name:<14}" + "".join(cells) + f"{per_char[0] * 1e6:>12.2f}{per_char[-1] / per_char[0]:>8.2f}")


if __name__ == "__main__":
    main()
