"""Every YAML example in the guides passes the build when pasted into a module, as a trainer would."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import ASSIGNMENT, REPO

from course_utils.assign.build import build
from course_utils.items.kind import kinds

GUIDES = ("README.md", "content/README.md", "docs/authoring.md")
FENCE = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def yaml_blocks(relative: str) -> list[tuple[str, int, str]]:
    """(guide, line, text) of every fenced yaml block in a guide."""
    text = (REPO / relative).read_text(encoding="utf-8")
    return [(relative, text.count("\n", 0, m.start()) + 1, m.group(1)) for m in FENCE.finditer(text)]


BLOCKS = [block for guide in GUIDES for block in yaml_blocks(guide)]


def one_module_course(tmp_path: Path) -> Path:
    """A course holding only module 1 (and the help-now note), as the trainer's course folder."""
    course = tmp_path / "course"
    shutil.copytree(REPO / "content" / ASSIGNMENT, course / "content" / ASSIGNMENT)
    shutil.copy(REPO / "content" / "help_now.md", course / "content" / "help_now.md")
    shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    return course


@pytest.mark.parametrize(("guide", "line", "text"), BLOCKS, ids=[f"{g}:{n}" for g, n, _ in BLOCKS])
def test_an_example_pasted_at_the_end_of_a_module_builds(tmp_path, guide, line, text):
    """Pasted under `items:` after the last item, the example is valid and becomes part of source/."""
    course = one_module_course(tmp_path)
    module_yaml = course / "content" / ASSIGNMENT / "module.yaml"
    module_yaml.write_text(module_yaml.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text,
                           encoding="utf-8")
    [module] = build(course, release=False)
    pasted = [item["id"] for item in yaml.safe_load(text)]
    assert [i.id for i in module.items][-len(pasted):] == pasted
    notebook = (course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8")
    assert all(f'show_item(\\"{item_id}\\")' in notebook for item_id in pasted)


@pytest.mark.parametrize(("guide", "line", "text"), BLOCKS, ids=[f"{g}:{n}" for g, n, _ in BLOCKS])
def test_an_example_uses_ids_no_module_uses(guide, line, text):
    """Pasted into any module, an example's id clashes with no real item."""
    used = {item["id"] for path in (REPO / "content").glob("*/module.yaml")
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]}
    assert not {item["id"] for item in yaml.safe_load(text)} & used


def test_the_authoring_guide_has_a_template_for_every_kind():
    templates = {item["kind"] for _, _, text in yaml_blocks("docs/authoring.md") for item in yaml.safe_load(text)}
    assert templates == set(kinds())


def test_the_content_guide_has_its_examples_and_links_the_authoring_guide():
    assert len(yaml_blocks("content/README.md")) >= 2  # one item, and a conversation
    assert "(../docs/authoring.md)" in (REPO / "content" / "README.md").read_text(encoding="utf-8")
