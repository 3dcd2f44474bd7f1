"""write_atomic: the whole new text or the old file, one mode, no temporary file left behind."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from course_utils.core.atomic import FILE_MODE, TempFileError, write_atomic


def test_writes_the_text_with_the_mode(tmp_path: Path):
    target = tmp_path / "results.json"
    write_atomic(target, "{}\n")
    assert target.read_text("utf-8") == "{}\n"
    assert stat.S_IMODE(target.stat().st_mode) == FILE_MODE


def test_writes_bytes_whole_with_the_mode(tmp_path: Path):
    target = tmp_path / "scores.png"
    write_atomic(target, b"\x89PNG\r\n\x00data")
    assert target.read_bytes() == b"\x89PNG\r\n\x00data"
    assert stat.S_IMODE(target.stat().st_mode) == FILE_MODE
    assert [p.name for p in tmp_path.iterdir()] == ["scores.png"]


def test_replaces_an_older_file_and_can_set_another_mode(tmp_path: Path):
    target = tmp_path / "scores.csv"
    target.write_text("old", "utf-8")
    write_atomic(target, "a,b\r\n", mode=0o600, newline="", durable=True)
    assert target.read_bytes() == b"a,b\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path):
    target = tmp_path / "answers.json"
    target.write_text("old", "utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "half \ud800 written")  # a lone surrogate cannot be encoded
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json"]


def test_a_failed_rename_leaves_no_temporary_file(tmp_path: Path):
    target = tmp_path / "answers.json"
    target.mkdir()  # a folder where the file should be: the rename fails
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json"]


def test_a_missing_folder_is_told_apart(tmp_path: Path):
    with pytest.raises(TempFileError):
        write_atomic(tmp_path / "gone" / "answers.json", "new")
