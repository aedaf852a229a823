"""The data writer: all files are written, or none."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from macros import write
from macros.write import write_files


def test_writes_every_file_with_exact_bytes(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "ny" / "b.yaml"
    first.write_text("gammel\n", encoding="utf-8")
    write_files({first: "ny tekst: «æøå»\r\n", second: "b\n"})
    assert first.read_bytes() == "ny tekst: «æøå»\r\n".encode()
    assert second.read_bytes() == b"b\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.yaml", "b.yaml", "ny"]


def test_a_failure_while_staging_writes_nothing(tmp_path, monkeypatch):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("a\n", encoding="utf-8")
    second.write_text("b\n", encoding="utf-8")
    real_fsync, calls = os.fsync, []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(write.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        write_files({first: "A\n", second: "B\n"})
    assert (first.read_text(), second.read_text()) == ("a\n", "b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def test_a_failure_while_swapping_restores_the_files(tmp_path, monkeypatch):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("a\n", encoding="utf-8")
    real_replace = os.replace

    def failing_replace(source, target):
        if Path(target) == second:
            raise OSError(13, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(write.os, "replace", failing_replace)
    with pytest.raises(OSError) as caught:
        write_files({first: "A\n", second: "B\n"})
    assert str(caught.value) == "[Errno 13] Permission denied"  # the failure, not a cleanup's
    assert first.read_text() == "a\n"
    assert not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_a_new_file_is_0644_an_old_one_keeps_its_mode_and_folders_are_made(tmp_path):
    old = tmp_path / "gammel.yaml"
    old.write_text("a\n", encoding="utf-8")
    old.chmod(0o640)
    new = tmp_path / "ny" / "mappe" / "ny.yaml"
    write_files({old: "b\n", new: "c\n"})
    assert (old.stat().st_mode & 0o7777, new.stat().st_mode & 0o7777) == (0o640, 0o644)
    assert (old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")) == ("b\n", "c\n")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["gammel.yaml", "ny.yaml"]


def test_each_file_is_staged_hidden_beside_it_and_not_as_yaml(tmp_path, monkeypatch):
    """Beside the file, so the swap is one rename on one disk; hidden and ending in .tmp, so a
    file left by a killed process is never read as data (the loader reads *.yaml)."""
    first, second = tmp_path / "a.yaml", tmp_path / "ny" / "b.yaml"
    real_replace, swaps = os.replace, []

    def recording_replace(source, target):
        swaps.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(write.os, "replace", recording_replace)
    write_files({first: "A\n", second: "B\n"})
    assert [target for _, target in swaps] == [first, second]
    for staged, target in swaps:
        assert staged.parent == target.parent
        pattern = rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp"
        assert re.fullmatch(pattern, staged.name), staged


def test_files_are_utf_8_whatever_the_locale(tmp_path, windows_locale):
    path = tmp_path / "a.yaml"
    write_files({path: "tekst: «Møte i Bærum»\n"})
    assert path.read_bytes() == "tekst: «Møte i Bærum»\n".encode("utf-8")
