"""The preview (`make serve`): the hooks in macros/hooks/ that only `mkdocs serve` uses."""

from __future__ import annotations

import subprocess
import sys

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
