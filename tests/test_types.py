"""The code is typed: mypy checks macros/, its hooks included, on every `make test`."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

# Every function annotated, and the bodies of all of them checked.
MYPY_OPTIONS = ("--disallow-untyped-defs", "--check-untyped-defs", "--warn-unused-ignores",
                "--warn-redundant-casts", "--no-error-summary")


def test_macros_and_hooks_pass_mypy(tmp_path):
    assert (ROOT / "macros" / "hooks" / "__init__.py").is_file()  # so `macros` includes them
    result = subprocess.run([sys.executable, "-m", "mypy", *MYPY_OPTIONS,
                             "--cache-dir", str(tmp_path / "mypy"), "macros"],
                            cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
