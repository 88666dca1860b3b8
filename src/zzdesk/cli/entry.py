"""The `zzdesk` command's entry point: a plain `zzdesk search QUERY` is answered before the
full command line (argparse and every command module) is loaded.

Searching from a terminal or a script is mostly start-up; anything this fast path does not
recognise exactly goes to `zzdesk.cli.main`, which gives the same answer, only later.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing and collections.abc would cost the search's start-up
if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import SimpleNamespace


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    from zzdesk.cli.quick_search import plain_search

    request = plain_search(given)
    return _full(given) if request is None else _search(request)


def run() -> int:
    """The installed command: `main`, and a plain search ends the process as soon as it has answered.

    Such a process lives some tens of ms, so collecting cycles or tearing the interpreter down
    (freeing every module's objects) would only add to the wait; nothing on that path is left to
    clean up once its output is flushed.  Every other command exits the ordinary way.
    """
    import gc

    gc.disable()
    given = sys.argv[1:]
    from zzdesk.cli.quick_search import plain_search

    request = plain_search(given)
    if request is None:
        gc.enable()
        return _full(given)
    code = _search(request)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # a windowed (frozen) program may have none
                stream.flush()
    except (OSError, ValueError):
        return code  # the interpreter's own exit reports the unwritten output, as it always did
    import os

    os._exit(code)


def _full(argv: list[str]) -> int:
    from zzdesk.cli.main import main as full_main

    return full_main(argv)


def _search(request: SimpleNamespace) -> int:
    from zzdesk.cli.guard import guarded
    from zzdesk.cli.output import safe_standard_streams
    from zzdesk.cli.search_command import cmd_search

    with safe_standard_streams():
        return guarded(lambda: cmd_search(request))
