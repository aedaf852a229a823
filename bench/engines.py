"""The site generators the benchmark times: MkDocs always, Zensical when it is installed.

Each engine is a function (project, config, site folder) → command line. To add one, add an
entry to `ENGINES`; `available_engines` keeps those whose executable is in the virtualenv.
MkDocs is also measured against the static floor (see __main__.py); other engines are timed
on the same generated projects, side by side, without a floor.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from . import project

BIN = Path(sys.executable).parent
Command = Callable[[Path, str, Path], list[str]]


def _mkdocs(copy: Path, config: str, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config,
            "--site-dir", str(site)]


def _zensical(copy: Path, config: str, site: Path) -> list[str]:
    """Zensical has no --site-dir, so a variant config sets it; --clean makes it a cold build."""
    variant = project.write_variant(copy, f"zensical-{Path(config).stem}",
                                    {"site_dir": str(site)}, parent=config)
    return [str(BIN / "zensical"), "build", "--clean", "-f", variant]


ENGINES: dict[str, tuple[str, Command]] = {
    "mkdocs": ("mkdocs", _mkdocs),
    "zensical": ("zensical", _zensical),
}


def available_engines() -> dict[str, Command]:
    """The engines whose executable is installed next to this Python."""
    return {name: command for name, (executable, command) in ENGINES.items()
            if shutil.which(executable, path=str(BIN))}
