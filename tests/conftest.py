"""Shared test helpers: paths, and building the real site into a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE_DATA = FIXTURES / "eksempel"
PERIOD_DATA = FIXTURES / "perioder"  # two reporting periods, one fixed (test_periods.py)
BUILD_DATE = "2026-11-01"


@dataclass
class Build:
    """The result of one `mkdocs build`: exit code, output and the site folder."""

    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        """HTML of a page by its directory URL, e.g. "omrader/mangfold/"."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def html_files(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def _run_build(command: list[str], dest: Path, data_dir: Path | None, env: dict) -> Build:
    """Run one build command from the repository root with the tests' fixed build date."""
    inherited = {k: v for k, v in os.environ.items() if k != "PLAN_REPO_URL"}  # tests set it
    environment = {**inherited, "PLAN_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1", **env}
    if data_dir is not None:
        environment["PLAN_DATA_DIR"] = str(data_dir)
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    return Build(result.returncode, result.stdout + result.stderr, dest)


def build_site(dest: Path, data_dir: Path | None = None, **env: str) -> Build:
    """Run the real build (strict) into `dest`, optionally from another data folder."""
    return _run_build([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                       str(dest)], dest, data_dir, env)


def build_zensical(dest: Path, data_dir: Path | None = None, **env: str) -> Build:
    """Build with Zensical, as `make build ENGINE=zensical` does, into `dest`."""
    return _run_build([sys.executable, "-m", "macros", "zensical", "--site-dir", str(dest)],
                      dest, data_dir, env)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Build:
    """The real plan, built once per test session."""
    build = build_site(tmp_path_factory.mktemp("site"))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Build:
    """The example data in tests/fixtures/eksempel, built once per test session."""
    build = build_site(tmp_path_factory.mktemp("example-site"), data_dir=EXAMPLE_DATA)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def period_site(tmp_path_factory) -> Build:
    """The example periods in tests/fixtures/perioder, built once per test session."""
    build = build_site(tmp_path_factory.mktemp("period-site"), data_dir=PERIOD_DATA)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Build:
    """The real plan built by Zensical (`make build ENGINE=zensical`), once per test session."""
    build = build_zensical(tmp_path_factory.mktemp("zensical-site"))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one per test session."""
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def serve():
    """Serve a built site folder on 127.0.0.1 (free port) until the session ends: `serve(path)`."""
    from browser import serve_folder

    with ExitStack() as servers:
        cache: dict[Path, str] = {}

        def start(folder: Path) -> str:
            if folder not in cache:
                cache[folder] = servers.enter_context(serve_folder(folder))
            return cache[folder]

        yield start


@pytest.fixture(scope="session")
def real_server(real_site, serve) -> str:
    """Base URL ("http://127.0.0.1:PORT/") of the real site, served."""
    return serve(real_site.site)


def pytest_collection_modifyitems(items) -> None:
    """Mark every test that drives the browser, so `-m "not browser"` skips them."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
