"""The site generators the benchmark times: MkDocs always, Zensical when it is installed.

Each engine is a function (project copy, config file, site folder) → command line, run in the
project copy. To add one, add an
entry to `ENGINES`; `available_engines` keeps those whose executable is in the virtualenv.
MkDocs is also measured against the static floor (see __main__.py); other engines are timed
on the same generated projects, side by side, without a floor.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path


BIN = Path(sys.executable).parent
Command = Callable[[Path, str, Path], list[str]]


def _mkdocs(copy: Path, config: str, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config,
            "--site-dir", str(site)]


def _zensical(copy: Path, config: str, site: Path) -> list[str]:
    """`make build ENGINE=zensical`: a clean Zensical build of the copy's mkdocs.yml."""
    return [sys.executable, "-m", "macros", "zensical", "--config-file", config,
            "--site-dir", str(site)]


ENGINES: dict[str, tuple[str, Command]] = {
    "mkdocs": ("mkdocs", _mkdocs),
    "zensical": ("zensical", _zensical),
}


def available_engines() -> dict[str, Command]:
    """The engines whose executable is installed next to this Python."""
    return {name: command for name, (executable, command) in ENGINES.items()
            if shutil.which(executable, path=str(BIN))}
