"""Saving and restoring learner answers."""

from __future__ import annotations

import json
import os
import stat
import time

import pytest

from course_utils.core.storage import MAX_ANSWERS_BYTES, AnswerStore, StorageError, read_answers

LOCK = ".answers.json.lock"
# "Café, ça va" and a choice answer, as a Windows editor might save them (cp1252, not UTF-8).
NOT_UTF8 = '{"format": 1, "answers": {"q": {"value": ["a", "c"]}, "r": {"value": "Café, ça va"}}}'.encode(
    "cp1252")
WRONG_SHAPES = {"format": 1, "answers": {"good": {"value": "b"}, "number": 3, "no-value": {"saved_at": "x"},
                                          "list": [1, 2]}}


def write_oversized(folder):
    """A valid answers file of exactly 6 MB (one very long reply)."""
    shell = json.dumps({"format": 1, "answers": {"r": {"value": ""}}})
    text = json.dumps({"format": 1, "answers": {"r": {"value": "x" * (6 * 1024 * 1024 - len(shell))}}})
    (folder / "answers.json").write_text(text)
    return len(text)


def kept_aside(folder):
    return [p for p in folder.iterdir() if "unreadable" in p.name]


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
        assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "answers.json"]

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
        assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "answers.json"]

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

    def test_not_utf8_file_restores_answers_and_keeps_the_original(self, tmp_path):
        """Bytes that are not UTF-8 are replaced; choice answers survive; the file as it was is kept."""
        (tmp_path / "answers.json").write_bytes(NOT_UTF8)
        store = AnswerStore(tmp_path)
        assert store.problem
        assert "answers.json is not UTF-8 text; some characters were replaced" in store.status
        assert store.get("q") == ["a", "c"] and store.get("r") == "Caf\ufffd, \ufffda va"
        assert [p.read_bytes() for p in kept_aside(tmp_path)] == [NOT_UTF8]
        store.set("s", 1)
        assert AnswerStore(tmp_path).answers() == {"q": ["a", "c"], "r": "Caf\ufffd, \ufffda va", "s": 1}

    def test_not_utf8_file_under_grading_is_graded_and_left_untouched(self, tmp_path, monkeypatch):
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
        (tmp_path / "answers.json").write_bytes(NOT_UTF8)
        store = AnswerStore(tmp_path)
        assert store.get("q") == ["a", "c"] and "not UTF-8" in store.status
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json"]

    def test_file_over_5_mb_is_not_read_and_kept_aside(self, tmp_path):
        size = write_oversized(tmp_path)
        assert size > MAX_ANSWERS_BYTES
        store = AnswerStore(tmp_path)
        assert store.problem and store.answers() == {}
        assert "answers.json is 6.0 MB, over the 5 MB an answers file may be" in store.status
        assert "nothing was read" in store.status and "kept as" in store.status
        assert [p.stat().st_size for p in kept_aside(tmp_path)] == [size]
        store.set("a", 1)
        assert AnswerStore(tmp_path).answers() == {"a": 1}

    def test_file_over_5_mb_under_grading_is_left_in_place(self, tmp_path, monkeypatch):
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
        size = write_oversized(tmp_path)
        store = AnswerStore(tmp_path)
        assert store.answers() == {} and "over the 5 MB" in store.status and "left in place" in store.status
        assert (tmp_path / "answers.json").stat().st_size == size and not kept_aside(tmp_path)

    def test_wrong_shaped_entries_are_left_out_and_good_ones_kept(self, tmp_path):
        (tmp_path / "answers.json").write_text(json.dumps(WRONG_SHAPES))
        store = AnswerStore(tmp_path)
        assert store.answers() == {"good": "b"} and store.problem
        assert "Restored 1 saved answer(s)" in store.status
        assert "3 entries in answers.json were not a saved answer and left out" in store.status
        assert "'number'" in store.status and "kept as" in store.status
        assert json.loads(kept_aside(tmp_path)[0].read_text()) == WRONG_SHAPES

    def test_damage_in_the_same_second_keeps_both_files(self, tmp_path):
        """Two files kept aside within one second get different names; neither overwrites the other."""
        for text in ("first damage", "second damage"):
            (tmp_path / "answers.json").write_text(text)
            AnswerStore(tmp_path)
        assert sorted(p.read_text() for p in kept_aside(tmp_path)) == ["first damage", "second damage"]

    def test_saved_file_is_owner_rw_group_r_even_with_open_umask(self, tmp_path):
        old = os.umask(0)
        try:
            AnswerStore(tmp_path).set("a", "something personal")
            AnswerStore(tmp_path).set("b", "more")  # a rewrite, too
        finally:
            os.umask(old)
        assert stat.S_IMODE((tmp_path / "answers.json").stat().st_mode) == 0o640
        assert stat.S_IMODE((tmp_path / LOCK).stat().st_mode) == 0o640

    def test_lock_that_cannot_be_created_still_saves_atomically(self, tmp_path):
        (tmp_path / LOCK).mkdir()  # stands in for a folder where the lock cannot be made
        AnswerStore(tmp_path).set("a", 1)
        assert AnswerStore(tmp_path).answers() == {"a": 1}
        assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "answers.json"]

    def test_stale_temp_file_is_removed_and_a_fresh_one_ignored(self, tmp_path):
        """A temp file from a writer killed over a minute ago is deleted; a recent one is left alone."""
        AnswerStore(tmp_path).set("a", 1)
        stale, fresh = tmp_path / ".answers-old.tmp", tmp_path / ".answers-new.tmp"
        stale.write_text('{"format": 1, "answers": {"a": {"val')
        fresh.write_text('{"format": 1, "ans')
        os.utime(stale, (time.time() - 120, time.time() - 120))
        assert AnswerStore(tmp_path).answers() == {"a": 1}
        assert not stale.exists() and fresh.exists()

    def test_grading_run_leaves_stale_temp_files(self, tmp_path, monkeypatch):
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
        stale = tmp_path / ".answers-old.tmp"
        stale.write_text("{")
        os.utime(stale, (time.time() - 120, time.time() - 120))
        AnswerStore(tmp_path)
        assert stale.exists()


class TestDisplaySeed:
    def test_seed_is_made_once_and_kept_with_the_answers(self, tmp_path, monkeypatch):
        monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
        seed = AnswerStore(tmp_path).display_seed()
        assert seed.startswith("random:")
        AnswerStore(tmp_path).set("bp-1", "a")
        assert AnswerStore(tmp_path).display_seed() == seed
        assert json.loads((tmp_path / "answers.json").read_text())["display_seed"] == seed

    def test_hub_user_names_the_seed(self, tmp_path, monkeypatch):
        monkeypatch.setenv("JUPYTERHUB_USER", "amara")
        assert AnswerStore(tmp_path).display_seed() == "user:amara"

    def test_saving_an_answer_keeps_the_seed(self, tmp_path, monkeypatch):
        monkeypatch.setenv("JUPYTERHUB_USER", "amara")
        store = AnswerStore(tmp_path)
        store.display_seed()
        other = AnswerStore(tmp_path)  # a second kernel on the same folder
        other.set("bp-1", "b")
        assert json.loads((tmp_path / "answers.json").read_text())["display_seed"] == "user:amara"

    def test_grading_run_uses_the_student_folder_when_nothing_was_saved(self, tmp_path):
        folder = tmp_path / "autograded" / "ben" / "being_present"
        folder.mkdir(parents=True)
        assert AnswerStore(folder, read_only=True).display_seed() == "user:ben"

    def test_answers_saved_before_seeds_keep_the_file_order(self, tmp_path, monkeypatch):
        monkeypatch.setenv("JUPYTERHUB_USER", "amara")
        (tmp_path / "answers.json").write_text(json.dumps(
            {"format": 1, "answers": {"bp-1": {"value": "a"}}}))
        assert AnswerStore(tmp_path).display_seed() is None
        assert AnswerStore(tmp_path, read_only=True).display_seed() is None

    def test_damaged_file_is_not_overwritten_by_the_seed(self, tmp_path, monkeypatch):
        monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
        store = AnswerStore(tmp_path)
        (tmp_path / "answers.json").write_text('{"format": 1, "answers": {"bp')
        store.display_seed()
        assert (tmp_path / "answers.json").read_text() == '{"format": 1, "answers": {"bp'


class TestReadAnswers:
    def test_saved_answers_are_read(self, tmp_path):
        AnswerStore(tmp_path).set("a", ["x"])
        assert read_answers(tmp_path) == {"a": ["x"]}

    def test_not_utf8_file_gives_its_answers(self, tmp_path):
        (tmp_path / "answers.json").write_bytes(NOT_UTF8)
        assert read_answers(tmp_path)["q"] == ["a", "c"]

    def test_file_over_5_mb_gives_none_and_is_untouched(self, tmp_path):
        size = write_oversized(tmp_path)
        assert read_answers(tmp_path) == {}
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json"]
        assert (tmp_path / "answers.json").stat().st_size == size

    def test_wrong_shaped_entries_are_left_out(self, tmp_path):
        (tmp_path / "answers.json").write_text(json.dumps(WRONG_SHAPES))
        assert read_answers(tmp_path) == {"good": "b"}

    @pytest.mark.parametrize("text", ["", "{broken", "[1]", '{"answers": 3}', "1" * 5000])
    def test_unreadable_file_gives_none(self, tmp_path, text):
        (tmp_path / "answers.json").write_text(text)
        assert read_answers(tmp_path) == {}
