"""`python -m flows` runs the same CLI as the `naskah` console script."""

from flows.cli import main

raise SystemExit(main())
