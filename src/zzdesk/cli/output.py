"""What the command line prints: safe for the terminal, valid JSON, never a traceback for encoding.

Text from an imported report or a data pack's manifest may carry terminal escape sequences
(ESC, CSI, bidi overrides …) that would recolour, hide or rewrite what the user sees; every line
zzdesk prints goes through `SafeStream`, which shows such characters as "?".  A stream whose
encoding cannot hold Chinese (PYTHONIOENCODING=ascii) gets \\u escapes instead of a crash.
"""

from __future__ import annotations

import errno
import math
import sys
from functools import cache

from zzdesk.core.errors import UserError

TYPE_CHECKING = False  # typing (and contextlib) would cost the search command's start-up a few ms
if TYPE_CHECKING:
    import re
    from typing import Any, TextIO

# C0 and C1 controls except tab and newline, DEL, lone surrogates (non-UTF-8 bytes), bidi controls.
UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]"


@cache
def _unsafe() -> re.Pattern[str]:
    import re

    return re.compile(UNSAFE)  # about 1 ms: only for text that has a character isprintable() doubts


def clean(text: str) -> str:
    # Every unsafe character is one str.isprintable() refuses (a control, format or surrogate code point),
    # so text it accepts, line by line, is printed as it is.
    if text.replace("\n", "").isprintable():
        return text
    return _unsafe().sub("?", text)


class OutputError(UserError):
    """What zzdesk prints cannot be written (a full disk, a device that refuses it)."""


class SafeStream:
    """A text stream wrapper that prints no control sequences and survives any encoding."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream already in use keeps its fixed setting
                return  # (contextlib.suppress would cost the search command's start-up)

    def write(self, text: str) -> int:
        try:
            self._stream.write(clean(text))
        except BrokenPipeError:
            raise  # the reader went away: not a failure to report
        except OSError as exc:
            reason = "磁盘已满" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
            raise OutputError(f"无法写出结果（{reason}）") from exc
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class safe_standard_streams:  # lower case: used like the function it was, `with safe_standard_streams():`
    """Standard output and error as `SafeStream`s while inside the `with` block."""

    def __enter__(self) -> None:
        self._saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)

    def __exit__(self, *_exc: object) -> None:
        sys.stdout, sys.stderr = self._saved


def _finite(value: Any, replaced: list[str]) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        replaced.append(repr(value))
        return None
    if isinstance(value, dict):
        return {k: _finite(v, replaced) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v, replaced) for v in value]
    return value


def strict_json(document: Any) -> tuple[str, int]:
    """*document* as standard JSON (no NaN/Infinity: such values become null) and how many were replaced."""
    replaced: list[str] = []
    import json  # only the --json commands need it (zzdesk search starts without it)

    text = json.dumps(_finite(document, replaced), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return text, len(replaced)
