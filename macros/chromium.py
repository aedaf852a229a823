"""The one Chromium set-up: the browser tests (tests/browser.py) and `make pdf` (pdf.py) serve a
built site on 127.0.0.1 and launch Chromium headless the same way, so a PDF is printed by the
browser the tests check."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DEFAULT_CHROMIUM = "/usr/bin/chromium"  # Debian's; `make ... CHROMIUM=…` names another
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port; yields the base URL ending in "/"."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch(playwright: Any, executable: str | None = DEFAULT_CHROMIUM) -> Any:
    """Chromium at `executable` (or Playwright's own, if `make browser` installed that),
    headless."""
    found = executable if executable and Path(executable).is_file() else None
    return playwright.chromium.launch(executable_path=found, args=CHROMIUM_ARGS, headless=True)
