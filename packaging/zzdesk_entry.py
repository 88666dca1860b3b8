"""Entry point of the frozen bundle: the same `zzdesk` command as in a checkout, and
`zzdesk --check-runtime`, the smoke tests' check of what packaging trimmed (packaging/runtime_check.py)."""

import sys

if sys.argv[1:] == ["--check-runtime"]:
    from runtime_check import main as check_runtime

    sys.exit(check_runtime())

from zzdesk.cli.entry import main

sys.exit(main())
