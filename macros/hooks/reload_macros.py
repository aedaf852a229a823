"""MkDocs hook: `mkdocs serve` re-imports the macros package on a rebuild after its code changed.

mkdocs-macros imports `macros` with `importlib.import_module`, so Python keeps the first import
for the life of the server and edits to `macros/*.py` would only show after a restart. After an
edit to the data or the pages alone (the common case), the package is kept, with its cached
plan and compiled templates, so the preview shows the change sooner (see bench/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

PACKAGE = "macros"
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # macros/, this file's package
STAMP_ATTRIBUTE = "_source_stamp"  # set on the imported package: which saved code it is

# Carries on_config's stamp to on_pre_build of the same build.
_stamp: tuple[tuple[str, int], ...] = ()


def _source_stamp() -> tuple[tuple[str, int], ...]:
    """Modification times of the package's Python files."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in PACKAGE_DIR.rglob("*.py")))


@event_priority(100)  # before mkdocs-macros (priority 0) imports the package in its on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Forget the macros package and its submodules if their code changed since the import."""
    global _stamp
    _stamp = _source_stamp()
    package = sys.modules.get(PACKAGE)
    if package is None or getattr(package, STAMP_ATTRIBUTE, None) != _stamp:
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Mark the package now imported with the code it was imported from."""
    package = sys.modules.get(PACKAGE)
    if package is not None:
        setattr(package, STAMP_ATTRIBUTE, _stamp)
