from zzdesk.cli.entry import run

raise SystemExit(run())
