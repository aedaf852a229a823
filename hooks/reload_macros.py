"""MkDocs hook: `mkdocs serve` re-imports the macros package on every rebuild.

mkdocs-macros imports `macros` with `importlib.import_module`, so Python keeps the first import
for the life of the server and edits to `macros/*.py` would only show after a restart.
"""

from __future__ import annotations

import sys

from mkdocs.plugins import event_priority


@event_priority(100)  # before mkdocs-macros (priority 0) imports the package in its on_config
def on_config(config):
    """Forget the macros package and its submodules, so this build imports the saved code."""
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        del sys.modules[name]
    return config
