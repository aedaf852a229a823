"""The `PLAN_*` environment settings, read here and nowhere else.

Each is documented in README.md ("Innstillinger"). Tests set them with `monkeypatch.setenv`,
so nothing leaks from one test to the next; `mkdocs.yml` reads `PLAN_SITE_URL` and
`PLAN_REPO_URL` itself through `!ENV`, and code gets those from the loaded config instead.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"

DATA_DIR_SETTING = "PLAN_DATA_DIR"
BUILD_DATE_SETTING = "PLAN_BUILD_DATE"


def data_dir() -> Path:
    """The data folder: `PLAN_DATA_DIR` if set (tests, benchmarks), else `data/`."""
    return Path(os.environ.get(DATA_DIR_SETTING) or DATA_DIR).resolve()


def build_date() -> dt.date:
    """The date the build treats as today: `PLAN_BUILD_DATE` (YYYY-MM-DD) if set."""
    value = os.environ.get(BUILD_DATE_SETTING)
    return dt.date.fromisoformat(value) if value else dt.date.today()


REPO_URL_SETTING = "PLAN_REPO_URL"


def repo_url() -> str | None:
    """The repository on the git host (`PLAN_REPO_URL`), for commands that link to it; the
    site build reads it through mkdocs.yml instead. None when unset or empty."""
    return os.environ.get(REPO_URL_SETTING) or None
