"""`zzdesk search` answered by the fast path says exactly what the full parser says."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzdesk.cli import entry, main
from zzdesk.cli.quick_search import plain_search

SAME = [
    ["search", "科技城"],
    ["search", "zz", "--limit", "3"],
    ["search", "--type", "企业", "--type", "project", "zhengzhou", "--json"],
    ["search", "鄭州", "--limit", "2", "--json"],
    ["search", "no-such-thing-at-all"],
    ["search", "  "],
    ["search", "郑州", "--type", "火星"],  # an unknown type: the same one-line error, exit 1
]
FULL_PARSER_ONLY = [
    ["search"], ["search", "--help"], ["search", "郑州", "--limit", "0"], ["search", "郑州", "--limit=3"],
    ["search", "郑州", "--lim", "3"], ["search", "郑州", "--report", "latest"], ["search", "-x"],
    ["search", "郑州", "科技城"], ["figures"], [], ["search", "郑\udc80州"], ["--version"],
]


@pytest.mark.parametrize("argv", SAME)
def test_fast_path_answers_like_the_full_parser(argv: list[str], user_home: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert plain_search(argv) is not None
    fast_code = entry.main(argv)
    fast = capsys.readouterr()
    full_code = main.main(argv)
    full = capsys.readouterr()
    assert (fast_code, fast.out, fast.err) == (full_code, full.out, full.err)
    assert fast.out or fast.err


@pytest.mark.parametrize("argv", FULL_PARSER_ONLY)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert plain_search(argv) is None


def test_global_options_are_understood(tmp_path: Path) -> None:
    parsed = plain_search(["--data-dir", str(tmp_path), "--reference-db", "x.sqlite", "search", "郑州", "--json"])
    assert parsed is not None
    assert (parsed.data_dir, parsed.reference_db, parsed.query, parsed.json) == (str(tmp_path), Path("x.sqlite"),
                                                                                 "郑州", True)
