"""The `zzdesk` command's entry point: a plain `zzdesk search QUERY` is answered before the
full command line (argparse and every command module) is loaded.

Searching from a terminal or a script is mostly start-up; anything this fast path does not
recognise exactly goes to `zzdesk.cli.main`, which gives the same answer, only later.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    from zzdesk.cli.quick_search import plain_search

    request = plain_search(given)
    if request is not None:
        from zzdesk.cli.guard import guarded
        from zzdesk.cli.output import safe_standard_streams
        from zzdesk.cli.search_command import cmd_search

        with safe_standard_streams():
            return guarded(lambda: cmd_search(request))
    from zzdesk.cli.main import main as full_main

    return full_main(given)
