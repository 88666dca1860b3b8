from zzdesk.cli.entry import main

raise SystemExit(main())
