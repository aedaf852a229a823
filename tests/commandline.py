"""Helpers for tests of commands that write data: run `python -m macros …` in this process, and
fingerprint a data folder to prove a refused command changed nothing."""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

from macros.__main__ import main


def run_main(args: list[str], stdin: str | bytes = "") -> tuple[int, str, str]:
    """`python -m macros ARGS` with `stdin` (text as UTF-8, or the bytes given); returns the exit
    code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    raw = stdin if isinstance(stdin, bytes) else stdin.encode("utf-8")
    sys.stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        code = main(args)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def folder_hash(folder: Path) -> str:
    """A digest of every file's path and bytes under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
