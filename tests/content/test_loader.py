"""Loading and validating content files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import ASSIGNMENT, REPO, copy_course, only_problem, write_module

from course_utils.cli import main
from course_utils.content.loader import ContentError, load_course, load_module
from course_utils.items.kind import kinds


def first(data: dict, kind: str, mode: str | None = None) -> dict:
    return next(i for i in data["items"] if i["kind"] == kind and (mode is None or i["mode"] == mode))


def line_number(text: str, needle: str, after: int = 0) -> int:
    """The 1-based number of the first line below line `after` that contains needle."""
    lines = text.splitlines()
    return next(n for n in range(after + 1, len(lines) + 1) if needle in lines[n - 1])


class TestLoadModule:
    def test_real_module_is_valid_and_covers_every_kind(self):
        """Module 1 loads, has at least 10 items, every kind, practice and graded."""
        module = load_module(REPO / "content" / ASSIGNMENT)
        assert len(module.items) >= 10
        assert {i.kind for i in module.items} == set(kinds())
        assert {i.mode for i in module.items} == {"practice", "graded"}
        assert all(i.key is not None for i in module.items if "key" in kinds()[i.kind].fields)
        assert all(i.turns for i in module.items if i.kind == "branching")

    def test_real_reading_is_within_length(self):
        """The reading is 1,200 to 2,500 words and ends with its sources."""
        module = load_module(REPO / "content" / ASSIGNMENT)
        assert 1200 <= len(module.reading.split()) <= 2500
        assert "## Sources" in module.reading

    def test_best_response_keys_are_spread(self):
        """Keys of best-response items do not all sit in one position."""
        module = load_module(REPO / "content" / ASSIGNMENT)
        keys = [i.key for i in module.items if i.kind == "best_response"]
        assert len(set(keys)) > 1

    @pytest.mark.parametrize(
        ("mutate", "item_field"),
        [
            (lambda d: first(d, "best_response", "graded").pop("key"), "key"),
            (lambda d: first(d, "select_all").update(competencies=[13]), "competencies"),
            (lambda d: d["items"].append(dict(d["items"][0])), "id"),
            (lambda d: first(d, "rank")["options"][1].pop("explanation"), "options[b].explanation"),
            (lambda d: first(d, "classify").update(kind="matching"), "kind"),
            (lambda d: first(d, "classify")["key"].update(a="shouting"), "key"),
            (lambda d: first(d, "best_response", "graded").update(points=0), "points"),
            (lambda d: first(d, "reflection").pop("rubric"), "rubric"),
            (lambda d: first(d, "rank").update(key=["a", "b"]), "key"),
        ],
        ids=["missing-key", "unknown-competency", "duplicate-id", "option-without-explanation",
             "unknown-kind", "unknown-label", "zero-points", "graded-without-rubric",
             "rank-key-incomplete"],
    )
    def test_malformed_item_names_file_item_and_field(self, tmp_path, mutate, item_field):
        """A malformed item is rejected with the file, the item id and the field."""
        folder = write_module(tmp_path, mutate)
        with pytest.raises(ContentError) as err:
            load_module(folder)
        message = str(err.value)
        assert str(folder / "module.yaml") in message
        assert f"field '{item_field}'" in message
        assert "item 'bp-" in message

    @pytest.mark.parametrize(
        ("auto_rubric", "kind", "says"),
        [
            ({"reflects": 0.5, "kindness": 0.5}, "written_reply", "unknown criteria kindness"),
            ({"reflects": 0.5, "invites_more": 0.3}, "written_reply", "add up to 0.8"),
            ({"reflects": 1.2, "invites_more": -0.2}, "written_reply", "above 0"),
            (["reflects"], "written_reply", "give criteria and weights"),
            ({"reflects": 1.0}, "best_response", "only written_reply items"),
        ],
        ids=["unknown-criterion", "sum-not-one", "negative-weight", "not-a-mapping", "wrong-kind"],
    )
    def test_a_bad_auto_rubric_says_what_to_write(self, tmp_path, auto_rubric, kind, says):
        """An item's automatic rubric is checked: known criteria, weights above 0 adding to 1."""
        folder = write_module(tmp_path, lambda d: first(d, kind).update(auto_rubric=auto_rubric))
        problem, message = only_problem(folder)
        assert "field 'auto_rubric'" in message and says in message

    def test_a_good_auto_rubric_reaches_the_item(self, tmp_path):
        weights = {"asks_about_suicide": 0.5, "validates": 0.5}
        folder = write_module(tmp_path,
                              lambda d: first(d, "written_reply").update(auto_rubric=weights))
        item = next(i for i in load_module(folder).items if i.kind == "written_reply")
        assert item.auto_rubric == (("asks_about_suicide", 0.5), ("validates", 0.5))

    def test_invalid_yaml_names_file_and_line(self, tmp_path):
        """Broken YAML gives the file and the line, not a traceback."""
        folder = write_module(tmp_path, lambda d: None)
        text = (folder / "module.yaml").read_text().replace("items:", "items: [", 1)
        (folder / "module.yaml").write_text(text)
        with pytest.raises(ContentError, match=r"module\.yaml.*not valid YAML near line"):
            load_module(folder)

    def test_missing_reading_is_reported(self, tmp_path):
        """A module without reading.md is rejected, naming that file."""
        folder = write_module(tmp_path, lambda d: None)
        (folder / "reading.md").unlink()
        with pytest.raises(ContentError, match="reading.md"):
            load_module(folder)


class TestLoadCourse:
    def test_duplicate_id_across_modules_is_rejected(self, tmp_path):
        """Item ids must be unique across the whole course."""
        write_module(tmp_path, lambda d: None)
        other = tmp_path / "second_module"
        shutil.copytree(tmp_path / ASSIGNMENT, other)
        data = yaml.safe_load((other / "module.yaml").read_text())
        data.update(assignment="second_module", number=2)
        (other / "module.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
        with pytest.raises(ContentError, match="also used in module"):
            load_course(tmp_path)

    def test_two_modules_with_one_number_are_refused(self, tmp_path):
        write_module(tmp_path, lambda d: None)
        other = tmp_path / "second_module"
        shutil.copytree(tmp_path / ASSIGNMENT, other)
        data = yaml.safe_load((other / "module.yaml").read_text())
        data.update(assignment="second_module", number=data["number"],
                    items=[dict(i, id=f"x-{i['id']}") for i in data["items"]])
        (other / "module.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
        with pytest.raises(ContentError, match=f"{ASSIGNMENT} has number {data['number']} too"):
            load_course(tmp_path)

    def test_every_problem_is_listed_at_once(self, tmp_path):
        """Two broken items give two problems in one error."""
        def mutate(d):
            first(d, "best_response", "graded").pop("key")
            first(d, "select_all").update(competencies=[0])
        write_module(tmp_path, mutate)
        with pytest.raises(ContentError) as err:
            load_course(tmp_path)
        assert len(err.value.problems) == 2


class TestProblemLines:
    def assert_named(self, problem, message: str, path: Path, line: int, item_field: str) -> None:
        assert (problem.file, problem.line, problem.field) == (str(path), line, item_field)
        assert f"{path}:{line}: " in message
        assert f"field '{item_field}'" in message

    def test_tab_in_yaml_names_its_line(self, tmp_path):
        """A tab used for indentation is reported on the line that holds it."""
        folder = write_module(tmp_path, lambda d: None)
        path = folder / "module.yaml"
        text = path.read_text().replace("\n  kind: select_all\n", "\n\tkind: select_all\n", 1)
        path.write_text(text)
        problem, message = only_problem(folder)
        self.assert_named(problem, message, path, line_number(text, "\tkind"), "-")
        assert "not valid YAML" in message

    def test_unclosed_quote_names_the_line_it_opens_on(self, tmp_path):
        """A quote never closed is reported where it opens, not at the end of the file."""
        folder = write_module(tmp_path, lambda d: None)
        path = folder / "module.yaml"
        text = path.read_text() + '  example: "never closed\n'
        path.write_text(text)
        problem, message = only_problem(folder)
        self.assert_named(problem, message, path, line_number(text, '"never closed'), "-")

    def test_unknown_kind_names_the_kind_line(self, tmp_path):
        """An unknown kind points at the item's kind: line."""
        folder = write_module(tmp_path, lambda d: first(d, "best_response").update(kind="matching"))
        path = folder / "module.yaml"
        problem, message = only_problem(folder)
        self.assert_named(problem, message, path, line_number(path.read_text(), "kind: matching"), "kind")

    def test_missing_key_names_the_item_first_line(self, tmp_path):
        """A graded best_response item without a key points at the item's first line."""
        item_id = ""

        def mutate(d):
            nonlocal item_id
            item = first(d, "best_response", "graded")
            item.pop("key")
            item_id = item["id"]
        folder = write_module(tmp_path, mutate)
        path = folder / "module.yaml"
        problem, message = only_problem(folder)
        self.assert_named(problem, message, path, line_number(path.read_text(), f"- id: {item_id}"), "key")
        assert problem.item == item_id

    @pytest.mark.parametrize("empty", [False, True], ids=["missing", "empty"])
    def test_bad_option_explanation_names_the_option_line(self, tmp_path, empty):
        """A missing explanation points at its option; an empty one at its explanation: line."""
        ids = {}

        def mutate(d):
            item = first(d, "rank")
            option = item["options"][1]
            ids.update(item=item["id"], option=option["id"])
            if empty:
                option["explanation"] = ""
            else:
                option.pop("explanation")
        folder = write_module(tmp_path, mutate)
        path = folder / "module.yaml"
        text = path.read_text()
        options = line_number(text, "options:", line_number(text, f"- id: {ids['item']}"))
        line = line_number(text, f"- id: {ids['option']}", options)
        if empty:
            line = line_number(text, "explanation: ''", line)
        problem, message = only_problem(folder)
        self.assert_named(problem, message, path, line, f"options[{ids['option']}].explanation")

    def test_id_used_in_another_module_names_its_own_id_line(self, tmp_path):
        """An id repeated across modules points at the id: line in the later module's file."""
        write_module(tmp_path, lambda d: None)
        other = tmp_path / "second_module"
        shutil.copytree(tmp_path / ASSIGNMENT, other)
        data = yaml.safe_load((other / "module.yaml").read_text())
        data.update(assignment="second_module", number=2)
        repeated = data["items"][3]["id"]
        for item in data["items"]:
            if item["id"] != repeated:
                item["id"] = f"x{item['id']}"
        path = other / "module.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        with pytest.raises(ContentError) as err:
            load_course(tmp_path)
        [problem] = err.value.problems
        self.assert_named(problem, str(err.value), path, line_number(path.read_text(), f"- id: {repeated}"),
                          "id")
        assert "also used in module 'being_present'" in str(err.value)

    def test_a_repeated_id_in_one_file_names_the_line_of_its_first_use(self, tmp_path):
        """The second item with an id is reported on its own line, and says where the first one is."""
        def mutate(d):
            d["items"][5]["id"] = d["items"][1]["id"]

        folder = write_module(tmp_path, mutate)
        path = folder / "module.yaml"
        text = path.read_text()
        repeated = yaml.safe_load(text)["items"][1]["id"]
        first_line = line_number(text, f"- id: {repeated}")
        problem, message = only_problem(folder)
        self.assert_named(problem, message, path, line_number(text, f"- id: {repeated}", first_line), "id")
        assert f"duplicate id: first used at {path}:{first_line}" in message

    def test_an_id_of_another_module_names_the_file_and_line_of_its_first_use(self, tmp_path):
        write_module(tmp_path, lambda d: None)
        other = tmp_path / "second_module"
        shutil.copytree(tmp_path / ASSIGNMENT, other)
        data = yaml.safe_load((other / "module.yaml").read_text())
        data.update(assignment="second_module", number=2)
        repeated = data["items"][3]["id"]
        for item in data["items"]:
            if item["id"] != repeated:
                item["id"] = f"x{item['id']}"
        (other / "module.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
        first_file = tmp_path / ASSIGNMENT / "module.yaml"
        with pytest.raises(ContentError) as err:
            load_course(tmp_path)
        first_line = line_number(first_file.read_text(), f"- id: {repeated}")
        assert f"also used in module '{ASSIGNMENT}' (first at {first_file}:{first_line})" in str(err.value)

    def test_missing_reading_has_no_line(self, tmp_path):
        """A missing file is named without a line."""
        folder = write_module(tmp_path, lambda d: None)
        (folder / "reading.md").unlink()
        problem, message = only_problem(folder)
        assert problem.line is None
        assert f"{folder / 'reading.md'}: field '-'" in message

    def test_cpsw_check_prints_file_and_line(self, tmp_path, capsys):
        """`cpsw check` on a course with one broken field prints file:line: and exits 2."""
        course = copy_course(tmp_path / "course")
        path = course / "content" / ASSIGNMENT / "module.yaml"
        text = path.read_text(encoding="utf-8").replace("    kind: select_all", "    kind: selectall", 1)
        path.write_text(text, encoding="utf-8")
        assert main(["--course", str(course), "check"]) == 2
        err = capsys.readouterr().err
        assert f"{path}:{line_number(text, 'kind: selectall')}: item '" in err
        assert "field 'kind'" in err


class TestYamlInPlainWords:
    """The YAML mistakes a trainer makes, each told in plain words with its line."""

    @pytest.mark.parametrize(("text", "line", "words"), [
        ("assignment: being_present\n\titems: []\n", 2, "tab character"),
        ("assignment: being_present\nitems:\n  - id: a\n    prompt: Note: this\n", 4,
         "put the whole text in double quotes"),
        ('assignment: being_present\nitems:\n  - id: "a\n', 3, "never closed"),
    ], ids=["tab", "colon in a text", "open quote"])
    def test_the_message_says_what_to_fix_on_which_line(self, tmp_path, text, line, words):
        folder = tmp_path / ASSIGNMENT
        folder.mkdir()
        (folder / "module.yaml").write_text(text)
        with pytest.raises(ContentError) as caught:
            load_module(folder)
        message = str(caught.value)
        assert f"module.yaml:{line}:" in message
        assert words in message
