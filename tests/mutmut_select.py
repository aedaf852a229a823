"""A pytest plugin for `make mutanter` only (setup.cfg, [mutmut]): keep mutmut to the tests that
run the mutated macros/ in the test process.

mutmut switches a mutant on inside the pytest process and learns which tests reach which
function by watching that process. A site build (`mkdocs build`, `python -m macros zensical`)
or any other `python -m …`/`make` runs in a child process: mutmut cannot see what it reaches,
and a build per mutant would take minutes. So:

- tests that use a built site are deselected: every fixture that builds one uses `site_for` or
  `shared` (tests/conftest.py), so a test with either among its fixtures is left out;
- tests/test_html.py is deselected: it checks the HTML checker (Java, in .venv/vnu/), no code
  of macros/, and mutmut's copy has no .venv/;
- any other test that starts a child process other than git is skipped at that moment (also a
  build asked for while the test runs, e.g. with `request.getfixturevalue`).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

# The fixtures every site build goes through (tests/conftest.py); pytest lists the fixtures a
# test uses with all the fixtures those use, so a test that needs a built site has one of them.
BUILDS = frozenset({"site_for", "shared"})
# Modules that test the tests' own tools, not macros/.
TOOL_MODULES = frozenset({"test_html.py"})
# Child processes that run no code of macros/: the tests' own git repositories.
ALLOWED = frozenset({"git"})

_in_test = False
_original_init = subprocess.Popen.__init__


def _guarded_init(self, args, *rest, **kwargs):
    program = args if isinstance(args, (str, bytes)) else args[0]
    if _in_test and Path(str(program).split()[0]).name not in ALLOWED:
        pytest.skip(f"starter {program} i en egen prosess, som mutmut ikke ser inn i")
    _original_init(self, args, *rest, **kwargs)


def pytest_configure(config) -> None:
    subprocess.Popen.__init__ = _guarded_init  # type: ignore[method-assign]


def pytest_unconfigure(config) -> None:
    subprocess.Popen.__init__ = _original_init  # type: ignore[method-assign]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    global _in_test
    _in_test = True
    try:
        yield
    finally:
        _in_test = False


def pytest_collection_modifyitems(config, items) -> None:
    kept = [item for item in items if not BUILDS & set(getattr(item, "fixturenames", ()))
            and item.path.name not in TOOL_MODULES]
    dropped = [item for item in items if item not in kept]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
