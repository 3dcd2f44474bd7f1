"""Loading and validating content files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import ASSIGNMENT, REPO

from course_utils.content import ContentError, load_course, load_module
from course_utils.vocab import AUTO_KINDS, KINDS


def write_module(tmp_path: Path, mutate) -> Path:
    """A copy of module 1 with one change applied to its YAML data."""
    folder = tmp_path / ASSIGNMENT
    shutil.copytree(REPO / "content" / ASSIGNMENT, folder)
    data = yaml.safe_load((folder / "module.yaml").read_text())
    mutate(data)
    (folder / "module.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def first(data: dict, kind: str, mode: str | None = None) -> dict:
    return next(i for i in data["items"] if i["kind"] == kind and (mode is None or i["mode"] == mode))


class TestLoadModule:
    def test_real_module_is_valid_and_covers_every_kind(self):
        """Module 1 loads, has at least 10 items, every kind, practice and graded."""
        module = load_module(REPO / "content" / ASSIGNMENT)
        assert len(module.items) >= 10
        assert {i.kind for i in module.items} == set(KINDS)
        assert {i.mode for i in module.items} == {"practice", "graded"}
        assert all(i.key is not None for i in module.items
                   if i.kind in AUTO_KINDS and i.kind != "branching")
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

    def test_every_problem_is_listed_at_once(self, tmp_path):
        """Two broken items give two problems in one error."""
        def mutate(d):
            first(d, "best_response", "graded").pop("key")
            first(d, "select_all").update(competencies=[0])
        write_module(tmp_path, mutate)
        with pytest.raises(ContentError) as err:
            load_course(tmp_path)
        assert len(err.value.problems) == 2
