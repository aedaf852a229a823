"""Build a project once and write its static floor: every page as it is after the macros.

Usage (run in the project folder): ``python capture.py CONFIG OUT_DOCS SITE_DIR``.

A plugin added last (lowest priority) records each page's Markdown after every other
plugin's `on_page_markdown` (so after mkdocs-macros has replaced each macro call by its
HTML), with the page's front matter. At the end it writes those pages, every file from
`docs/` and every file a plugin or hook generated (per-tiltak pages, feeds, open data) into
OUT_DOCS. Building OUT_DOCS without the macros plugin and hooks is then "the same site with
our code taken out".
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files


class CapturePlugin(BasePlugin):
    """Records post-macro Markdown and writes the floor's docs folder after the build."""

    def __init__(self, out: Path):
        self.out = out
        self.pages: dict[str, tuple[dict[str, Any], str]] = {}
        self.files: Files | None = None

    @event_priority(-1000)
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        self.pages[page.file.src_uri] = (dict(page.meta), markdown)
        return markdown

    @event_priority(-1000)
    def on_env(self, env, config, files: Files):
        self.files = files
        return env

    def on_post_build(self, config) -> None:
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


def _page_source(meta: dict[str, Any], markdown: str) -> str:
    """Front matter (if any) and the Markdown body."""
    if not meta:
        return markdown
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{markdown}"


def main(config_file: str, out: str, site_dir: str) -> None:
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins["bench-capture"] = CapturePlugin(Path(out).resolve())
    build(config)


if __name__ == "__main__":
    main(*sys.argv[1:4])
