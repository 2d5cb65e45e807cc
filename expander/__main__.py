"""``python -m expander`` runs the command-line interface."""

from expander.cli import main

raise SystemExit(main())
