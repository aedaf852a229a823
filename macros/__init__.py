"""The plan's site, from data to pages. The flow, one job per module:

data/*.yaml → load and validate (`load.load_plan`, the one entry point: read.py, validate.py,
check.py and periodcheck.py for the reporting periods, build.py; errors in bokmål with
file:line) → model (model.py: the Plan and its periods, frozen; a period's report in
periodreport.py) → render (pagemacros.py: the macros pages call; render.py, periodpages.py and
templates/; urls.py, text.py, templating.py; pages.py: the pages made from the data) → site
(MkDocs with the hooks in hooks/, or Zensical through engine.py; then output.py writes the feed
and the open data: feed.py, opendata.py, perioddata.py).

The commands (`python -m macros`, __main__.py) work on the same model: `check` (verify.py,
linkcontract.py), `fastsett` (periodfreeze.py), `pdf` (pdf.py), the status diff (diff.py) and
status reports without YAML (logwriter.py and the modules it names).

This package is the host's entry point (`module_name: macros` in mkdocs.yml, for mkdocs-macros
and Zensical alike): `define_env` and `on_post_build` hand over to pagemacros.py, imported only
when a host builds, so that `python -m macros check`, which imports this package too, imports
nothing of the site build. Settings from mkdocs.yml come through config.py, `PLAN_*`
environment settings through settings.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pagemacros import MacrosEnv

# Zensical executes this file by path once per page, without the project on `sys.path`; the
# relative imports below need the package itself importable, and importing it once keeps the
# submodules (and so the plan cache in `load.py`) alive across pages.
_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)


def define_env(env: MacrosEnv) -> None:
    """Register the plan's macros (pagemacros.py); a data error stops the build."""
    from .pagemacros import define_env as register

    register(env)


def on_post_build(env: MacrosEnv) -> None:
    """Check the built site and write the feed and the open data (pagemacros.py)."""
    from .pagemacros import on_post_build as finish

    finish(env)
