"""What the preview (`make serve`) shows when the site cannot be built: a page in bokmål that
lists every error, at every address of the site, instead of a request that never answers.

MkDocs' preview server holds every request until a build succeeds, so after a failed build it
seems to hang. The serve hook (hooks/serve.py) calls `show_errors` when a build fails in the
preview only; `make build` and CI still stop with the errors and publish nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataErrors
from .load import load_plan
from .redirects import load_redirects
from .templating import environment
from .urls import page_url

TEMPLATE = "preview_error.html"
PAGE_FILE = "index.html"
NOT_FOUND_FILE = "404.html"  # what MkDocs' preview server answers for an unknown address


@dataclass(frozen=True)
class Problem:
    """One reason the site cannot be built: where (`file:line:col`, or "") and what."""

    where: str
    message: str


def data_problems() -> list[Problem]:
    """Every error in the data files (as `make check` lists them), or none."""
    try:
        load_redirects(load_plan())
    except DataErrors as exc:
        problems = []
        for error in exc.errors:
            where = f"{error.file}:{error.line}:{error.column}"
            problems.append(Problem(where, str(error).removeprefix(f"{where}:").strip()))
        return problems
    return []


def build_problems(error: BaseException) -> list[Problem]:
    """Why a build failed: the errors in the data, or else the build's own message."""
    problems = data_problems()
    if problems:
        return problems
    # MkDocs logs a plugin's error and raises "Aborted with a BuildError!" from it.
    cause = error.__context__ if error.__context__ is not None else error
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return [Problem("", line) for line in lines or [type(cause).__name__]]


def render_error_page(problems: list[Problem]) -> str:
    """The page, with every problem in the order given."""
    in_data = bool(problems) and all(p.where for p in problems)
    return environment().get_template(TEMPLATE).render(problems=problems, in_data=in_data)


def show_errors(site_dir: Path, docs_dir: Path, problems: list[Problem]) -> list[Path]:
    """Write the error page at every address: each page of the last build in `site_dir`, each
    page in `docs_dir`, and the answer for unknown addresses. Returns the files written."""
    html = render_error_page(problems)
    pages = {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html")}
    pages |= {page_url(path.relative_to(docs_dir).as_posix()) + PAGE_FILE
              for path in docs_dir.rglob("*.md")}
    pages.add(NOT_FOUND_FILE)
    return [_write(site_dir / page, html) for page in sorted(pages)]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path

