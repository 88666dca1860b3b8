"""The one error type for failures a user can cause.

Its message is a single Chinese line that the CLI prints and the GUI shows as it is.  Any other
exception reaching the top is a bug: it is logged with its traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A failure the user can cause or fix (bad file, full disk, missing data); `str()` is one Chinese line."""
