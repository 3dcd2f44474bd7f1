"""Every YAML example in the guides passes the build when pasted into a module, as a trainer would.

Each example alone makes source/; all of them together go through the real `cpsw build`
(nbgrader makes release/), a learner's kernel and autograde.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from helpers import ASSIGNMENT, REPO, run_cpsw, run_notebook

from course_utils.assign.build import build
from course_utils.items.kind import kinds

GUIDES = ("README.md", "content/README.md", "docs/authoring.md")
FENCE = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def yaml_blocks(relative: str) -> list[tuple[str, int, str]]:
    """(guide, line, text) of every fenced yaml block in a guide."""
    text = (REPO / relative).read_text(encoding="utf-8")
    return [(relative, text.count("\n", 0, m.start()) + 1, m.group(1)) for m in FENCE.finditer(text)]


BLOCKS = [block for guide in GUIDES for block in yaml_blocks(guide)]


def one_module_course(tmp_path: Path, examples: str = "") -> Path:
    """A course holding only module 1 (and the help-now note), as the trainer's course folder.

    With examples, they are pasted at the end of module 1's items; an example observer checklist
    takes the place of the module's own (a module has exactly one, as the guide says).
    """
    course = tmp_path / "course"
    shutil.copytree(REPO / "content" / ASSIGNMENT, course / "content" / ASSIGNMENT)
    shutil.copy(REPO / "content" / "help_now.md", course / "content" / "help_now.md")
    shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    module_yaml = course / "content" / ASSIGNMENT / "module.yaml"
    text = module_yaml.read_text(encoding="utf-8")
    if "kind: observer_checklist" in examples:
        own = re.search(r"(?ms)^  - id: [^\n]+\n    kind: observer_checklist\n.*?(?=^  - id: |\Z)", text)
        assert own, "module 1 has no observer checklist for the example to replace"
        text = text[:own.start()] + text[own.end():]
    module_yaml.write_text(text.rstrip("\n") + "\n\n" + examples if examples else text, encoding="utf-8")
    return course


@pytest.mark.parametrize(("guide", "line", "text"), BLOCKS, ids=[f"{g}:{n}" for g, n, _ in BLOCKS])
def test_an_example_pasted_at_the_end_of_a_module_builds(tmp_path, guide, line, text):
    """Pasted under `items:` after the last item, the example is valid and becomes part of source/."""
    course = one_module_course(tmp_path, text)
    [module] = build(course, release=False)
    pasted = [item["id"] for item in yaml.safe_load(text)]
    assert [i.id for i in module.items][-len(pasted):] == pasted
    notebook = (course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8")
    assert all(f'show_item(\\"{item_id}\\")' in notebook for item_id in pasted)


def test_the_examples_use_different_ids():
    ids = [item["id"] for _, _, text in BLOCKS for item in yaml.safe_load(text)]
    assert len(ids) == len(set(ids)), "two examples share an id: they cannot be pasted together"


@pytest.mark.slow
def test_every_example_together_passes_the_real_build_and_autograde(tmp_path):
    """All examples pasted into one module: `cpsw build` releases them, a learner's kernel runs
    them, and autograde grades an unanswered submission of them."""
    course = one_module_course(tmp_path, "\n\n".join(text for _, _, text in BLOCKS))
    ids = [item["id"] for _, _, text in BLOCKS for item in yaml.safe_load(text)]
    build = run_cpsw(course, "build")
    assert build.returncode == 0, build.stdout + build.stderr
    assert "Traceback" not in build.stdout + build.stderr
    released = course / "release" / ASSIGNMENT
    learner_items = (released / "items.json").read_text(encoding="utf-8")
    assert all(f'"id": "{item_id}"' in learner_items for item_id in ids)
    cells = {c.get("id") for c in nbformat.read(released / f"{ASSIGNMENT}.ipynb", as_version=4).cells}
    assert {f"{item_id}-show" for item_id in ids} <= cells
    errors = [o for o in run_notebook(released / f"{ASSIGNMENT}.ipynb") if o.output_type == "error"]
    assert not errors, errors
    submission = course / "submitted" / "learner" / ASSIGNMENT
    shutil.copytree(released, submission, ignore=shutil.ignore_patterns("answers*.json"))
    (submission / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC\n")
    graded = run_cpsw(course, "autograde", ASSIGNMENT)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "1 graded, 0 flagged" in graded.stdout


@pytest.mark.parametrize(("guide", "line", "text"), BLOCKS, ids=[f"{g}:{n}" for g, n, _ in BLOCKS])
def test_an_example_uses_ids_no_module_uses(guide, line, text):
    """Pasted into any module, an example's id clashes with no real item."""
    used = {item["id"] for path in (REPO / "content").glob("*/module.yaml")
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]}
    assert not {item["id"] for item in yaml.safe_load(text)} & used


def test_the_authoring_guide_has_a_template_for_every_kind():
    templates = {item["kind"] for _, _, text in yaml_blocks("docs/authoring.md")
                 for item in yaml.safe_load(text)}
    assert templates == set(kinds())


def test_the_content_guide_has_its_examples_and_links_the_authoring_guide():
    assert len(yaml_blocks("content/README.md")) >= 2  # one item, and a conversation
    assert "(../docs/authoring.md)" in (REPO / "content" / "README.md").read_text(encoding="utf-8")
