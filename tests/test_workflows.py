"""The CI workflows pass the offline checkers, and `make browser` works for CI's non-root user."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def test_there_is_a_pull_request_and_a_publish_workflow():
    names = [p.name for p in WORKFLOWS]
    assert names == ["publish.yml", "pull-request.yml"]


def test_workflows_match_the_github_workflow_schema():
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema",
                             "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_reports_nothing_even_when_pedantic():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--persona", "pedantic",
                             "--format", "json", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    findings = json.loads(result.stdout)
    assert findings == [], json.dumps(findings, indent=1)[:2000]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow):
    lines = [line for line in workflow.read_text(encoding="utf-8").splitlines()
             if re.match(r"^\s*(-\s*)?uses:", line)]
    assert lines
    for line in lines:
        assert PINNED.match(line), line


def test_pull_request_workflow_tests_diffs_and_uploads_the_site():
    text = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "run: make test" in text and "run: make build" in text
    assert 'macros diff "origin/${BASE_REF}" >> "$GITHUB_STEP_SUMMARY"' in text
    assert "BASE_REF: ${{ github.base_ref }}" in text
    assert "actions/upload-artifact@" in text and "path: site/" in text


def test_publish_workflow_builds_with_the_repository_url_and_deploys_to_pages():
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "PLAN_REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in text
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"actions/{action}@" in text
    assert "branches: [main]" in text


def _stub(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


UPDATE = ["apt-get update -qq"]
INSTALL = ["env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
           "apt-get install -y -qq chromium"]
AS_ROOT = UPDATE + INSTALL
WITH_SUDO = ["sudo -n true", "sudo -n " + UPDATE[0], *UPDATE, "sudo -n " + INSTALL[0], *INSTALL]


@pytest.mark.parametrize("uid,apt_works,expected", [
    ("1001", True, WITH_SUDO),
    ("0", True, AS_ROOT),
    ("1001", False, [*WITH_SUDO, "python -m playwright install chromium"]),
], ids=["non-root-with-sudo", "root", "apt-fails-then-playwright"])
def test_make_browser_installs_chromium_as_ci_or_root(tmp_path, uid, apt_works, expected):
    """Stub id/sudo/env/apt-get/python on PATH and record every call `make browser` makes."""
    stubs, log = tmp_path / "stubs", tmp_path / "log"
    stubs.mkdir()
    chromium = tmp_path / "chromium"
    record = f'echo "$(basename "$0") $*" >> {log}\n'
    install = f"touch {chromium}; chmod +x {chromium}" if apt_works else "exit 100"
    _stub(stubs, "id", f"echo {uid}\n")
    _stub(stubs, "sudo", record + '[ "$2" = true ] && exit 0\nshift\nexec "$@"\n')
    _stub(stubs, "env", record + 'shift\nexec "$@"\n')
    _stub(stubs, "apt-get", record + f'case "$1" in install) {install};; esac\n')
    _stub(stubs, "python", record)
    environment = {**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}"}
    result = subprocess.run(["make", "--no-print-directory", "-s", "browser",
                             f"CHROMIUM={chromium}", f"BIN={stubs}"],
                            cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert log.read_text(encoding="utf-8").splitlines() == expected
    assert chromium.is_file() == apt_works
