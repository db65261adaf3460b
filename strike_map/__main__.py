"""Entry point of `python -m strike_map` (the `strike-map` and `geo` commands once the project is installed)."""

import sys

from strike_map.cli import main

sys.exit(main())
