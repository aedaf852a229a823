"""Shared test helpers: paths, and building the real site into a temporary folder."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE_DATA = FIXTURES / "eksempel"
PERIOD_DATA = FIXTURES / "perioder"  # two reporting periods, one fixed (test_periods.py)
BUILD_DATE = "2026-11-01"
# An example repository address (not the real one): edit and "Meld status" links appear.
EXAMPLE_REPO = "https://github.com/eksempel-eier/handlingsplan"


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
    # Only the settings a test gives count: none of the PLAN_* settings of the shell it runs in.
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("PLAN_")}
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


def _content_key(engine: str, data_dir: Path | None, env: dict[str, str]) -> str:
    """What a build depends on within one test session: the engine, the data's content (not
    where it lies: the site never shows the data folder's path) and the settings."""
    digest = hashlib.sha256(json.dumps([engine, sorted(env.items())]).encode())
    folder = data_dir or ROOT / "data"
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def shared(tmp_path_factory):
    """`shared(key, make)`: the folder `make(folder)` filled, made once per test run for every
    test and every pytest-xdist worker that asks for the same key (a file lock lets one worker
    make it while the others wait). Treat it as read-only: copy it before changing anything."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the workers' base folders lie side by side in the run's folder
    cache = root / "shared"
    cache.mkdir(exist_ok=True)

    def get(key: str, make: Callable[[Path], object]) -> Path:
        folder, done = cache / key, cache / f"{key}.done"
        with open(cache / f"{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
                folder.mkdir()
                make(folder)
                done.touch()
        return folder

    return get


@pytest.fixture(scope="session")
def site_for(shared):
    """`site_for(data_dir=None, engine="mkdocs", **settings)`: a built site, made once per
    test run for each data content, engine and settings (see `shared`)."""
    builders = {"mkdocs": build_site, "zensical": build_zensical}

    def site(data_dir: Path | None = None, engine: str = "mkdocs", **env: str) -> Build:
        def make(folder: Path) -> None:
            build = builders[engine](folder / "site", data_dir, **env)
            (folder / "result.json").write_text(json.dumps([build.returncode, build.output]),
                                                encoding="utf-8")

        folder = shared(_content_key(engine, data_dir, env), make)
        returncode, output = json.loads((folder / "result.json").read_text(encoding="utf-8"))
        return Build(returncode, output, folder / "site")

    return site


def _built(build: Build) -> Build:
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def real_site(site_for) -> Build:
    """The real plan."""
    return _built(site_for())


@pytest.fixture(scope="session")
def example_site(site_for) -> Build:
    """The example data in tests/fixtures/eksempel."""
    return _built(site_for(EXAMPLE_DATA))


@pytest.fixture(scope="session")
def period_site(site_for) -> Build:
    """The example periods in tests/fixtures/perioder."""
    return _built(site_for(PERIOD_DATA))


@pytest.fixture(scope="session")
def zensical_site(site_for) -> Build:
    """The real plan built by Zensical (`make build ENGINE=zensical`)."""
    return _built(site_for(engine="zensical"))


@pytest.fixture
def windows_locale(monkeypatch):
    """Python's default text encoding set to Windows' cp1252 for the test, as on a contributor's
    Windows machine: a file written or read without `encoding="utf-8"` then shows (æøå as other
    bytes, or a byte cp1252 cannot read)."""
    import io

    original = io.text_encoding
    monkeypatch.setattr(io, "text_encoding",
                        lambda encoding, stacklevel=2: original(encoding or "cp1252"))


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


@pytest.fixture(scope="session")
def walk_of(browser, serve):
    """`walk_of(build, width, scheme, settle=False)`: every page of a built site loaded at one
    width and scheme, with axe run on each (browser.walk_site); each walk once per session.
    A walk is one test, so that pytest-xdist's workers can make different walks side by side."""
    from browser import walk_site

    cache: dict[tuple, object] = {}

    def walk(build: Build, width: int, scheme: str, settle: bool = False):
        key = (build.site, width, scheme, settle)
        if key not in cache:
            cache[key] = walk_site(browser, serve(build.site), build.site, width, scheme, settle)
        return cache[key]

    return walk


# The modules with the longest tests, longest first (`make test` prints the slowest). pytest-xdist
# hands out tests one at a time in this order (--maxschedchunk 1), so no worker ends with a long
# walk while the other waits; each module's tests stay together, so its fixtures are made once.
SLOW_FIRST = ["test_every_page.py", "test_zensical_browser.py", "test_accessibility.py",
              "test_hostile_input.py", "test_periods_browser.py", "test_progress_browser.py",
              "test_bench.py", "test_serve.py", "test_types.py"]


ASCII_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "AE", "Ø": "OE", "Å": "AA"}


def pytest_make_parametrize_id(config, val, argname) -> str | None:
    """A text (or bytes) parameter's id in plain ASCII: æøå written out, any other character outside
    printable ASCII (and the backslash) as U+XXXX. pytest would write them with backslash
    escapes, and `make mutanter`, which runs tests again by id, then finds no such test."""
    if isinstance(val, bytes):
        val = val.decode("latin-1")
    if not isinstance(val, str):
        return None
    return "".join(ASCII_LETTERS.get(char) or (char if " " <= char <= "~" and char != "\\"
                                               else f"U+{ord(char):04X}") for char in val)


def pytest_collection_modifyitems(items) -> None:
    """Mark every test that drives the browser, so `-m "not browser"` skips them; run the
    slowest modules first. Test ids must be plain ASCII (see pytest_make_parametrize_id)."""
    escaped = [item.nodeid for item in items if "\\" in item.nodeid]
    if escaped:
        raise pytest.UsageError("Bruk bare ASCII uten skråstrek i testnavn og ids (æ → ae, "
                                "ø → oe, å → aa): " + ", ".join(escaped))
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
