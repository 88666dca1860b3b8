from zzdesk.cli.main import main

raise SystemExit(main())
