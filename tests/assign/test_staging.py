"""New source/ and release/ folders are made aside and swapped in whole, or not at all."""

from __future__ import annotations

import json

import nbformat
import pytest

from course_utils.assign.staging import SCRATCH_DIR, Staging, swap_in, write_files


def folder_with(path, text: str):
    path.mkdir(parents=True)
    (path / "file.txt").write_text(text)
    return path


def contents(path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(path.iterdir())}


class TestWriteFiles:
    def test_notebooks_and_json_documents_are_written(self, tmp_path):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Hi")])
        target = write_files(tmp_path / "a", {"a.ipynb": nb, "items.json": {"b": 1, "a": "é"}})
        assert nbformat.read(target / "a.ipynb", as_version=4).cells[0].source == "Hi"
        text = (target / "items.json").read_text(encoding="utf-8")
        assert json.loads(text) == {"a": "é", "b": 1} and text.endswith("\n") and "é" in text

    def test_an_existing_folder_is_never_written_into(self, tmp_path):
        (tmp_path / "a").mkdir()
        with pytest.raises(FileExistsError):
            write_files(tmp_path / "a", {})


class TestSwapIn:
    def test_every_live_folder_is_replaced_and_the_old_ones_deleted(self, tmp_path):
        live = [folder_with(tmp_path / "source" / "m", "old source"),
                folder_with(tmp_path / "release" / "m", "old release")]
        staged = [folder_with(tmp_path / "stage" / n, f"new {n}") for n in ("source", "release")]
        swap_in(list(zip(live, staged, strict=True)), tmp_path / "backup")
        assert [contents(p) for p in live] == [{"file.txt": "new source"}, {"file.txt": "new release"}]
        assert not (tmp_path / "backup").exists() and not staged[0].exists()

    def test_a_failed_rename_puts_every_folder_back(self, tmp_path):
        live = [folder_with(tmp_path / "source" / "m", "old source"),
                folder_with(tmp_path / "release" / "m", "old release")]
        staged = [folder_with(tmp_path / "stage" / "source", "new source"), tmp_path / "stage" / "missing"]
        with pytest.raises(OSError):
            swap_in(list(zip(live, staged, strict=True)), tmp_path / "backup")
        assert [contents(p) for p in live] == [{"file.txt": "old source"}, {"file.txt": "old release"}]

    def test_a_folder_that_did_not_exist_is_gone_again_after_a_failure(self, tmp_path):
        live = [tmp_path / "source" / "new", tmp_path / "release" / "new"]
        staged = [folder_with(tmp_path / "stage" / "source", "new"), tmp_path / "stage" / "missing"]
        with pytest.raises(OSError):
            swap_in(list(zip(live, staged, strict=True)), tmp_path / "backup")
        assert not live[0].exists() and not live[1].exists()


class TestStaging:
    def test_the_scratch_folder_is_in_the_course_and_deleted_at_the_end(self, tmp_path):
        with Staging(tmp_path) as stage:
            made = stage.write("source", "m", {"items.json": {}})
            assert made.parent.parent.parent == tmp_path / SCRATCH_DIR
            stage.swap_in("m", [(tmp_path / "source" / "m", made)])
        assert (tmp_path / "source" / "m" / "items.json").is_file()
        assert list((tmp_path / SCRATCH_DIR).iterdir()) == []

    def test_a_build_that_stops_leaves_nothing_behind(self, tmp_path):
        with pytest.raises(RuntimeError), Staging(tmp_path) as stage:
            stage.write("source", "m", {"items.json": {}})
            raise RuntimeError("nbgrader failed")
        assert list((tmp_path / SCRATCH_DIR).iterdir()) == []
        assert not (tmp_path / "source").exists()
