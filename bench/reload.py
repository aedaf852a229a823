"""Reload: the time from saving a YAML file to `mkdocs serve` serving the new content.

Runs `mkdocs serve` (what `make serve` runs) in a copy of the project on a free port, then
repeatedly appends a marker to one tiltak text in the copy's data file and polls the area
page until the marker appears. The clock starts when the file is written and closed.
"""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .project import build_env

AREA_FILE = Path("data/omrader/1-mangfold.yaml")
AREA_URL = "omrader/mangfold/"
MEASURE_TEXT = re.compile(r'(id: "1\.1\.1"\n\s+tekst: "[^"]*?)(?: Målemerke\d+)?(")')
POLL_SECONDS = 0.01
START_TIMEOUT = 120.0
RELOAD_TIMEOUT = 30.0
PAUSE_SECONDS = 1.5


def _free_port() -> int:
    """A port that was free a moment ago (`mkdocs serve` needs a number, not 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float:
    """Poll `url` until its body contains `text`; seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def measure_reload(project: Path, times: int = 5, config: str = "mkdocs.yml") -> list[float]:
    """Seconds from save to new content, `times` times, with `mkdocs serve` on `project`."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{AREA_URL}"
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", config,
               "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=build_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    data_file = project / AREA_FILE
    try:
        _wait_for(url, "tiltak-1-1-1", START_TIMEOUT)
        results = []
        for run in range(1, times + 1):
            time.sleep(PAUSE_SECONDS)
            marker = f"Målemerke{run}"
            source = data_file.read_text(encoding="utf-8")
            changed, count = MEASURE_TEXT.subn(rf"\1 {marker}\2", source)
            assert count == 1, "tiltak 1.1.1 not found in the data file copy"
            data_file.write_text(changed, encoding="utf-8")
            results.append(_wait_for(url, marker, RELOAD_TIMEOUT))
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def summary(results: list[float]) -> dict[str, float]:
    """Median and worst of the reload times."""
    return {"median": statistics.median(results), "max": max(results)}
