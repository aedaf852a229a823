"""A pytest plugin for `make mutanter` only (setup.cfg, [mutmut]): keep mutmut to the tests that
run the mutated macros/ in the test process.

mutmut switches a mutant on inside the pytest process and learns which tests reach which
function by watching that process. A site build (`mkdocs build`, `python -m macros zensical`)
or any other `python -m …`/`make` runs in a child process: mutmut cannot see what it reaches,
and a build per mutant would take minutes. So:

- tests that use a built site are deselected: every fixture that builds one uses `site_for` or
  `shared` (tests/conftest.py), so a test with either among its fixtures is left out;
- tests/test_html.py is deselected: it checks the HTML checker (Java, in .venv/vnu/), no code
  of macros/, and mutmut's copy has no .venv/; so is tests/test_mutmut_select.py, which checks
  this guard;
- any other test that starts a child process other than git is skipped at that moment (also a
  build asked for while the test runs, e.g. with `request.getfixturevalue`);
- a test may not write to the project's own files (data/, docs/, the fixtures …) or put a new
  file in the project folder: an audit hook (`sys.addaudithook`) refuses the write before it
  happens and the test fails, so a mutant that makes a command write to data/ instead of a
  test's folder is killed. Refusing, not undoing afterwards, matters because mutmut runs two
  mutants at once in the same copy: a write by one, or putting it back, made the other one's
  tests fail, and mutmut counted that mutant as killed when nothing its tests checked had gone
  wrong (9 equivalent mutants were "killed" so in one full run). A change made some other way
  (a child process) is still found afterwards, fails the test and is put back from the project.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The fixtures every site build goes through (tests/conftest.py); pytest lists the fixtures a
# test uses with all the fixtures those use, so a test that needs a built site has one of them.
BUILDS = frozenset({"site_for", "shared"})
# Modules that test the tests' own tools, not macros/.
TOOL_MODULES = frozenset({"test_html.py", "test_mutmut_select.py"})
# Child processes that run no code of macros/: the tests' own git repositories.
ALLOWED = frozenset({"git"})

# What tests read from the project and must never change; mutmut runs in mutants/, a copy.
ROOT = Path(__file__).resolve().parents[1]
PROTECTED = ("data", "docs", "overrides", "tests/fixtures", "mkdocs.yml", "README.md",
             "CONTRIBUTING.md", ".github")

_in_test = False
_original_init = subprocess.Popen.__init__
# Writes to the project refused during the current test, as project-relative paths.
_refused: list[str] = []
_hook_added = False
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
# Audit events that change a file or folder: which of their arguments are paths it changes, and
# which is the folder descriptor those are relative to (None: always the working folder).
# shutil.rmtree works inside the tree it removes by descriptor; its own event names the tree.
_CHANGES = {"os.rename": ((0, 1), 2), "os.remove": ((0,), 1), "os.rmdir": ((0,), 1),
            "os.mkdir": ((0,), 2), "shutil.rmtree": ((0,), 1), "os.truncate": ((0,), None),
            "os.utime": ((0,), None), "os.symlink": ((1,), 2), "os.link": ((1,), None)}


def _protected(path) -> str | None:
    """The project-relative name of `path` if a test may not change it, else None."""
    if isinstance(path, int):
        return None  # a file descriptor: its opening was checked
    full = Path(os.path.abspath(os.fsdecode(path)))
    if full.parent == ROOT:
        return full.name  # the project folder itself: only mutmut and pytest write there
    try:
        relative = full.relative_to(ROOT).as_posix()
    except ValueError:
        return None
    return relative if any(relative == name or relative.startswith(name + "/")
                           for name in PROTECTED) else None


def _audit(event: str, args: tuple) -> None:
    """Refuse, while a test runs, any write to the project's own files (see the docstring)."""
    if not _in_test:
        return
    if event == "open":
        path, mode, flags = args
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) \
            else bool(flags & _WRITE_FLAGS)
        paths = (path,) if writes else ()
    elif event in _CHANGES:
        indices, dir_fd = _CHANGES[event]
        if dir_fd is not None and args[dir_fd] not in (None, -1):
            return  # relative to a folder already open, inside a tree checked as a whole
        paths = tuple(args[i] for i in indices)
    else:
        return
    for path in paths:
        name = _protected(path)
        if name is not None:
            _refused.append(name)
            raise PermissionError(errno.EACCES, "testen kan ikke skrive til prosjektets egne "
                                                "filer under mutmut", name)


def _guarded_init(self, args, *rest, **kwargs):
    program = args if isinstance(args, (str, bytes)) else args[0]
    if _in_test and Path(str(program).split()[0]).name not in ALLOWED:
        pytest.skip(f"starter {program} i en egen prosess, som mutmut ikke ser inn i")
    _original_init(self, args, *rest, **kwargs)


def pytest_configure(config) -> None:
    global _hook_added
    subprocess.Popen.__init__ = _guarded_init  # type: ignore[method-assign]
    if not _hook_added:  # an audit hook cannot be removed; one per process (and its forks)
        sys.addaudithook(_audit)
        _hook_added = True


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


def _state() -> tuple[frozenset[str], dict[str, tuple[int, int]]]:
    """The project folder's top-level names, and the size and time of every protected file."""
    files: dict[str, tuple[int, int]] = {}
    for name in PROTECTED:
        top = ROOT / name
        for path in (top.rglob("*") if top.is_dir() else [top]):
            if path.is_file():
                stat = path.stat()
                files[path.relative_to(ROOT).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return frozenset(p.name for p in ROOT.iterdir()), files


def _restore(names: frozenset[str]) -> None:
    """Put mutmut's copy back as the project has it: the protected paths copied afresh from
    the project (the folder mutants/ lies in), and new top-level files and folders removed."""
    for path in ROOT.iterdir():
        if path.name not in names:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    if ROOT.name != "mutants":
        return  # not mutmut's copy: nothing to restore from
    for name in PROTECTED:
        source, target = ROOT.parent / name, ROOT / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.exists():
            shutil.copy2(source, target)


@pytest.fixture(autouse=True)
def project_untouched():
    """Fail a test that tried to write to the project's own files, or changed them some other
    way (then after putting them back)."""
    global _in_test
    names, files = _state()
    _refused.clear()
    yield
    _in_test = False  # from here on, the guard itself may put files back
    if _refused:
        pytest.fail(f"testen prøvde å skrive til prosjektets egne filer: "
                    f"{', '.join(sorted(set(_refused)))}")
    now_names, now_files = _state()
    if (now_names, now_files) != (names, files):
        changed = sorted((now_names ^ names) | {path for path in files.keys() | now_files.keys()
                                                if files.get(path) != now_files.get(path)})
        _restore(names)
        pytest.fail(f"testen endret prosjektets egne filer: {', '.join(changed)}")
