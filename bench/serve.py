"""A local static file server that records what it sends, for the page-weight benchmark."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass(frozen=True)
class Sent:
    """One response body the server sent: URL path and file on disk."""

    path: str
    file: Path


class _Handler(SimpleHTTPRequestHandler):
    """Serves files and appends each successful response to the server's `sent` list."""

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._code = 0
        super().do_GET()
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if self._code == 200 and target.is_file():
            self.server.sent.append(Sent(self.path.split("?")[0], target))

    def send_response(self, code: int, message: str | None = None) -> None:
        self._code = code
        super().send_response(code, message)

    def log_message(self, format: str, *args) -> None:
        """Quiet: the benchmark prints its own table."""


class RecordingServer:
    """Serve `root` on 127.0.0.1 with a free port, in a background thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_Handler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.sent = []
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def sent(self) -> list[Sent]:
        return self.httpd.sent

    def __enter__(self) -> RecordingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
