"""No graded answer reaches learners: release/, the wheel and the sdist, for every module."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from helpers import REPO

from course_utils.assign.secrecy import Leak, SecretsCheck, check_secrets, find_leaks
from course_utils.cli import main
from course_utils.content.loader import load_course
from course_utils.items.model import Item, Module, Option, Scenario
from course_utils.items.sealing import TOKEN

MODULES = load_course(REPO / "content")
EXPLAINED = [(m, next(i for i in m.items if i.graded and any(o.explanation for o in i.options)))
             for m in MODULES]
HIDDEN = [(m, next(i for i in m.items if i.auto_graded)) for m in MODULES]
SECRET = "Because it names the feeling and leaves room to say more."
PLANTED = "leaked_tests.py"
CONVERSING = [m for m in MODULES if any(i.kind == "branching" and i.graded for i in m.items)]
ROLEPLAYING = [m for m in MODULES if any(i.kind == "roleplay" and i.graded for i in m.items)]


def build_package(course: Path, outdir: Path) -> list[Path]:
    """The wheel and sdist of a course folder, built without isolation."""
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--sdist", "--no-isolation",
                    "--outdir", str(outdir), str(course)], check=True, capture_output=True)
    return sorted(outdir.glob("*.whl")) + sorted(outdir.glob("*.tar.gz"))


def hidden_test(module: Module, item: Item) -> str:
    """The hidden test cell of a graded item, as in the repo's source/ notebook."""
    nb = nbformat.read(REPO / "source" / module.assignment / f"{module.assignment}.ipynb", as_version=4)
    return next(c.source for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == f"{item.id}-grade")


def plant_in_notebook(release: Path, module: Module, text: str) -> Path:
    """Append a Markdown cell holding text to the module's release notebook; return its path."""
    path = release / module.assignment / f"{module.assignment}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(nb, path)
    return path


def tiny_module(mode: str, explanation: str = SECRET, reading: str = "") -> Module:
    """A one-item module whose option b carries this explanation."""
    item = Item(id="t-item", kind="best_response", mode=mode, prompt="Pick one.",
                scenario=Scenario("A peer calls."), competencies=(1,), points=1.0,
                options=(Option("a", "I hear you.", ""), Option("b", "Calm down.", explanation,
                                                                "ordering")),
                key="a")
    return Module("tiny", 1, "Tiny", reading, (item,))


@pytest.fixture
def release(tmp_path) -> Path:
    """A scratch copy of the repo's release/ (the repo's own is never touched)."""
    return Path(shutil.copytree(REPO / "release", tmp_path / "release"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> list[Path]:
    """The wheel and sdist of the repo, built once for this file."""
    return build_package(REPO, tmp_path_factory.mktemp("dist"))


@pytest.fixture
def fake_course(tmp_path) -> Path:
    """A course with the repo's content and release/, and a dist/ holding a small clean wheel."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "release", tmp_path / "release")
    (tmp_path / "dist").mkdir()
    with zipfile.ZipFile(tmp_path / "dist" / "pkg-0-py3-none-any.whl", "w") as zf:
        zf.writestr("pkg/__init__.py", '"""Nothing secret."""\n')
    return tmp_path


@pytest.fixture(scope="module")
def planted_dist(tmp_path_factory) -> list[Path]:
    """Wheel and sdist of a package copy whose course_utils holds a graded item's hidden test."""
    course = tmp_path_factory.mktemp("planted")
    shutil.copytree(REPO / "course_utils", course / "course_utils",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, course / name)
    (course / "course_utils" / PLANTED).write_text(hidden_test(*HIDDEN[0]), encoding="utf-8")
    return build_package(course, course / "dist")


class TestFindLeaks:
    @pytest.mark.slow
    def test_committed_release_and_fresh_package_leak_nothing(self, dist):
        """Every module's graded answers stay out of release/, the wheel and the sdist."""
        assert [p.suffix for p in dist] == [".whl", ".gz"]
        assert find_leaks([REPO / "release", *dist], MODULES) == []

    @pytest.mark.parametrize(("module", "item"), EXPLAINED, ids=[m.assignment for m in MODULES])
    def test_explanation_in_release_notebook_is_found(self, release, module, item):
        option = next(o for o in item.options if o.explanation)
        path = plant_in_notebook(release, module, f"Why: {option.explanation}")
        assert find_leaks([release], MODULES) == [
            Leak(str(path), item.id, f"explanation of option {option.id}")]

    @pytest.mark.parametrize("field", ["key", "example", "debrief", "explanation"])
    @pytest.mark.parametrize("module", MODULES, ids=[m.assignment for m in MODULES])
    def test_answer_field_in_items_file_is_found(self, release, module, field):
        path = release / module.assignment / "items.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        raw = next(i for i in data["items"] if i["mode"] == "graded" and i["options"])
        if field == "explanation":
            raw["options"][0]["explanation"] = "yes"
            what = f"explanation of option {raw['options'][0]['id']}"
        else:
            raw[field] = "a"
            what = field
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
        assert find_leaks([release], MODULES) == [Leak(str(path), raw["id"], what)]

    @pytest.mark.parametrize("module", CONVERSING, ids=[m.assignment for m in CONVERSING])
    def test_release_conversation_holds_no_mood_quality_or_plain_line(self, module):
        data = json.loads((REPO / "release" / module.assignment / "items.json").read_text())
        graded = [i for i in data["items"] if i["kind"] == "branching" and i["mode"] == "graded"]
        conversation = next(i for i in module.items if i.kind == "branching" and i.graded)
        text = json.dumps(graded, ensure_ascii=False)
        assert graded and '"mood"' not in text and '"quality"' not in text
        assert all(set(t) == {"id", "sealed"} and TOKEN.match(t["id"]) for i in graded for t in i["turns"])
        for turn in conversation.turns:
            assert turn.peer_says not in text and turn.id not in {t["id"] for t in graded[0]["turns"]}
            assert all(r.text not in text for r in turn.replies)

    @pytest.mark.parametrize("module", ROLEPLAYING, ids=[m.assignment for m in ROLEPLAYING])
    def test_release_roleplay_is_sealed_whole(self, module):
        data = json.loads((REPO / "release" / module.assignment / "items.json").read_text())
        played = next(i for i in module.items if i.kind == "roleplay" and i.graded)
        [raw] = [i for i in data["items"] if i["id"] == played.id]
        assert set(raw["roleplay"]) == {"sealed"}
        text = json.dumps(raw, ensure_ascii=False)
        assert not any(line in text for st in played.roleplay.states for _, r in st.on for line in r.lines)

    def test_planted_roleplay_states_are_found(self, release):
        from course_utils.items.roleplay import to_json

        module = ROLEPLAYING[0]
        played = next(i for i in module.items if i.kind == "roleplay" and i.graded)
        path = release / module.assignment / "items.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        raw = next(i for i in data["items"] if i["id"] == played.id)
        raw["roleplay"] = to_json(played.roleplay)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        leaks = find_leaks([release], MODULES)
        assert Leak(str(path), played.id, "role-play states in plain text (seal them)") in leaks
        assert any(leak.what.startswith("peer's line after a connecting move") for leak in leaks)

    @pytest.mark.parametrize("plant", ["mood", "plain line", "meaningful id"])
    def test_planted_conversation_secret_is_found(self, release, plant):
        module = CONVERSING[0]
        conversation = next(i for i in module.items if i.kind == "branching" and i.graded)
        path = release / module.assignment / "items.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        raw = next(i for i in data["items"] if i["id"] == conversation.id)
        turn = raw["turns"][1]
        if plant == "mood":
            turn["mood"] = "opens"
        elif plant == "plain line":
            turn["note"] = conversation.turns[1].peer_says
        else:
            turn["id"] = "shuts-down"
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        leaks = find_leaks([release], MODULES)
        assert leaks and all(leak.item == conversation.id for leak in leaks)
        assert str(path) in {leak.file for leak in leaks}

    @pytest.mark.slow
    def test_hidden_test_in_package_is_found_in_wheel_and_sdist(self, planted_dist):
        module, item = HIDDEN[0]
        leaks = find_leaks(planted_dist, MODULES)
        wheel, sdist = planted_dist
        assert Leak(f"{wheel}/course_utils/{PLANTED}", item.id, "hidden test code") in leaks
        assert {Path(leak.file).name for leak in leaks} == {PLANTED}
        assert {leak.item for leak in leaks} == {item.id}
        assert any(leak.file.startswith(f"{sdist}/") for leak in leaks)

    def test_practice_explanation_is_never_flagged(self, tmp_path):
        (tmp_path / "page.md").write_text(SECRET)
        assert find_leaks([tmp_path], [tiny_module("practice")]) == []

    def test_graded_explanation_in_json_escaped_form_is_found(self, tmp_path):
        (tmp_path / "page.json").write_text(json.dumps({"text": 'She said "no".\n' + SECRET}))
        secret = 'She said "no".\n' + SECRET
        assert find_leaks([tmp_path], [tiny_module("graded", secret)]) == [
            Leak(str(tmp_path / "page.json"), "t-item", "explanation of option b")]

    def test_short_explanation_and_roadblock_tag_are_skipped(self, tmp_path):
        (tmp_path / "page.md").write_text("Too short to tell. ordering")
        assert find_leaks([tmp_path], [tiny_module("graded", "Too short to tell.")]) == []

    def test_explanation_also_in_public_reading_is_skipped(self, tmp_path):
        (tmp_path / "page.md").write_text(SECRET)
        assert find_leaks([tmp_path], [tiny_module("graded", reading=f"As we read: {SECRET}")]) == []

    def test_hidden_marker_in_python_is_allowed_but_not_in_notebooks(self, tmp_path):
        for name in ("writer.py", "copy.ipynb"):
            (tmp_path / name).write_text('"### BEGIN HIDDEN TESTS\\n"')
        assert find_leaks([tmp_path], [tiny_module("graded")]) == [
            Leak(str(tmp_path / "copy.ipynb"), "(unknown)", "hidden test code")]

    def test_zip_member_is_named_after_its_archive(self, tmp_path):
        archive = tmp_path / "pkg.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("pkg/notes.txt", SECRET)
        assert find_leaks([tmp_path], [tiny_module("graded")]) == [
            Leak(f"{archive}/pkg/notes.txt", "t-item", "explanation of option b")]


class TestCheckSecrets:
    def test_clean_release_and_wheel_give_the_count_and_print_nothing(self, fake_course, capsys):
        found = check_secrets(fake_course, dist=fake_course / "dist")
        assert found.code == 0 and found.leaks == () and found.problem == ""
        assert found.scanned == ("release/", "wheel")
        assert found.files == sum(1 for p in (fake_course / "release").rglob("*") if p.is_file()) + 1
        assert capsys.readouterr() == ("", "")

    def test_a_planted_leak_is_returned_with_code_4(self, fake_course):
        module, item = EXPLAINED[0]
        option = next(o for o in item.options if o.explanation)
        path = plant_in_notebook(fake_course / "release", module, option.explanation)
        found = check_secrets(fake_course, dist=fake_course / "dist")
        assert found.code == 4
        assert found.leaks == (Leak(str(path), item.id, f"explanation of option {option.id}"),)

    def test_a_missing_release_is_a_problem_with_code_2(self, tmp_path):
        found = check_secrets(tmp_path)
        assert found == SecretsCheck(problem=f"{tmp_path / 'release'} is not a folder: run `make build` "
                                             "first, or name it with --release.")
        assert found.code == 2

    def test_cli_prints_the_clean_verdict_on_stdout(self, fake_course, capsys):
        assert main(["--course", str(fake_course), "check-secrets", "--dist",
                     str(fake_course / "dist")]) == 0
        out, err = capsys.readouterr()
        assert re.fullmatch(r"No graded key found in \d+ files \(release/, wheel\)\.\n", out) and err == ""

    def test_cli_prints_each_leak_and_the_verdict_on_stderr(self, fake_course, capsys):
        module, item = EXPLAINED[0]
        option = next(o for o in item.options if o.explanation)
        path = plant_in_notebook(fake_course / "release", module, option.explanation)
        assert main(["--course", str(fake_course), "check-secrets", "--dist",
                     str(fake_course / "dist")]) == 4
        out, err = capsys.readouterr()
        assert out == "" and err == (
            f"LEAK: {path}: item '{item.id}': explanation of option {option.id}\n"
            "Do not release: 1 graded answer(s) would reach learners. Rebuild release/ with "
            "`make build`, keep content/ and source/ out of the package, and run "
            "`cpsw check-secrets` again.\n")

    @pytest.mark.parametrize("missing", ["release", "archives"])
    def test_cli_says_why_nothing_was_scanned_and_exits_2(self, fake_course, capsys, missing):
        if missing == "release":
            shutil.rmtree(fake_course / "release")
            said = f"{fake_course / 'release'} is not a folder: run `make build` first"
        else:
            (fake_course / "dist" / "pkg-0-py3-none-any.whl").unlink()
            said = f"No .whl or .tar.gz in {fake_course / 'dist'}: build them, or leave out --dist.\n"
        assert main(["--course", str(fake_course), "check-secrets", "--dist",
                     str(fake_course / "dist")]) == 2
        out, err = capsys.readouterr()
        assert out == "" and said in err

    @pytest.mark.slow
    def test_repo_without_dist_builds_and_exits_0(self, capsys):
        assert main(["--course", str(REPO), "check-secrets"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("No graded key found in ") and out.endswith("(release/, wheel, sdist).\n")

    @pytest.mark.slow
    def test_clean_course_exits_0(self, tmp_path, release, dist, capsys):
        shutil.copytree(REPO / "content", tmp_path / "content")
        for archive in dist:
            shutil.copy(archive, tmp_path)
        assert main(["--course", str(tmp_path), "check-secrets", "--dist", str(tmp_path)]) == 0
        out = capsys.readouterr().out
        assert out.startswith("No graded key found in ") and "(release/, wheel, sdist)." in out

    @pytest.mark.slow
    def test_planted_leak_exits_4_naming_file_and_item(self, tmp_path, release, dist, capsys):
        module, item = EXPLAINED[-1]
        option = next(o for o in item.options if o.explanation)
        path = plant_in_notebook(release, module, option.explanation)
        shutil.copytree(REPO / "content", tmp_path / "content")
        assert main(["--course", str(tmp_path), "check-secrets", "--release", str(release),
                     "--dist", str(dist[0].parent)]) == 4
        err = capsys.readouterr().err
        assert f"LEAK: {path}: item '{item.id}': explanation of option {option.id}" in err
        assert "Do not release" in err

    @pytest.mark.slow
    def test_planted_conversation_mood_exits_4(self, tmp_path, release, dist, capsys):
        module = CONVERSING[0]
        conversation = next(i for i in module.items if i.kind == "branching" and i.graded)
        path = release / module.assignment / "items.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        turn = next(i for i in data["items"] if i["id"] == conversation.id)["turns"][0]
        turn["mood"] = "guarded"
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        shutil.copytree(REPO / "content", tmp_path / "content")
        assert main(["--course", str(tmp_path), "check-secrets", "--release", str(release),
                     "--dist", str(dist[0].parent)]) == 4
        err = capsys.readouterr().err
        assert f"LEAK: {path}: item '{conversation.id}': mood of turn {turn['id']}" in err

    def test_help_is_shown(self, capsys):
        with pytest.raises(SystemExit) as done:
            main(["check-secrets", "--help"])
        assert done.value.code == 0 and "--dist" in capsys.readouterr().out
