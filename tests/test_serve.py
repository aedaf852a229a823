"""The preview: `mkdocs serve` re-imports the macros package on each rebuild (hooks/)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

SCRIPT = """
import importlib.util, sys
import macros, macros.render
first = macros.render
spec = importlib.util.spec_from_file_location("reload_macros", "hooks/reload_macros.py")
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
    assert "hooks:\n  - hooks/reload_macros.py" in config
    source = (ROOT / "hooks" / "reload_macros.py").read_text(encoding="utf-8")
    assert "@event_priority(100)" in source
