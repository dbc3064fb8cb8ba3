from pluggto_desktop.cli import main

raise SystemExit(main())
