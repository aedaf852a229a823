"""MkDocs hook: `mkdocs serve` looks for saved files every 0.1 s instead of every 0.5 s.

MkDocs watches files by polling (watchdog's PollingObserver, every 0.5 s, not configurable),
so a saved file waited 0.25 s on average, and up to 0.5 s, before the rebuild even started:
a large share of the time from saving a YAML file to seeing it (bench/README.md). The folders
watched here are small, so polling them more often costs next to nothing.
"""

from __future__ import annotations

POLL_SECONDS = 0.1


def on_serve(server, config, builder):
    """Poll the watched folders every POLL_SECONDS."""
    observer = getattr(server, "observer", None)
    if observer is None or not hasattr(observer, "_timeout"):
        return server  # another MkDocs or watchdog than pinned: keep its interval
    # Folders watched after this event (`watch:` in mkdocs.yml: data/, macros/, overrides/)
    # take the observer's interval; those watched before it (docs/, mkdocs.yml) are changed.
    observer._timeout = POLL_SECONDS
    for emitter in observer.emitters:
        emitter._timeout = POLL_SECONDS
    return server
