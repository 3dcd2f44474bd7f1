"""Exporting learners' written text to CSV, and keeping exported files private."""

from __future__ import annotations

import csv
import json
import stat

import pytest

from course_utils.instructor.exports import PRIVATE_MODE, export_text, make_private
from course_utils.items.model import Item, Module, Option, Scenario
from course_utils.items.public import items_document

HEADER = ["student_id", "assignment", "item", "kind", "text"]


def item(item_id: str, kind: str, mode: str = "graded") -> Item:
    options = (Option("a", "I'm here.", ""), Option("b", "Calm down.", ""), Option("c", "Go home.", ""))
    return Item(id=item_id, kind=kind, mode=mode, prompt="p", scenario=Scenario("s", "I can't sleep."),
                competencies=(1,), points=1.0, key="a" if kind == "best_response" else None,
                options=options if kind == "best_response" else ())


MODULE = Module("mini", 1, "Mini", "reading", items=(
    item("m-choice", "best_response"),
    item("m-reply", "written_reply"),
    item("m-reflect", "reflection"),
    item("m-practice-reply", "written_reply", mode="practice"),
))


def submit(course, student: str, answers: dict, assignment: str = "mini", module: Module = MODULE):
    """A submitted/<student>/<assignment> folder with the items file and the answers file."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    (folder / "items.json").write_text(json.dumps(items_document(module)), encoding="utf-8")
    (folder / "answers.json").write_text(json.dumps(
        {"format": 1, "answers": {k: {"value": v} for k, v in answers.items()}}), encoding="utf-8")
    return folder


def rows(path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADER
        return list(reader)


def rows_of(course) -> list[dict[str, str]]:
    export_text(course, course / "t.csv")
    return rows(course / "t.csv")


class TestExportText:
    def test_written_replies_and_reflections_become_rows_and_choices_do_not(self, tmp_path):
        """Only text kinds are exported, practice written replies included; choices never are."""
        submit(tmp_path, "alice", {"m-choice": "a", "m-reply": "That sounds hard.",
                                   "m-reflect": "I rush to fix things.", "m-practice-reply": "I'm here."})
        target = tmp_path / "out" / "written_text.csv"
        assert export_text(tmp_path, target) == 3
        assert rows(target) == [
            {"student_id": "alice", "assignment": "mini", "item": "m-reply", "kind": "written_reply",
             "text": "That sounds hard."},
            {"student_id": "alice", "assignment": "mini", "item": "m-reflect", "kind": "reflection",
             "text": "I rush to fix things."},
            {"student_id": "alice", "assignment": "mini", "item": "m-practice-reply",
             "kind": "written_reply", "text": "I'm here."},
        ]

    def test_submissions_are_read_from_the_folder_the_course_config_names(self, tmp_path):
        course = tmp_path
        (course / "nbgrader_config.py").write_text(
            'c = get_config()\nc.CourseDirectory.submitted_directory = "handed_in"\n')
        submit(course, "alice", {"m-reply": "That sounds hard."})
        (course / "submitted").rename(course / "handed_in")
        assert [r["text"] for r in rows_of(course)] == ["That sounds hard."]

    def test_rows_are_ordered_by_student_then_assignment(self, tmp_path):
        for student in ("zoe", "alice", "mo"):
            submit(tmp_path, student, {"m-reply": f"reply by {student}"})
        submit(tmp_path, "alice", {"m-reply": "earlier module"}, assignment="a_first")
        target = tmp_path / "written_text.csv"
        assert export_text(tmp_path, target) == 4
        assert [(r["student_id"], r["assignment"], r["text"]) for r in rows(target)] == [
            ("alice", "a_first", "earlier module"), ("alice", "mini", "reply by alice"),
            ("mo", "mini", "reply by mo"), ("zoe", "mini", "reply by zoe")]

    def test_commas_quotes_newlines_and_accents_survive_the_round_trip(self, tmp_path):
        text = 'She said "I\'m fine", but\nher hands shook.\r\nCafé, ça va? 🙂'
        submit(tmp_path, "alice", {"m-reflect": text})
        target = tmp_path / "written_text.csv"
        export_text(tmp_path, target)
        assert [r["text"] for r in rows(target)] == [text]

    def test_records_end_with_crlf_as_csv_readers_expect(self, tmp_path):
        submit(tmp_path, "alice", {"m-reply": "Line one"})
        target = tmp_path / "written_text.csv"
        export_text(tmp_path, target)
        assert target.read_bytes() == (b"student_id,assignment,item,kind,text\r\n"
                                       b"alice,mini,m-reply,written_reply,Line one\r\n")

    def test_unanswered_and_empty_replies_are_not_rows(self, tmp_path):
        submit(tmp_path, "alice", {"m-reply": "", "m-reflect": None})
        submit(tmp_path, "bob", {})
        target = tmp_path / "written_text.csv"
        assert export_text(tmp_path, target) == 0
        assert rows(target) == []

    def test_answers_to_items_not_in_the_items_file_are_left_out(self, tmp_path):
        """A stray answer id (an old item, a hand edit) is not exported."""
        submit(tmp_path, "alice", {"m-gone": "old text", "m-reply": "kept"})
        target = tmp_path / "written_text.csv"
        assert export_text(tmp_path, target) == 1
        assert [r["item"] for r in rows(target)] == ["m-reply"]

    def test_folder_without_items_file_is_skipped(self, tmp_path):
        (submit(tmp_path, "alice", {"m-reply": "no items file"}) / "items.json").unlink()
        submit(tmp_path, "bob", {"m-reply": "exported"})
        target = tmp_path / "written_text.csv"
        assert export_text(tmp_path, target) == 1
        assert [r["student_id"] for r in rows(target)] == ["bob"]

    @pytest.mark.parametrize("damaged", ['{"items": [', "[]", '{"items": [{"id": "x"}]}', ""])
    def test_damaged_items_file_is_skipped_and_left_as_it_was(self, tmp_path, damaged):
        folder = submit(tmp_path, "alice", {"m-reply": "unreadable items"})
        (folder / "items.json").write_text(damaged, encoding="utf-8")
        submit(tmp_path, "bob", {"m-reply": "exported"})
        target = tmp_path / "written_text.csv"
        assert export_text(tmp_path, target) == 1
        assert [r["student_id"] for r in rows(target)] == ["bob"]
        assert (folder / "items.json").read_text(encoding="utf-8") == damaged

    def test_damaged_answers_file_gives_no_rows_and_is_left_untouched(self, tmp_path):
        """An unreadable answers file is neither exported nor moved aside (read only)."""
        folder = submit(tmp_path, "alice", {})
        (folder / "answers.json").write_text('{"answers": {"m-reply": ', encoding="utf-8")
        target = tmp_path / "written_text.csv"
        assert export_text(tmp_path, target) == 0
        assert sorted(p.name for p in folder.iterdir()) == ["answers.json", "items.json"]
        assert (folder / "answers.json").read_text(encoding="utf-8") == '{"answers": {"m-reply": '

    def test_a_stray_file_beside_the_assignment_folders_is_skipped(self, tmp_path):
        submit(tmp_path, "ana", {"m-reply": "That sounds hard."})
        (tmp_path / "submitted" / "ana" / "notes.txt").write_text("mine", "utf-8")
        assert export_text(tmp_path, tmp_path / "t.csv") == 1

    @pytest.mark.parametrize("value", [["a"], {"reply": "hi"}, 7, "   "])
    def test_an_answer_that_is_not_text_is_not_a_row(self, tmp_path, value):
        submit(tmp_path, "ana", {"m-reply": value, "m-reflect": "I learned to wait."})
        assert [r["text"] for r in rows_of(tmp_path)] == ["I learned to wait."]

    @pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+1", "-hi", "@SUM(A1)"])
    def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(self, tmp_path, text):
        submit(tmp_path, "ana", {"m-reply": text})
        assert [r["text"] for r in rows_of(tmp_path)] == [f"'{text}"]

    def test_no_submitted_folder_writes_only_the_header(self, tmp_path):
        target = tmp_path / "written_text.csv"
        assert export_text(tmp_path, target) == 0
        assert target.read_bytes() == b"student_id,assignment,item,kind,text\r\n"

    def test_export_is_private_and_leaves_no_temporary_file(self, tmp_path):
        submit(tmp_path, "alice", {"m-reply": "private words"})
        out = tmp_path / "exports"
        export_text(tmp_path, out / "written_text.csv")
        assert stat.S_IMODE((out / "written_text.csv").stat().st_mode) == 0o640 == PRIVATE_MODE
        assert [p.name for p in out.iterdir()] == ["written_text.csv"]

    def test_missing_parent_folders_are_made(self, tmp_path):
        target = tmp_path / "a" / "b" / "written_text.csv"
        export_text(tmp_path, target)
        assert target.is_file()

    def test_an_older_export_is_replaced_whole_and_made_private(self, tmp_path):
        target = tmp_path / "written_text.csv"
        target.write_text("x" * 10_000, encoding="utf-8")
        target.chmod(0o666)
        submit(tmp_path, "alice", {"m-reply": "new"})
        assert export_text(tmp_path, target) == 1
        assert target.read_bytes() == (
            b"student_id,assignment,item,kind,text\r\nalice,mini,m-reply,written_reply,new\r\n")
        assert stat.S_IMODE(target.stat().st_mode) == 0o640

    def test_failed_write_keeps_the_older_export_and_leaves_no_temporary_file(self, tmp_path):
        """Text that cannot be encoded (a lone surrogate from a hand-edited file) writes nothing."""
        target = tmp_path / "exports" / "written_text.csv"
        target.parent.mkdir()
        target.write_text("the older export", encoding="utf-8")
        folder = submit(tmp_path, "alice", {})
        (folder / "answers.json").write_text(
            '{"format": 1, "answers": {"m-reply": {"value": "half \\ud800 emoji"}}}', encoding="utf-8")
        with pytest.raises(UnicodeEncodeError):
            export_text(tmp_path, target)
        assert target.read_text(encoding="utf-8") == "the older export"
        assert [p.name for p in target.parent.iterdir()] == ["written_text.csv"]

    def test_target_that_is_a_folder_fails_and_leaves_no_temporary_file(self, tmp_path):
        target = tmp_path / "written_text.csv"
        target.mkdir()
        submit(tmp_path, "alice", {"m-reply": "text"})
        with pytest.raises(OSError):
            export_text(tmp_path, target)
        assert target.is_dir() and list(target.iterdir()) == []
        assert sorted(p.name for p in tmp_path.iterdir()) == ["submitted", "written_text.csv"]


class TestMakePrivate:
    @pytest.mark.parametrize("before", [0o666, 0o644, 0o600])
    def test_sets_owner_read_write_group_read_only(self, tmp_path, before):
        path = tmp_path / "grades.csv"
        path.write_bytes(b"student_id,score\r\nalice,3\r\n")
        path.chmod(before)
        make_private(path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640

    def test_content_is_unchanged(self, tmp_path):
        path = tmp_path / "grades.csv"
        path.write_bytes(b"student_id,score\r\nalice,3\r\n")
        make_private(path)
        assert path.read_bytes() == b"student_id,score\r\nalice,3\r\n"

    def test_missing_file_raises(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            make_private(tmp_path / "grades.csv")
        assert list(tmp_path.iterdir()) == []


class TestRoleplayTranscripts:
    def test_a_roleplay_transcript_is_a_row_only_when_text_is_asked_for(self, tmp_path):
        """Transcripts are learner text: in written_text.csv (on request), never in the grades."""
        from dataclasses import replace

        from helpers import REPO

        from course_utils.content.loader import load_module

        played = replace(load_module(REPO / "content" / "being_present").item("bp-roleplay-letter"),
                         mode="graded", points=3.0)  # sealed in items.json, as a release has it
        module = Module("mini", 1, "Mini", "reading", items=(played,))
        reply = "Eight months of waiting, and then one page. That sounds crushing."
        submit(tmp_path, "alice", {played.id: {"replies": [reply], "seed": 0}}, module=module)
        submit(tmp_path, "bob", {played.id: {"replies": [], "seed": 1}}, module=module)
        [row] = rows_of(tmp_path)
        assert (row["student_id"], row["kind"]) == ("alice", "roleplay")
        assert row["text"].splitlines()[:3] == [
            "Role-play:", "Teodor: Eight months on that waiting list, and this is what I get. One page.",
            f"You: {reply}"]


class TestObserverChecklists:
    def test_a_filled_checklist_is_a_row_in_plain_words_and_a_blank_one_is_not(self, tmp_path):
        """A checklist is learner text: exported on request, as its plain words; nothing filled, no row."""
        from course_utils.items.checklist import empty_checklist

        module = Module("mini", 1, "Mini", "reading", items=(item("m-triad", "observer_checklist"),))
        filled = {**empty_checklist(), "roadblocks": ["advising"], "observer": "A pause helped."}
        submit(tmp_path, "alice", {"m-triad": filled}, module=module)
        submit(tmp_path, "bob", {"m-triad": empty_checklist()}, module=module)
        [row] = rows_of(tmp_path)
        assert (row["student_id"], row["kind"]) == ("alice", "observer_checklist")
        assert "Roadblocks heard: Advising, giving solutions." in row["text"]
        assert "As observer: A pause helped." in row["text"]
