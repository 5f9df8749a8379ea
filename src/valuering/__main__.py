"""``python -m valuering`` runs the command line."""

import sys

from valuering.cli import main

sys.exit(main())
