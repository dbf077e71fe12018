"""Entry point of the bundled app (PyInstaller runs this file)."""

from supple.cli import main

raise SystemExit(main())
