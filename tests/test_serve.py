"""The preview (`make serve`): the hooks in macros/hooks/ that only `mkdocs serve` uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = """
import importlib.util, sys
import macros, macros.render
first = macros.render
spec = importlib.util.spec_from_file_location("reload_macros", "macros/hooks/reload_macros.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)
config = object()
assert hook.on_config(config) is config
assert not [n for n in sys.modules if n == "macros" or n.startswith("macros.")]
import macros.render
assert macros.render is not first
print("fresh")
"""


def test_hook_makes_the_next_build_import_the_saved_macros():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "fresh"


def test_hook_runs_before_mkdocs_macros_and_is_configured():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:\n  - macros/hooks/reload_macros.py" in config
    source = (ROOT / "macros" / "hooks" / "reload_macros.py").read_text(encoding="utf-8")
    assert "@event_priority(100)" in source


KEEP_SCRIPT = """
import importlib.util, os, sys, tempfile
from pathlib import Path
spec = importlib.util.spec_from_file_location("reload_macros", "macros/hooks/reload_macros.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)
hook.PACKAGE_DIR = Path(tempfile.mkdtemp())
source = hook.PACKAGE_DIR / "render.py"
source.write_text("")
config = object()
hook.on_config(config)
import macros.render
hook.on_pre_build(config)
first = macros.render
hook.on_config(config)
import macros.render
assert macros.render is first, "data-only rebuild re-imported the package"
hook.on_pre_build(config)
os.utime(source, ns=(1, 1))
hook.on_config(config)
assert "macros.render" not in sys.modules, "edited code was kept"
print("kept, then fresh")
"""


def test_hook_keeps_the_package_until_its_code_changes():
    result = subprocess.run([sys.executable, "-c", KEEP_SCRIPT], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "kept, then fresh"


def test_preview_polls_saved_files_every_tenth_of_a_second(tmp_path):
    import importlib.util

    from mkdocs.livereload import LiveReloadServer

    spec = importlib.util.spec_from_file_location("serve", ROOT / "macros" / "hooks" / "serve.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    server.watch(str(tmp_path / "docs"))  # watched before the hook runs, like docs/
    assert hook.on_serve(server, None, None) is server
    server.watch(str(tmp_path / "data"))  # watched after it, like `watch:` in mkdocs.yml
    timeouts = {emitter.timeout for emitter in server.observer.emitters}
    assert timeouts == {hook.POLL_SECONDS} == {0.1}
    assert "  - macros/hooks/serve.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# A preview that never hangs: data errors as a page ---------------------------------------------

AREA_FILE = "omrader/1-mangfold.yaml"
AREA_URL = "omrader/mangfold/"
# The README's example of a wrong status, put into the first tiltak of a copy of the data.
GOOD_LINE = 'sertifisering i mangfoldsledelse."\n'
BAD_LOG = ('        logg:\n          - dato: 2025-03-14\n            status: ferdig\n'
           '            tekst: "Eksempel."\n')
BAD_MESSAGE = ("{folder}/omrader/1-mangfold.yaml:13:21: tiltak 1.1.1 logg[1].status: ukjent "
               "verdi 'ferdig' (tillatt: 'ikke-startet', 'pagar', 'lopende', 'fullfort', "
               "'utsatt', 'ikke-viderefort')")
REQUEST_SECONDS = 60  # a request still unanswered after this has hung (a build takes ~5 s)
WAIT_SECONDS = 180


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    """Status and body; raises TimeoutError if the server does not answer in time."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(server, url: str, check) -> str:
    """Fetch `url` until `check(body)` holds; fail if the server stops or a request hangs."""
    import time
    import urllib.error

    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stoppet:\n" + server.stdout.read()
        try:
            _, body = _get(url)
        except (urllib.error.URLError, ConnectionError):  # not listening yet
            time.sleep(0.5)
            continue
        if check(body):
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} viste ikke det som ventes innen {WAIT_SECONDS} s")


def _is_error_page(body: str) -> bool:
    return "<title>Feil i dataene – forhåndsvisning</title>" in body


def _is_area_page(body: str) -> bool:
    return 'id="tiltak-1-1-1"' in body


def _assert_lists_the_error(body: str, folder: Path) -> None:
    import re

    from htmlscan import normalise
    from macros.errors import DataErrors
    from macros.load import load_plan

    text = normalise(re.sub(r"<[^>]+>", "", body))
    assert "Fant 1 feil i dataene" in text
    assert BAD_MESSAGE.format(folder=folder) in text
    with pytest.raises(DataErrors) as caught:  # the same errors as `make check` lists
        load_plan(folder)
    assert [str(e) for e in caught.value.errors] == [BAD_MESSAGE.format(folder=folder)]


def test_preview_shows_data_errors_as_a_page_and_recovers(tmp_path):
    import os
    import shutil
    import signal

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    area_file = folder / AREA_FILE
    good = area_file.read_text(encoding="utf-8")
    assert good.count(GOOD_LINE) == 1
    bad = good.replace(GOOD_LINE, GOOD_LINE + BAD_LOG)
    area_file.write_text(bad, encoding="utf-8")  # broken before the preview starts

    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "PLAN_DATA_DIR": str(folder), "PLAN_BUILD_DATE": "2026-11-01",
           "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PLAN_REPO_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    try:
        # Started with broken data: every address answers with the errors.
        _assert_lists_the_error(_wait_for(server, base + AREA_URL, _is_error_page), folder)
        status, body = _get(base + "finnes-ikke/")
        assert (status, _is_error_page(body)) == (404, True)
        # Fixed: the real page comes back.
        area_file.write_text(good, encoding="utf-8")
        page = _wait_for(server, base + AREA_URL, _is_area_page)
        assert ("<title>Utviklingsområde 1: Mangfold - Handlingsplan for Norsk kulturskoleråd Oslo "
                "og Viken</title>") in page
        _wait_for(server, base + "tiltak/1-1-1/", lambda body: not _is_error_page(body))
        # Broken while running: the pages of the last good build show the errors.
        area_file.write_text(bad, encoding="utf-8")
        _assert_lists_the_error(_wait_for(server, base + "tiltak/1-1-1/", _is_error_page), folder)
        _assert_lists_the_error(_wait_for(server, base + AREA_URL, _is_error_page), folder)
        # And fixed again.
        area_file.write_text(good, encoding="utf-8")
        _wait_for(server, base + AREA_URL, _is_area_page)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert "WARNING -  Forhåndsvisningen viser feilene (1) på alle sidene til de er rettet." \
        in output


def test_build_still_fails_on_broken_data_and_writes_no_site(tmp_path):
    import os
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    area_file = folder / AREA_FILE
    area_file.write_text(area_file.read_text(encoding="utf-8").replace(
        GOOD_LINE, GOOD_LINE + BAD_LOG), encoding="utf-8")
    site = tmp_path / "site"
    env = {**os.environ, "PLAN_DATA_DIR": str(folder), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(site)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert BAD_MESSAGE.format(folder=folder) in result.stderr
    assert "Forhåndsvisningen" not in result.stderr
    assert not (site / "index.html").exists() and not (site / "404.html").exists()


def test_preview_shows_a_build_error_that_is_not_in_the_data(tmp_path):
    """A page that calls a macro wrongly stops the build too; the preview shows MkDocs' message."""
    from mkdocs.exceptions import Abort, PluginError

    from macros.preview import build_problems, show_errors

    message = ("docs/x.md: utviklingsområde '9' finnes ikke (tillatt: 1, 2, 3, 4)\n"
               "andre linje")
    try:
        try:
            raise PluginError(message)
        except PluginError:
            raise Abort("Aborted with a BuildError!") from None
    except Abort as error:
        problems = build_problems(error)
    assert [(p.where, p.message) for p in problems] == [
        ("", "docs/x.md: utviklingsområde '9' finnes ikke (tillatt: 1, 2, 3, 4)"),
        ("", "andre linje")]
    site, docs = tmp_path / "site", tmp_path / "docs"
    (docs / "omrader").mkdir(parents=True)
    (docs / "index.md").write_text("# Forside\n", encoding="utf-8")
    (docs / "omrader" / "mangfold.md").write_text("# Mangfold\n", encoding="utf-8")
    (site / "tiltak" / "1-1-1").mkdir(parents=True)
    (site / "tiltak" / "1-1-1" / "index.html").write_text("gammel side", encoding="utf-8")
    written = show_errors(site, docs, problems)
    assert sorted(p.relative_to(site).as_posix() for p in written) == [
        "404.html", "index.html", "omrader/mangfold/index.html", "tiltak/1-1-1/index.html"]
    page = (site / "tiltak" / "1-1-1" / "index.html").read_text(encoding="utf-8")
    assert "<title>Nettstedet kan ikke bygges – forhåndsvisning</title>" in page
    assert "<li>docs/x.md: utviklingsområde &#39;9&#39; finnes ikke (tillatt: 1, 2, 3, 4)</li>" \
        in page
    assert {p.read_text(encoding="utf-8") for p in written} == {page}


def test_preview_pages_are_written_as_utf8_whatever_the_locale(tmp_path, windows_locale):
    from macros.preview import Problem, render_error_page, show_errors

    problems = [Problem("", "siden «Mangfold» mangler – se docs/")]
    site, docs = tmp_path / "site", tmp_path / "docs"
    docs.mkdir()
    written = show_errors(site, docs, problems)
    assert written == [site / "404.html"]
    assert written[0].read_bytes() == render_error_page(problems).encode("utf-8")


def test_preview_page_for_data_errors_lists_each_with_its_place(tmp_path, monkeypatch):
    """The page the preview shows for errors in the data, made in this process."""
    from helpers import BAD, overlay
    from macros.preview import build_problems, render_error_page

    data = overlay(BAD / "flere-filer", tmp_path / "data")
    monkeypatch.setenv("PLAN_DATA_DIR", str(data))
    problems = build_problems(RuntimeError("Aborted with a BuildError!"))
    folder = data.as_posix()
    assert [(p.where, p.message) for p in problems] == [
        (f"{folder}/omrader/5-test.yaml:12:20", "tiltak 5.1.1 ansvarlig: må være tekst, men YAML "
         "leser 42 som et tall; sett verdien i anførselstegn: \"42\""),
        (f"{folder}/omrader/6-test-to.yaml:14:21", "tiltak 6.1.1 logg[1].status: ukjent verdi "
         "'fullført' – mente du 'fullfort'? (tillatt: 'ikke-startet', 'pagar', 'lopende', "
         "'fullfort', 'utsatt', 'ikke-viderefort')")]
    page = render_error_page(problems)
    assert "<title>Feil i dataene – forhåndsvisning</title>" in page
    assert "<h1>Fant 2 feil i dataene</h1>" in page
    assert (f"<li><code>{folder}/omrader/5-test.yaml:12:20</code>: tiltak 5.1.1 ansvarlig: må "
            f"være tekst, men YAML leser 42 som et tall; sett verdien i anførselstegn: "
            f"&#34;42&#34;</li>") in page
    assert "<p><code>make check</code> viser de samme feilene i terminalen.</p>" in page


def test_a_build_error_without_a_cause_shows_its_own_message_or_its_kind(monkeypatch):
    from macros.preview import build_problems

    monkeypatch.delenv("PLAN_DATA_DIR", raising=False)  # the real data: no data problems
    assert [(p.where, p.message) for p in build_problems(RuntimeError("siden mangler"))] == [
        ("", "siden mangler")]
    assert [(p.where, p.message) for p in build_problems(KeyError())] == [("", "KeyError")]
