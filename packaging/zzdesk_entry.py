"""Entry point of the frozen bundle: the same `zzdesk` command as in a checkout."""

import sys

from zzdesk.cli.main import main

sys.exit(main())
