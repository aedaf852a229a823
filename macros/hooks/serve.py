"""MkDocs hook: what `mkdocs serve` (`make serve`) does differently from `mkdocs build`.

- It watches the data folder in use, also when PLAN_DATA_DIR names another than data/.
- It looks for saved files every 0.1 s instead of every 0.5 s. MkDocs watches files by polling
  (watchdog's PollingObserver, every 0.5 s, not configurable), so a saved file waited 0.25 s
  on average before the rebuild even started: a large share of the time from saving a YAML
  file to seeing it (bench/README.md). The watched folders are small, so polling them more
  often costs next to nothing.
- A build that fails shows its errors as a page (macros/preview.py). MkDocs' preview server
  holds every request until a build succeeds, and stops at once if the first build fails, so
  an editor who saved broken data saw a page that never loaded. `mkdocs build` is untouched:
  it still stops with the errors, non-zero, and writes nothing to publish.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

POLL_SECONDS = 0.1
SERVE_COMMAND = "serve"
WRAPPED_ATTRIBUTE = "_plan_preview_of"  # on our wrapper: the build function it wraps

log = logging.getLogger("mkdocs.hooks.serve")


def on_startup(command: str, dirty: bool) -> None:
    """In the preview only, let a failed build show its errors instead of failing."""
    if command == SERVE_COMMAND:
        _wrap_serve_build()


def on_shutdown() -> None:
    """Put MkDocs' own build back (the server is stopping)."""
    from mkdocs.commands import serve

    original = getattr(serve.build, WRAPPED_ATTRIBUTE, None)
    if original is not None:
        serve.build = original


def on_serve(server: LiveReloadServer, config: MkDocsConfig,
             builder: Callable[..., None]) -> LiveReloadServer:
    """Watch the data folder in use (PLAN_DATA_DIR may name another than data/), and poll the
    watched folders every POLL_SECONDS."""
    from macros.settings import data_dir

    server.watch(str(data_dir()))  # data/ itself is also in mkdocs.yml's `watch:`; MkDocs
    # watches a folder once, however often it is named
    observer: Any = getattr(server, "observer", None)
    if observer is None or not hasattr(observer, "_timeout"):
        return server  # another MkDocs or watchdog than pinned: keep its interval
    # Folders watched after this event (`watch:` in mkdocs.yml: data/, macros/, overrides/)
    # take the observer's interval; those watched before it (docs/, mkdocs.yml) are changed.
    observer._timeout = POLL_SECONDS
    for emitter in observer.emitters:
        emitter._timeout = POLL_SECONDS
    return server


def _wrap_serve_build() -> None:
    """Make every build of `mkdocs serve` (the first one too) end in a site: the real one, or
    the error page at every address. `mkdocs serve` calls `mkdocs.commands.serve.build`."""
    from mkdocs.commands import serve

    build = serve.build
    if getattr(build, WRAPPED_ATTRIBUTE, None) is not None:
        return

    def preview_build(config: MkDocsConfig, **options: Any) -> None:
        try:
            build(config, **options)
        except (Exception, SystemExit) as error:  # MkDocs' Abort is a SystemExit
            _show_errors(config, error)

    setattr(preview_build, WRAPPED_ATTRIBUTE, build)
    serve.build = preview_build


def _show_errors(config: MkDocsConfig, error: BaseException) -> None:
    from macros.preview import build_problems, show_errors

    if not isinstance(error, SystemExit):  # not reported by MkDocs yet: show the traceback
        traceback.print_exception(error)
    problems = build_problems(error)
    show_errors(Path(config.site_dir), Path(config.docs_dir), problems)
    log.warning("Forhåndsvisningen viser feilene (%d) på alle sidene til de er rettet.",
                len(problems))
