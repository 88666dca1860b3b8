"""Entry point of the frozen bundle: the same `zzdesk` command as in a checkout."""

import sys

from zzdesk.cli.entry import run

sys.exit(run())
