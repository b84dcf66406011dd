"""``python -m ui [--demo] [--lang fr|en] [--review DIR]``: open the editor, or review an export."""

import sys

from ui.main import run_editor

sys.exit(run_editor(sys.argv[1:]))
