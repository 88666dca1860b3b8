"""Recognising the plain form of `zzdesk search` without argparse.

[--data-dir DIR] [--reference-db FILE] search QUERY [--type T]... [--limit N] [--json], each
option spelt out in full with its value as the next argument.  Anything else -- help, --report,
abbreviations, `--opt=value`, a bad number, a query starting with "-", characters that are
not UTF-8 -- is left to the full parser, so its messages and rules stay the only ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

_GLOBAL = ("--data-dir", "--reference-db")
MAX_LIMIT = 100_000  # as the full parser's --limit


def plain_search(argv: Sequence[str]) -> SimpleNamespace | None:
    """The parsed arguments when *argv* is a plain search, else None."""
    if any(not arg or any("\ud800" <= ch <= "\udfff" or ch == "\x00" for ch in arg) for arg in argv):
        return None
    args = SimpleNamespace(data_dir=None, reference_db=None, command="search", query=None, type=None,
                           limit=50, json=False, report=None)
    items = iter(argv)
    seen_command = False
    for arg in items:
        if not seen_command and arg in _GLOBAL:
            value = next(items, None)
            if value is None or value.startswith("-"):
                return None
            if arg == "--data-dir":
                args.data_dir = value
            else:
                from pathlib import Path

                args.reference_db = Path(value)
        elif not seen_command:
            if arg != "search":
                return None
            seen_command = True
        elif arg == "--json":
            args.json = True
        elif arg in ("--type", "--limit"):
            value = next(items, None)
            if value is None or value.startswith("-"):
                return None
            if arg == "--type":
                args.type = [*(args.type or []), value]
            elif value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_LIMIT:
                args.limit = int(value)
            else:
                return None
        elif arg.startswith("-") or args.query is not None:
            return None
        else:
            args.query = arg
    return args if args.query is not None else None
