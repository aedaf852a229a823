"""Writing data files: every change lands, or none does.

Every tool that writes to `data/` (a status report from the issue form, the spreadsheet import,
freezing a period) computes the complete new text of each file first, validates the result,
and only then hands it here. `write_files` writes each file to a temporary file beside it and
swaps them in only when all were written, so a full disk or a killed process never leaves
`data/` half updated.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_files(contents: Mapping[Path, str]) -> None:
    """Write all files (UTF-8, text as given, newlines untouched) or, on any failure, none."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                                 dir=path.parent)
            staged.append((Path(temporary_name), path))
            with os.fdopen(handle, "wb") as file:  # bytes: no newline or locale translation
                file.write(text.encode("utf-8"))
                file.flush()
                os.fsync(file.fileno())
            if path.exists():
                os.chmod(temporary_name, path.stat().st_mode & 0o7777)
            else:
                os.chmod(temporary_name, 0o644)
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    backups: list[tuple[Path, bytes | None]] = [
        (path, path.read_bytes() if path.exists() else None) for _, path in staged]
    try:
        for temporary, path in staged:
            os.replace(temporary, path)
    except BaseException:
        # A replace failed midway (rare: the files are in one folder tree on one disk).
        # Put back what was already replaced, so the data is as it was.
        for path, original in backups:
            if original is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(original)
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
