"""Saving and restoring learner answers."""

from __future__ import annotations

import pytest

from course_utils.storage import AnswerStore, StorageError


class TestAnswerStore:
    def test_set_then_new_store_restores(self, tmp_path):
        """An answer saved by one store is read back by a fresh one (a kernel restart)."""
        AnswerStore(tmp_path).set("bp-1", ["a", "c"])
        again = AnswerStore(tmp_path)
        assert again.get("bp-1") == ["a", "c"]
        assert "Restored 1" in again.status

    def test_write_leaves_no_temporary_files(self, tmp_path):
        store = AnswerStore(tmp_path)
        for n in range(5):
            store.set(f"item-{n}", n)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json"]

    def test_two_stores_do_not_erase_each_others_answers(self, tmp_path):
        """A second store (e.g. another kernel) keeps answers the first wrote."""
        first, second = AnswerStore(tmp_path), AnswerStore(tmp_path)
        first.set("a", 1)
        second.set("b", 2)
        assert AnswerStore(tmp_path).answers() == {"a": 1, "b": 2}

    def test_missing_file_says_answers_will_be_saved(self, tmp_path):
        store = AnswerStore(tmp_path)
        assert not store.problem
        assert "No saved answers yet" in store.status

    def test_empty_file_is_reported_and_learner_can_go_on(self, tmp_path):
        (tmp_path / "answers.json").write_text("")
        store = AnswerStore(tmp_path)
        assert store.problem and "was empty" in store.status
        store.set("x", "b")
        assert AnswerStore(tmp_path).get("x") == "b"

    def test_corrupt_file_is_kept_aside_and_learner_can_go_on(self, tmp_path):
        """Unreadable answers are moved aside unchanged, never deleted."""
        (tmp_path / "answers.json").write_text('{"answers": {"x": ')
        store = AnswerStore(tmp_path)
        assert store.problem
        assert "could not be read" in store.status and "kept as" in store.status
        kept = [p for p in tmp_path.iterdir() if "unreadable" in p.name]
        assert len(kept) == 1 and kept[0].read_text() == '{"answers": {"x": '
        store.set("x", "c")
        assert AnswerStore(tmp_path).get("x") == "c"

    def test_wrong_shape_is_treated_as_unreadable(self, tmp_path):
        (tmp_path / "answers.json").write_text("[1, 2, 3]")
        assert "not an answers file" in AnswerStore(tmp_path).status

    def test_grading_run_never_moves_learner_files(self, tmp_path, monkeypatch):
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
        (tmp_path / "answers.json").write_text("{broken")
        store = AnswerStore(tmp_path)
        assert store.problem and store.answers() == {}
        assert (tmp_path / "answers.json").read_text() == "{broken"

    def test_failed_write_raises_clear_error_and_leaves_no_temp_file(self, tmp_path):
        """When the rename cannot happen, the error names the file and nothing half-written stays."""
        store = AnswerStore(tmp_path)
        (tmp_path / "answers.json").mkdir()  # a folder where the file should be
        with pytest.raises(StorageError, match="answers.json.*earlier answers are untouched"):
            store.set("b", 2)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json"]

    def test_missing_folder_raises_clear_error(self, tmp_path):
        store = AnswerStore(tmp_path / "gone")
        with pytest.raises(StorageError, match="Check that the folder exists"):
            store.set("a", 1)

    def test_file_damaged_mid_session_is_kept_aside_before_saving(self, tmp_path):
        store = AnswerStore(tmp_path)
        store.set("a", 1)
        (tmp_path / "answers.json").write_text("garbage that is not json")
        store.set("b", 2)
        kept = [p for p in tmp_path.iterdir() if "unreadable" in p.name]
        assert len(kept) == 1 and kept[0].read_text() == "garbage that is not json"
        assert AnswerStore(tmp_path).answers() == {"a": 1, "b": 2}
