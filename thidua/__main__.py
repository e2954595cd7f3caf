"""Allow `python -m thidua`: the same words and exit codes as the installed script."""

import sys

from thidua.cli import main

sys.exit(main())
