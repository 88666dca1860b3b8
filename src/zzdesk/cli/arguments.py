"""Argument types that keep numbers within what SQLite and the layout can hold.

A number outside the range is a usage error with one line, not an OverflowError from SQLite."""

from __future__ import annotations

import argparse
from collections.abc import Callable

SQLITE_MAX = 2**63 - 1


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip()) if len(text) <= 24 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"应为 {low} 到 {high} 之间的整数，而不是「{text[:24]}」")
        return value

    parse.__name__ = "整数"
    return parse


LIMIT = bounded_int(1, 100_000)
YEAR = bounded_int(1, 9999)
COPIES = bounded_int(1, 1_000_000)
ROW_ID = bounded_int(1, SQLITE_MAX)


def report_ref(text: str) -> str:
    """A report's key (or the start of one); all digits is a row id and must be in range."""
    if text.strip().isdecimal():
        ROW_ID(text)
    return text


report_ref.__name__ = "报告"
