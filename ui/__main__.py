"""``python -m ui [--demo] [--lang fr|en]``: open the editor."""

import sys

from ui.main import run_editor

sys.exit(run_editor(sys.argv[1:]))
