"""The command line's error contract, shared by the full parser and the search fast path.

A failure the user can cause ends with one line on stderr and exit status 1; a reader that
went away (`| head`) and Ctrl+C end quietly.  Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from zzdesk.cli.output import OutputError
from zzdesk.core.errors import UserError

EXIT_FAILURE = 1


def guarded(command: Callable[[], int]) -> int:
    try:
        return command()
    except UserError as exc:
        print(f"zzdesk: {exc}", file=sys.stderr)
        if isinstance(exc, OutputError):
            _drop_output()
        return EXIT_FAILURE
    except BrokenPipeError:  # the reader (e.g. `| head`) went away: stop quietly
        _drop_output()
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("zzdesk: 已中断", file=sys.stderr)
        return 130


def _drop_output() -> None:
    """What is still buffered for standard output goes nowhere, so Python does not complain at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
