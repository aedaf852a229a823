"""The status diff (`python -m macros diff REV`) on two fixture revisions in a temporary git repo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from commandline import run_main
from conftest import BUILD_DATE, EXAMPLE_DATA, FIXTURES, ROOT
from helpers import BAD
from macros import load as load_module
from macros.diff import RevisionError, _git, compare, extract_data, render, status_diff
from macros.load import load_plan
from macros.text import markdown_text

CHANGED = FIXTURES / "endring"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
       "-c", "commit.gpgsign=false"]


def _commit(repo: Path, source: Path, message: str) -> None:
    """Lay `source`'s YAML files over repo/data and commit them."""
    for path in source.rglob("*.yaml"):
        target = repo / "data" / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    subprocess.run([*GIT, "add", "data"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", message], cwd=repo, check=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repo whose first commit holds the example data and the schemas."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "schema", repo / "data" / "schema")
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=repo, check=True)
    _commit(repo, EXAMPLE_DATA, "Eksempeldata")
    return repo


def run_diff(repo: Path, revision: str) -> subprocess.CompletedProcess:
    """`python -m macros diff REVISION --data repo/data`, run in this process."""
    args = ["diff", revision, "--data", str(repo / "data")]
    code, out, err = run_main(args)
    return subprocess.CompletedProcess(args, code, out, err)


def test_diff_between_two_fixture_revisions(repo):
    _commit(repo, CHANGED, "Endringer")
    result = run_diff(repo, "HEAD~1")
    assert result.returncode == 0, result.stderr
    expected = (CHANGED / "forventet.md").read_text(encoding="utf-8")
    assert result.stdout == expected.replace("`HEAD`", "`HEAD~1`")


def test_diff_of_the_working_tree_names_every_kind_of_change(repo):
    _commit(repo, CHANGED, "Endringer")
    subprocess.run([*GIT, "checkout", "-q", "HEAD~1", "--", "data"], cwd=repo, check=True)
    # Working tree back at the example data; the newer commit is now the base: all reversed.
    result = run_diff(repo, "main")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "| 1.1.1 Etablere et samarbeid" in out and "| Fullført | **Pågår** |" in out
    assert "- **Tiltak 1.2.1**: Sette mangfold på dagordenen" in out.split("### Nye delmål og tiltak")[1]
    assert "- **1.2.4 → 1.2.3**" in out
    assert "| Status utsatt | `navn` | Satt på vent | Utsatt |" in out
    assert "### Nye logginnslag" in out and "modellen brukes for hver ny runde" in out


def test_no_change(repo):
    result = run_diff(repo, "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("## Endringsoversikt\n\nSammenlignet med `HEAD`.\n\n"
                             "Ingen endringer i delmål, tiltak, status eller logg.\n")


def test_invalid_base_is_reported_and_the_change_still_compared(repo):
    _commit(repo, BAD / "ukjent-status", "Ugyldig")
    subprocess.run([*GIT, "rm", "-q", "data/omrader/5-test.yaml"], cwd=repo, check=True)
    result = run_diff(repo, "HEAD")
    assert result.returncode == 0, result.stderr
    assert "**Dataene i `HEAD` er ikke gyldige**" in result.stdout
    assert "- HEAD:data/omrader/5-test.yaml:" in result.stdout
    assert "ukjent verdi 'ferdig'" in result.stdout


def test_invalid_working_tree_fails_with_the_errors(repo):
    _commit(repo, BAD / "ukjent-status", "Ugyldig")
    result = run_diff(repo, "HEAD")
    assert result.returncode == 1
    assert "feil i dataene. Ingenting blir publisert før feilene er rettet." in result.stderr
    assert "ukjent verdi 'ferdig'" in result.stderr


@pytest.mark.parametrize("revision", ["finnes-ikke", "HEAD~5", "HEAD..HEAD"])
def test_unknown_revision_is_a_clear_error(repo, revision):
    result = run_diff(repo, revision)
    assert result.returncode == 2
    assert result.stderr == (f"Kan ikke sammenligne: git kjenner ikke revisjonen '{revision}'; "
                             f"skriv en gren eller en commit som finnes, for eksempel "
                             f"origin/main, main eller HEAD~1\n")


def test_a_data_folder_outside_git_is_a_clear_error(tmp_path):
    shutil.copytree(EXAMPLE_DATA, tmp_path / "data")
    result = run_diff(tmp_path, "HEAD")
    assert result.returncode == 2
    assert result.stderr == (f"Kan ikke sammenligne: datamappen {tmp_path / 'data'} ligger ikke "
                             f"i et git-repo\n")


def _repo_with_data_at(tmp_path: Path, prefix: str) -> Path:
    """A git repo whose first commit has no data and whose second holds the example data (with
    the schemas) in `prefix` ("" for the repo's root); returns the data folder."""
    repo = tmp_path / "repo"
    data = repo / prefix
    repo.mkdir()
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "--allow-empty", "-m", "Tom"], cwd=repo, check=True)
    shutil.copytree(EXAMPLE_DATA, data, dirs_exist_ok=True)
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    subprocess.run([*GIT, "add", "."], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "Data"], cwd=repo, check=True)
    return data


@pytest.mark.parametrize("prefix", ["", "data"])
def test_data_folder_at_the_root_of_its_repo_or_below_is_compared(tmp_path, prefix):
    data = _repo_with_data_at(tmp_path, prefix)
    code, out, err = run_main(["diff", "HEAD", "--data", str(data)])
    assert (code, out, err) == (0, "## Endringsoversikt\n\nSammenlignet med `HEAD`.\n\n"
                                   "Ingen endringer i delmål, tiltak, status eller logg.\n", "")


@pytest.mark.parametrize("prefix,shown", [("", "."), ("data", "data/")])
def test_a_revision_without_the_data_folder_is_a_clear_error(tmp_path, prefix, shown):
    data = _repo_with_data_at(tmp_path, prefix)
    assert run_main(["diff", "HEAD~1", "--data", str(data)]) == (
        2, "", f"Kan ikke sammenligne: mappen {shown} finnes ikke i revisjonen 'HEAD~1'\n")


def test_a_missing_git_is_a_clear_error(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "ingen-programmer"))
    assert run_main(["diff", "HEAD", "--data", str(repo / "data")]) == (
        2, "", "Kan ikke sammenligne: fant ikke programmet git\n")


def test_git_is_run_in_the_folder_and_a_failure_names_the_command_and_gits_message(
        tmp_path, monkeypatch):
    calls = []

    def fake_run(command, **options):
        calls.append((command, options))
        code = 0 if command[1] == "status" else 128
        return subprocess.CompletedProcess(command, code, b"ut\n", b" fatal: ugyldig \xff navn\n")

    monkeypatch.setattr(subprocess, "run", fake_run)
    assert _git(["status"], tmp_path) == b"ut\n"
    with pytest.raises(RevisionError) as caught:
        _git(["rev-parse", "--verify", "x"], tmp_path)
    assert str(caught.value) == "git rev-parse --verify x feilet: fatal: ugyldig \ufffd navn"
    assert calls == [(["git", "status"], {"cwd": tmp_path, "capture_output": True}),
                     (["git", "rev-parse", "--verify", "x"],
                      {"cwd": tmp_path, "capture_output": True})]


def test_a_link_out_of_the_folder_in_the_revision_is_refused(repo, tmp_path):
    os.symlink("/etc/hostname", repo / "data" / "lenke.yaml")
    subprocess.run([*GIT, "add", "data"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "Lenke"], cwd=repo, check=True)
    with pytest.raises(RevisionError) as caught:
        extract_data("HEAD", repo / "data", tmp_path / "ut")
    assert str(caught.value) == ("revisjonen 'HEAD' har data/lenke.yaml, som peker ut av "
                                 "datamappen eller er en spesialfil; den sammenlignes ikke")
    assert not (tmp_path / "ut" / "data" / "lenke.yaml").is_symlink()


def test_the_revision_is_extracted_where_tar_has_no_filters(repo, tmp_path, monkeypatch):
    """Python before 3.11.4 has no tarfile.data_filter: the archive is extracted without one."""
    monkeypatch.delattr(tarfile, "data_filter")
    monkeypatch.chdir(tmp_path)
    assert extract_data("HEAD", repo / "data", tmp_path / "ut") == tmp_path / "ut" / "data/"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("plan.yaml")) == [
        "repo/data/plan.yaml", "ut/data/plan.yaml"]


def _schema_with_short_titles(schema_dir: Path) -> None:
    """Make the plan schema in `schema_dir` allow a title of at most 5 characters."""
    path = schema_dir / "plan.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["tittel"]["maxLength"] = 5
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")


def test_the_base_is_checked_with_its_own_schemas(repo):
    _schema_with_short_titles(repo / "data" / "schema")
    subprocess.run([*GIT, "commit", "-q", "-am", "Korte titler"], cwd=repo, check=True)
    subprocess.run([*GIT, "checkout", "-q", "HEAD~1", "--", "data"], cwd=repo, check=True)
    assert run_main(["diff", "HEAD", "--data", str(repo / "data")]) == (
        0, "## Endringsoversikt\n\nSammenlignet med `HEAD`.\n\n**Dataene i `HEAD` er ikke "
           "gyldige**, så endringene kan ikke sammenlignes. Dataene i\ndenne endringen er i "
           "orden. Feilene i `HEAD`:\n\n"
           "- HEAD:data/plan.yaml:3:9: tittel: kan ha høyst 5 tegn (har 52)\n", "")


def test_the_working_tree_is_checked_with_its_own_schemas(repo):
    _schema_with_short_titles(repo / "data" / "schema")
    assert run_main(["diff", "HEAD", "--data", str(repo / "data")]) == (
        1, "", f"Fant 1 feil i dataene. Ingenting blir publisert før feilene er rettet.\n"
               f"{repo / 'data' / 'plan.yaml'}:3:9: tittel: kan ha høyst 5 tegn (har 52)\n")


def test_the_base_is_read_on_the_working_trees_build_date(repo, monkeypatch):
    """Even when the day changes between reading the two sides (a run at midnight)."""
    days = iter([dt.date(2026, 11, 1), dt.date(2020, 1, 1)])
    monkeypatch.setattr(load_module, "build_date", lambda: next(days))
    assert status_diff("HEAD", repo / "data") == (
        "## Endringsoversikt\n\nSammenlignet med `HEAD`.\n\n"
        "Ingen endringer i delmål, tiltak, status eller logg.\n")


def test_at_most_ten_errors_of_an_invalid_base_are_listed():
    head = ("## Endringsoversikt\n\nSammenlignet med `HEAD`.\n\n**Dataene i `HEAD` er ikke "
            "gyldige**, så endringene kan ikke sammenlignes. Dataene i\ndenne endringen er i "
            "orden. Feilene i `HEAD`:\n\n")
    assert render("HEAD", None, ["feil 1", "feil 2"]) == head + "- feil 1\n- feil 2\n"
    assert render("HEAD", None, [f"feil {i}" for i in range(1, 13)]) == head + "".join(
        f"- feil {i}\n" for i in range(1, 11)) + "- … og 2 feil til.\n"


def test_every_kind_of_vocabulary_change_is_named():
    """A status added, one removed, two swapped and every field of one changed."""
    base = load_plan(EXAMPLE_DATA, dt.date.fromisoformat(BUILD_DATE))
    started, ongoing, running, done, paused, stopped = base.statuses
    changed = dataclasses.replace(running, name="Fast", description="Ny.", icon="hake",
                                  tone="gronn")
    added = dataclasses.replace(stopped, id="avbrutt", name="Avbrutt")
    head = dataclasses.replace(base, statuses=(ongoing, started, changed, done, paused, added))
    assert [(c.subject, c.field, c.before, c.after)
            for c in compare(base, head).vocabulary_changes] == [
        ("Status avbrutt", "navn", "(finnes ikke)", "Avbrutt"),
        ("Status ikke-viderefort", "navn", "Ikke videreført", "(fjernet)"),
        ("Status lopende", "navn", "Løpende", "Fast"),
        ("Status lopende", "beskrivelse", running.description, "Ny."),
        ("Status lopende", "ikon", "gjenta", "hake"),
        ("Status lopende", "farge", "lilla", "gronn"),
        ("Statusene", "rekkefølge", "ikke-startet, pagar, lopende, fullfort, utsatt, "
         "ikke-viderefort", "pagar, ikke-startet, lopende, fullfort, utsatt, avbrutt"),
    ]
    assert compare(base, base).vocabulary_changes == []
    # Added and removed, the others in their order: no change of order.
    kept = dataclasses.replace(base, statuses=(started, ongoing, running, done, paused, added))
    assert [c.subject for c in compare(base, kept).vocabulary_changes] == [
        "Status avbrutt", "Status ikke-viderefort"]


def test_every_changed_title_and_text_is_named(tmp_path):
    base = load_plan(EXAMPLE_DATA, dt.date.fromisoformat(BUILD_DATE))
    data = Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))
    for name, old, new in (
            ("plan.yaml", 'tittel: "Handlingsplan for', 'tittel: "Ny handlingsplan for'),
            ("plan.yaml", 'organisasjon: "Norsk', 'organisasjon: "Ny'),
            ("plan.yaml", 'periode: "årsmøteperioden"', 'periode: "2026–2028"'),
            ("omrader/1-mangfold.yaml", 'tittel: "Mangfold"', 'tittel: "Mangfold og inkludering"'),
            ("omrader/1-mangfold.yaml", 'tekst: "Gi kulturskolenes', 'tekst: "Gi alle')):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    head = load_plan(data, dt.date.fromisoformat(BUILD_DATE))
    goal = base.goals_by_id["1.1"].text
    assert [(c.subject, c.field, c.before, c.after) for c in compare(base, head).text_changes] == [
        ("Planen", "tittel", "Handlingsplan for Norsk kulturskoleråd Oslo og Viken",
         "Ny handlingsplan for Norsk kulturskoleråd Oslo og Viken"),
        ("Planen", "organisasjon", "Norsk kulturskoleråd Oslo og Viken",
         "Ny kulturskoleråd Oslo og Viken"),
        ("Planen", "periode", "årsmøteperioden", "2026–2028"),
        ("Utviklingsområde 1", "tittel", "Mangfold", "Mangfold og inkludering"),
        ("Delmål 1.1", "tekst", goal, goal.replace("Gi kulturskolenes", "Gi alle")),
    ]


def test_a_changed_list_of_points_is_named_point_by_point(tmp_path):
    base = load_plan(EXAMPLE_DATA, dt.date.fromisoformat(BUILD_DATE))
    data = Path(shutil.copytree(EXAMPLE_DATA, tmp_path / "data"))
    path = data / "omrader" / "3-forskning-og-utvikling.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('          - "Dans"\n', "", 1),
                    encoding="utf-8")
    head = load_plan(data, dt.date.fromisoformat(BUILD_DATE))
    assert [(c.subject, c.field, c.before, c.after) for c in compare(base, head).text_changes] == [
        ("Tiltak 3.5.1", "punkter",
         "Mediefag/digitale kunstfag; Dans; Teater; Visuell kunst; Folkemusikk",
         "Mediefag/digitale kunstfag; Teater; Visuell kunst; Folkemusikk")]


def test_data_text_cannot_make_markdown():
    assert markdown_text("a | b <script> *x* [l](u)\n# h", html_page=False) == \
        "a \\| b \\<script\\> \\*x\\* \\[l\\](u) \\# h"


def test_make_diff_compares_the_real_data_with_a_revision():
    result = subprocess.run(["make", "--no-print-directory", "-s", "diff", "BASE=HEAD"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Endringsoversikt\n\nSammenlignet med `HEAD`.")
