"""Start the workstation window: ``python main.py [--demo] [--db URL] [--user NAME]``."""

from ui.app import main

raise SystemExit(main())
