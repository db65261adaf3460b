"""Entry point of `python -m geo`."""

import sys

from geo.run.cli import main

sys.exit(main())
