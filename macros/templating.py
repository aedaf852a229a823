"""The one Jinja environment for every template in macros/templates/.

Autoescape follows the template's file name: HTML and XML templates (pages, redirects, the
feed) escape every value, so data can never inject markup; Markdown templates (the status
diff, the sources of generated pages) do not, and print data text through `| md` instead.
"""

from __future__ import annotations

from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from .text import markdown_text, norwegian_date

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> Environment:
    """The environment, made once per process (its compiled templates are kept)."""
    # Imported on first use: `make check` renders no template and need not import Jinja.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "xml"),
                                     disabled_extensions=("md",), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["dato"] = norwegian_date
    env.filters["md"] = partial(markdown_text, html_page=False)
    return env
