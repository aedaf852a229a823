"""The CI workflows and the issue form pass the offline checkers, untrusted text reaches scripts
only through `env:`, and `make browser` works for CI's non-root user."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from macros.formlink import FORM_FILE

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")
                     if p.name != "config.yml")
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def test_there_are_the_pull_request_publish_report_and_reminder_workflows():
    names = [p.name for p in WORKFLOWS]
    assert names == ["mangler.yml", "meld-status.yml", "publish.yml", "pull-request.yml"]
    assert [p.name for p in ISSUE_FORMS] == ["meld-status.yml"]


def test_issue_forms_match_the_github_issue_form_schema():
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema",
                             "vendor.github-issue-forms", *map(str, ISSUE_FORMS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_ever_pasted_into_a_script(workflow):
    """`${{ … }}` in `run:` would paste text (an issue body, a title) into the shell."""
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    scripts = [step["run"] for job in data["jobs"].values() for step in job.get("steps", [])
               if "run" in step]
    assert scripts
    for script in scripts:
        assert "${{" not in script, script


def test_meld_status_reads_the_issue_only_through_env_with_least_privilege():
    data = _workflow("meld-status.yml")
    assert data[True] == {"issues": {"types": ["opened", "edited"]}}  # YAML reads `on` as True
    assert data["permissions"] == {}
    jobs = data["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "les": {"contents": "read"},
        "lag-pr": {"contents": "write", "pull-requests": "write"},
        "svar": {"issues": "write"}}
    label = yaml.safe_load(FORM_FILE.read_text(encoding="utf-8"))["labels"][0]
    assert f"contains(github.event.issue.labels.*.name, '{label}')" in jobs["les"]["if"]
    steps = {step["name"]: step for step in jobs["les"]["steps"]}
    meld = steps["Legg inn statusmeldingen og sjekk resultatet"]
    assert meld["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert '.venv/bin/python -m macros meld-status' in meld["run"]
    assert "if make check" in meld["run"]
    assert '.venv/bin/python -m macros diff "origin/${BASE_REF}"' in meld["run"]
    text = (ROOT / ".github" / "workflows" / "meld-status.yml").read_text(encoding="utf-8")
    assert text.count("github.event.issue.body") == 1
    assert "persist-credentials: false" in text and "persist-credentials: true" not in text
    pr = "\n".join(step.get("run", "") for step in jobs["lag-pr"]["steps"])
    assert 'branch="meld-status/${ISSUE}"' in pr and "Closes #%s" in pr
    assert "gh pr create" in pr and "gh pr edit" in pr
    assert "gh issue comment" in jobs["svar"]["steps"][0]["run"]


def test_reminder_runs_monthly_and_on_demand():
    data = _workflow("mangler.yml")
    assert data[True] == {"schedule": [{"cron": "0 6 1 * *"}], "workflow_dispatch": None}
    assert data["permissions"] == {}
    [job] = data["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert ".venv/bin/python -m macros mangler --exit-code" in script
    for command in ("gh issue edit", "gh issue create", "gh issue close"):
        assert command in script


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
    # The fallback installs the packages first; here they count as installed.
    stamp = tmp_path / "pdf-installed"
    stamp.touch()
    environment = {**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}"}
    result = subprocess.run(["make", "--no-print-directory", "-s", "browser",
                             f"CHROMIUM={chromium}", f"BIN={stubs}", f"PDF_STAMP={stamp}"],
                            cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert log.read_text(encoding="utf-8").splitlines() == expected
    assert chromium.is_file() == apt_works
