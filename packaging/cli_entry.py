"""Entry point of the console twin in the packaged build: the headless command line."""

from workstation.cli import main

raise SystemExit(main())
