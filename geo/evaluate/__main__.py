"""Entry point of `python -m geo.evaluate FILE.xml`."""

import sys

from geo.evaluate.scoring import main

sys.exit(main())
