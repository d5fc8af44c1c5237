"""``python -m sti_geo``: the command line (see ``sti_geo.cli``)."""

from .cli import main

raise SystemExit(main())
