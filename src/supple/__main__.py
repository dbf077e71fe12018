"""Allows ``python -m supple``."""

from supple.cli import main

raise SystemExit(main())
