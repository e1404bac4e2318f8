"""`python -m report_interview` runs the command line."""

from .cli import main

raise SystemExit(main())
