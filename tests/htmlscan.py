"""Small HTML inspection helpers for the tests (standard library only)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PageScan(HTMLParser):
    """Collects ids, links, resource URLs and visible text of one HTML page."""

    RESOURCE_ATTRS = {
        ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
        ("source", "srcset"), ("video", "src"), ("audio", "src"), ("embed", "src"),
        ("object", "data"), ("img", "srcset"), ("video", "poster"), ("input", "src"),
        ("image", "href"), ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"),
        ("track", "src"), ("frame", "src"), ("link", "imagesrcset"),
    }

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.styles: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.lang: str | None = None
        self._text: list[str] = []
        self._skip = 0
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "html":
            self.lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower()
            if rel in ("canonical", "alternate", "next", "prev", "author", "license"):
                self.links.append(attrs["href"])
            else:
                self.resources.append(attrs["href"])
        for name, value in attrs.items():
            if (tag, name) in self.RESOURCE_ATTRS and value:
                self.resources += _srcset(value) if name.endswith("srcset") else [value]
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        if tag in ("script", "style"):
            self._skip += 1
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)
        if not self._skip:
            self._text.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self._text))


def _srcset(value: str) -> list[str]:
    """The URLs of a srcset ("a.png 1x, b.png 2x")."""
    return [c.split()[0] for c in value.split(",") if c.strip()]


def css_urls(css: str) -> list[str]:
    """Every URL a stylesheet loads: url(…) and @import "…"."""
    return (re.findall(r"""url\(\s*['"]?([^'")\s]+)""", css)
            + re.findall(r"""@import\s+['"]([^'"]+)""", css))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("data",)) or url.startswith("//")


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """File and fragment a relative link points to, or None for external/special links."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return None
    base = page.parent
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    target = (site / path.lstrip("/")) if path.startswith("/") else (base / path)
    target = target.resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment
