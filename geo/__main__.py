"""Entry point of `python -m geo`."""
import sys

from geo.cli import main

sys.exit(main())
