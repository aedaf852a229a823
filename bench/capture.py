"""Build a project once and write its static floor: every page as it is after the macros.

Usage (run in the project folder): ``python capture.py CONFIG OUT_DOCS SITE_DIR``.

Settings that a plugin or hook changes in its `on_config` (say, dropping `edit_uri` when no
repository is set) are written to OUT_DOCS + ``.config.json``, for the floor's config.

A plugin added last (lowest priority) records each page's Markdown after every other
plugin's `on_page_markdown` (so after mkdocs-macros has replaced each macro call by its
HTML), with the page's front matter. At the end it writes those pages, every file from
`docs/`, every file a plugin or hook generated (per-tiltak pages) and every file written
straight into the site after the pages (feed, open data) into OUT_DOCS. Building OUT_DOCS without the macros plugin and hooks is then "the same site with
our code taken out".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

SEARCH_OUTPUT = "search/"  # the search plugin writes its index in the floor build as well


class CapturePlugin(BasePlugin):
    """Records post-macro Markdown and writes the floor's docs folder after the build."""

    def __init__(self, out: Path, config):
        self.out = out
        self.pages: dict[str, tuple[dict[str, Any], str]] = {}
        self.files: Files | None = None
        self.settings = _plain_settings(config)

    @event_priority(-1000)
    def on_config(self, config):
        """Record the simple settings other plugins changed (the floor has no plugins)."""
        changed = {k: v for k, v in _plain_settings(config).items() if self.settings.get(k) != v}
        Path(f"{self.out}.config.json").write_text(json.dumps(changed, ensure_ascii=False),
                                                   encoding="utf-8")
        return config

    @event_priority(-1000)
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        self.pages[page.file.src_uri] = (dict(page.meta), markdown)
        return markdown

    @event_priority(-1000)
    def on_env(self, env, config, files: Files):
        self.files = files
        return env

    @event_priority(-1000)
    def on_post_build(self, config) -> None:
        """Runs after the other plugins' post-build steps, so their outputs are in the site."""
        docs_dir = Path(config.docs_dir).resolve()
        for file in self.files or ():
            own = file.generated_by is not None or (
                file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs_dir))
            if not own:  # theme files: the floor build adds them itself
                continue
            target = self.out / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            if file.src_uri in self.pages:
                target.write_text(_page_source(*self.pages[file.src_uri]), encoding="utf-8")
            else:
                target.write_bytes(file.content_bytes)
        self._copy_written_after_pages(config)

    def _copy_written_after_pages(self, config) -> None:
        """Files in the site that no File, theme template or the search plugin produced."""
        site = Path(config.site_dir)
        known = {f.dest_uri for f in self.files or ()}
        known |= {t for t in config.theme.static_templates} | {"sitemap.xml.gz"}
        for path in site.rglob("*"):
            name = path.relative_to(site).as_posix()
            if path.is_file() and name not in known and not name.startswith(SEARCH_OUTPUT):
                target = self.out / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(path.read_bytes())


def _plain_settings(config) -> dict[str, Any]:
    """Top-level settings that are plain JSON values (strings, numbers, lists, mappings)."""
    plain = {}
    for key, value in config.items():
        try:
            plain[key] = json.loads(json.dumps(value))
        except (TypeError, ValueError):
            continue
    return plain


def _page_source(meta: dict[str, Any], markdown: str) -> str:
    """Front matter (if any) and the Markdown body."""
    if not meta:
        return markdown
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{markdown}"


def main(config_file: str, out: str, site_dir: str) -> None:
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins["bench-capture"] = CapturePlugin(Path(out).resolve(), config)
    build(config)


if __name__ == "__main__":
    main(*sys.argv[1:4])
