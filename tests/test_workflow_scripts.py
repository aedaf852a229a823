"""The shell steps of .github/workflows/meld-status.yml, run offline as GitHub would run them.

A temporary git repository (the project's code with the example data, pushed to a bare
"origin") stands in for the runner's checkout; `make` and `gh` are stubs on PATH that record
what they are asked; `git push` goes to the bare repository. Each step's `run:` is taken from
the workflow file and run with `bash -eo pipefail`, with the same `env:` the step declares.
"""

from __future__ import annotations

import base64
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import BUILD_DATE, EXAMPLE_DATA, ROOT
from test_report import BODY, body

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "meld-status.yml")
                          .read_text(encoding="utf-8"))
PR_URL = "https://github.com/eier/repo/pull/13"
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@localhost"]


def step(job: str, name: str) -> str:
    return next(s["run"] for s in WORKFLOW["jobs"][job]["steps"] if s.get("name") == name)


def _executable(path: Path, script: str) -> None:
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def runner(tmp_path):
    """A checkout of a tiny copy of the project, its origin, stubs and the runner's folders."""
    origin, work, stubs, temp = (tmp_path / n for n in ("origin.git", "work", "stubs", "temp"))
    for folder in (work, stubs, temp):
        folder.mkdir()
    shutil.copytree(ROOT / "macros", work / "macros",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / ".github", work / ".github")
    shutil.copytree(EXAMPLE_DATA, work / "data")
    shutil.copytree(ROOT / "data" / "schema", work / "data" / "schema")
    (work / ".venv").symlink_to(Path(os.path.realpath(ROOT / ".venv")))
    (work / ".gitignore").write_text(".venv\n__pycache__/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "start"],
                    ["remote", "add", "origin", str(origin)], ["push", "-q", "origin", "main"],
                    ["fetch", "-q", "origin"]):
        subprocess.run([*GIT, *command], cwd=work, check=True, capture_output=True)
    log = tmp_path / "calls.log"
    _executable(stubs / "make", f'echo "make $*" >> {log}\n'
                                'case "$1" in check) exec .venv/bin/python -m macros check;; '
                                '.venv/.site-installed) exit 0;; *) exit 1;; esac\n')
    _executable(stubs / "gh", f'echo "gh $*" >> {log}\n'
                              'for a in "$@"; do case "$prev" in --body-file) '
                              f'cat "$a" > {tmp_path}/body-$1.md;; esac; prev="$a"; done\n'
                              f'case "$1 $2" in "pr create") echo {PR_URL};; esac\n')

    def run(job: str, name: str, **env: str) -> tuple[subprocess.CompletedProcess, dict]:
        output = tmp_path / "output.txt"
        output.write_text("", encoding="utf-8")
        environment = {**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}",
                       "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(output),
                       "PLAN_BUILD_DATE": BUILD_DATE, **env}
        environment.pop("PLAN_DATA_DIR", None)
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                                 step(job, name)], cwd=work, env=environment,
                                capture_output=True, text=True)
        outputs = dict(line.split("=", 1) for line in
                       output.read_text(encoding="utf-8").splitlines() if "=" in line)
        return result, outputs

    run.work, run.origin, run.log, run.folder = work, origin, log, tmp_path
    return run


def decoded(value: str) -> str:
    return base64.b64decode(value).decode("utf-8")


def read_and_check(runner, issue_body: str) -> dict:
    result, outputs = runner("les", "Legg inn statusmeldingen og sjekk resultatet",
                             ISSUE_BODY=issue_body, BASE_REF="main",
                             PLAN_REPO_URL="https://github.com/eier/repo")
    assert result.returncode == 0, result.stdout + result.stderr
    return outputs


def test_a_report_goes_from_the_issue_to_a_pull_request_and_a_reply(runner):
    outputs = read_and_check(runner, BODY)
    assert outputs["accepted"] == "true"
    assert decoded(outputs["reply"]).startswith("**Takk! Statusmeldingen for tiltak 1.1.3")
    patch = decoded(outputs["patch"])
    assert patch.startswith("diff --git a/data/omrader/1-mangfold.yaml b/data/omrader/"
                            "1-mangfold.yaml\n")
    assert "+            tekst: |-\n" in patch and "\n-" not in patch.split("@@", 1)[1]
    assert "1.1.3" in decoded(outputs["diff"])
    assert "make check" in runner.log.read_text(encoding="utf-8")

    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=runner.work, check=True)
    result, _ = runner("lag-pr", "Lag commiten", PATCH=outputs["patch"],
                       MESSAGE=outputs["message"], ISSUE="12")
    assert result.returncode == 0, result.stdout + result.stderr
    result, pr = runner("lag-pr", "Send grenen og åpne pull requesten", ISSUE="12",
                        AUTHOR="ola", DIFF=outputs["diff"], BASE_REF="main", GH_TOKEN="x")
    assert result.returncode == 0, result.stdout + result.stderr
    assert pr == {"url": PR_URL}
    subject = subprocess.run(["git", "log", "-1", "--format=%s", "meld-status/12"],
                             cwd=runner.origin, capture_output=True, text=True, check=True)
    assert subject.stdout == "Status for tiltak 1.1.3: Pågår\n"
    calls = runner.log.read_text(encoding="utf-8").splitlines()
    assert "gh auth setup-git" in calls
    create = next(c for c in calls if c.startswith("gh pr create"))
    assert create.startswith("gh pr create --base main --head meld-status/12 --title Status "
                             "for tiltak 1.1.3: Pågår --body-file ")
    description = (runner.folder / "body-pr.md").read_text(encoding="utf-8")
    assert description.startswith("Statusmelding fra skjemaet «Meld status» i #12, sendt inn "
                                  "av @ola.\n\nCloses #12\n\n")
    assert decoded(outputs["diff"]) in description

    result, _ = runner("svar", "Kommenter svaret", ISSUE="12", REPLY=outputs["reply"],
                       ACCEPTED="true", PR_RESULT="success", PR_URL=PR_URL,
                       RUN_URL="https://github.com/eier/repo/actions/runs/1", GH_TOKEN="x")
    assert result.returncode == 0, result.stderr
    comment = (runner.folder / "body-issue.md").read_text(encoding="utf-8")
    assert comment.startswith(decoded(outputs["reply"]))
    assert f"\nPull request: {PR_URL}\n" in comment


def test_a_bad_report_changes_nothing_and_the_reply_says_what_to_fix(runner):
    outputs = read_and_check(runner, body(tiltak="9.9.9", dato="2025-02-30"))
    assert outputs["accepted"] == "false"
    assert outputs["patch"] == "" and outputs["message"] == ""
    assert subprocess.run(["git", "status", "--porcelain"], cwd=runner.work,
                          capture_output=True, text=True).stdout == ""
    result, _ = runner("svar", "Kommenter svaret", ISSUE="12", REPLY=outputs["reply"],
                       ACCEPTED="false", PR_RESULT="skipped", PR_URL="",
                       RUN_URL="https://github.com/eier/repo/actions/runs/1", GH_TOKEN="x")
    assert result.returncode == 0, result.stderr
    comment = (runner.folder / "body-issue.md").read_text(encoding="utf-8")
    assert comment.startswith("**Statusmeldingen ble ikke lagt inn.**")
    assert "- **Tiltak**: `9.9.9` er ikke et tiltak i planen" in comment
    assert "- **Dato**: `2025-02-30` er ikke en dato som finnes" in comment
    assert "Pull request" not in comment


def test_shell_text_in_the_issue_body_is_never_run(runner):
    marker = runner.folder / "pwned"
    outputs = read_and_check(runner, body(tekst=f'$(touch {marker}) `touch {marker}` "; '
                                                f'touch {marker}; echo "'))
    assert outputs["accepted"] == "true"
    assert not marker.exists()


def test_a_patch_that_touches_other_files_is_refused(runner):
    (runner.work / "Makefile").write_text("all:\n", encoding="utf-8")
    subprocess.run(["git", "add", "-N", "Makefile"], cwd=runner.work, check=True)
    patch = subprocess.run(["git", "diff"], cwd=runner.work, capture_output=True,
                           check=True).stdout
    (runner.work / "Makefile").unlink()
    subprocess.run(["git", "reset", "-q"], cwd=runner.work, check=True)
    result, _ = runner("lag-pr", "Lag commiten", PATCH=base64.b64encode(patch).decode(),
                       MESSAGE=base64.b64encode(b"x\n").decode(), ISSUE="12")
    assert result.returncode == 1
    assert "Endringen rører andre filer enn data/omrader/*.yaml; stopper." in result.stderr
