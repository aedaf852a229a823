"""Text for readers: dates in Norwegian, and data text made inert where it is printed.

Templates use these as the filters `dato` and `md` (see templating.py); the macros give
`markdown_text` to pages as the filter `tekst`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache

LOCALE = "nb_NO"
# Characters that start markup when data text is printed into Markdown as it is. The site's
# pages go through Python-Markdown (with the tables extension) and become HTML, where `<` and
# `&` are escaped as HTML instead; the status diff is read as the git host's Markdown, where
# `<` and `>` start HTML.
SITE_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
REVIEW_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>|#])")


@lru_cache(maxsize=4096)
def norwegian_date(value: dt.date) -> str:
    """14. mars 2025. Cached: many reports share a date, and Babel is slow per call."""
    # Imported on first use, so `make check`, which writes no date, does not import it (about
    # a fifth of that command's time).
    from babel.dates import format_date

    return format_date(value, "d. MMMM y", locale=LOCALE)


def markdown_text(value: object, *, html_page: bool = True) -> str:
    """Data text printed into Markdown, inert: one line, every syntax character escaped.

    For a site page (`html_page`), HTML characters become entities as well; otherwise (the
    status diff, Markdown read as it is) every run of white space becomes one space.
    """
    if html_page:
        one_line = re.sub(r"\s*\n\s*", " ", str(value)).strip()
        return html.escape(SITE_MARKDOWN_SYNTAX.sub(r"\\\1", one_line))
    return REVIEW_MARKDOWN_SYNTAX.sub(r"\\\1", " ".join(str(value).split()))
