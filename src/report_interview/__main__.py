"""`python -m report_interview` runs the command line."""

from .cli.main import main

raise SystemExit(main())
