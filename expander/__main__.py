"""``python -m expander`` runs the command-line interface."""

from expander.cli.main import main

raise SystemExit(main())
