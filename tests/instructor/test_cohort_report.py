"""The instructor's cohort report: figures, the self-contained HTML page, and the dashboard."""

from __future__ import annotations

import base64
import json
import re
import shutil
import stat

import pytest
from IPython.utils.capture import capture_output

from course_utils.core.atomic import FILE_MODE
from course_utils.core.display_order import DisplayOrder
from course_utils.core.vocab import COMPETENCIES
from course_utils.instructor.cohort_report import figures, report_page, show_dashboard, write_report
from course_utils.instructor.item_analysis import Analysis, ItemStats, analyse
from course_utils.items.model import Item, Module, Option, Scenario

PNG = b"\x89PNG\r\n\x1a\n"
FIGURES = ("scores.png", "difficulty.png", "discrimination.png", "distractors.png", "competencies.png")
# report_page embeds whatever bytes it is given: short stand-ins keep its tests fast.
STAND_INS = {name: PNG + name.encode() for name in FIGURES}
REPLY = "It sounds like tonight has been really frightening for you."
REFLECTION = "When my brother was in hospital I wanted someone to just sit with me."
DAMAGED = '{"answers": {"m-br1": '


def options(*texts: str) -> tuple[Option, ...]:
    return tuple(Option(chr(97 + n), text, "") for n, text in enumerate(texts))


def item(item_id: str, kind: str, competencies: tuple[int, ...], key=None, mode: str = "graded",
         opts: tuple[Option, ...] = ()) -> Item:
    return Item(id=item_id, kind=kind, mode=mode, prompt="p", competencies=competencies, points=1.0,
                scenario=Scenario("At the drop-in.", "I can't stop shaking."), key=key, options=opts)


MODULE = Module("mini", 1, "Cues & <Care>", "reading", items=(
    item("m-br1", "best_response", (1, 2), "b",
         opts=options("Calm down.", "You're shaking. I'm here.", "Go home.", "Have some tea.")),
    item("m-br2", "best_response", (9,), "a",
         opts=options("Take your time.", "Why now?", "It could be worse.")),
    item("m-sa", "select_all", (2,), ("a", "c"), opts=options("Shaking", "Smiling", "Quiet voice")),
    item("m-reply", "written_reply", (9,)),
    item("m-reflect", "reflection", (12,)),
    item("m-practice", "best_response", (1,), "a", mode="practice",
         opts=options("Take your time.", "Why now?", "It could be worse.")),
))
AUTO_GRADED = ["m-br1", "m-br2", "m-sa", "m-reply"]
ANSWERS = {
    "s1": {"m-br1": "b", "m-br2": "a", "m-sa": ["a", "c"], "m-reply": REPLY, "m-reflect": REFLECTION},
    "s2": {"m-br1": "b", "m-br2": "a", "m-sa": ["a"]},
    "s3": {"m-br1": "b", "m-br2": "c", "m-sa": ["a", "c"], "m-practice": "a"},
    "s4": {"m-br1": "a", "m-br2": "a", "m-sa": ["b"]},
    "s5": {"m-br1": "c", "m-br2": "b", "m-sa": []},
    "s6": {},
}


def key_place(seed: str | None) -> int:
    """Where a learner with this display seed saw the key of m-br1 (0 is (a))."""
    return DisplayOrder(seed).order([o.id for o in MODULE.item("m-br1").options], "m-br1").index("b")


# A seed that moves m-br1's key away from (b), where the content file puts it.
SEED = next(s for s in (f"user:t{n}" for n in range(50)) if key_place(s) != 1)


def save(course, stage: str, student: str, answers: dict, seed: str | None = None,
         assignment: str = "mini"):
    """An answers.json as a learner's notebook saves it, in <stage>/<student>/<assignment>."""
    folder = course / stage / student / assignment
    folder.mkdir(parents=True)
    data = {"format": 1, "answers": {k: {"value": v} for k, v in answers.items()}}
    if seed is not None:
        data["display_seed"] = seed
    (folder / "answers.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def embedded(page: str) -> dict[str, bytes]:
    """The figures embedded in a page, by their caption, in page order."""
    found = re.findall(r'src="data:image/png;base64,([^"]+)"><figcaption>([^<]+)</figcaption>', page)
    return {name: base64.b64decode(data) for data, name in found}


def png(data) -> bytes:
    """An image/png display output as bytes (IPython may keep it as bytes or as base64 text)."""
    return data if isinstance(data, bytes) else base64.b64decode(data)


def stats(item_id: str, flags: tuple[str, ...] = ()) -> ItemStats:
    return ItemStats(item_id, "best_response", (1, 9), 0.5, 0.25, {"a": 0.5}, {"a": 0.5}, flags)


def hand_made(items: tuple[ItemStats, ...]) -> Analysis:
    return Analysis("mini", ("s1", "s2"), items, (0.5, 0.5), 0.5, {"s1": {1: 0.5}, "s2": {1: 0.5}})


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    """Six learners, no display seeds (the content file's order for all)."""
    return analyse(MODULE, ANSWERS)


@pytest.fixture(scope="module")
def drawn(analysis):
    """The figures of the analysis, and the matplotlib figures still open after drawing them."""
    import matplotlib.pyplot as plt

    plt.close("all")
    pngs = figures(analysis, MODULE)
    return pngs, plt.get_fignums()


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A report written from a course with six autograded learners and three submitted ones.

    s1-s5 saw the options in SEED's order; s6's answers file is damaged (no answers, no seed).
    """
    course = tmp_path_factory.mktemp("cohort")
    for student, answers in ANSWERS.items():
        save(course, "autograded", student, answers, seed=SEED)
    (course / "autograded" / "s6" / "mini" / "answers.json").write_text(DAMAGED, encoding="utf-8")
    for student in ("x1", "x2", "x3"):
        save(course, "submitted", student, ANSWERS["s1"])
    target = tmp_path_factory.mktemp("reports") / "cohort" / "mini"
    page = write_report(course, MODULE, target)
    return course, target, page


class TestFigures:
    def test_every_figure_is_a_png(self, drawn):
        pngs, _ = drawn
        assert set(pngs) == set(FIGURES)
        assert all(data.startswith(PNG) and len(data) > 1000 for data in pngs.values())

    def test_figures_come_in_the_order_the_page_shows_them(self, drawn):
        assert tuple(drawn[0]) == FIGURES

    def test_every_figure_is_closed_after_use(self, drawn):
        """A dashboard that draws many reports does not pile up open matplotlib figures."""
        assert drawn[1] == []

    def test_no_best_response_item_means_no_distractor_figure(self):
        module = Module("mini", 1, "Mini", "", items=(MODULE.item("m-sa"),))
        answers = {"s1": {"m-sa": ["a", "c"]}, "s2": {"m-sa": ["b"]}}
        assert tuple(figures(analyse(module, answers), module)) == tuple(
            f for f in FIGURES if f != "distractors.png")


class TestReportPage:
    def test_title_is_escaped(self, analysis):
        page = report_page(analysis, MODULE, STAND_INS)
        assert "<title>Cohort report: Cues &amp; &lt;Care&gt;</title>" in page
        assert "<h1>Cohort report: Cues &amp; &lt;Care&gt;</h1>" in page
        assert "<Care>" not in page

    def test_states_learners_items_and_reliability(self, analysis):
        page = report_page(analysis, MODULE, STAND_INS)
        assert "<p>6 learners; 4 auto-graded items;" in page
        assert f"<strong>{analysis.alpha:.2f}</strong>" in page

    def test_every_figure_is_embedded_whole_with_its_caption_in_order(self, analysis):
        page = report_page(analysis, MODULE, STAND_INS)
        assert list(embedded(page).items()) == list(STAND_INS.items())
        assert '<figure><img alt="distractors" src="data:image/png;base64,' in page

    def test_one_table_row_per_auto_graded_item_in_content_order(self, analysis):
        """Reflections (graded by hand) and practice items are not in the table."""
        page = report_page(analysis, MODULE, STAND_INS)
        table = page[page.index("<h2>Items</h2>"):page.index("<h2>Figures</h2>")]
        assert re.findall(r"<tr><td>([^<]+)</td>", table) == AUTO_GRADED

    def test_row_shows_kind_competencies_difficulty_and_discrimination(self, analysis):
        s = next(s for s in analysis.items if s.item_id == "m-br1")
        assert s.difficulty == pytest.approx(0.5)  # s1, s2 and s3 of six chose the key
        row = (f"<tr><td>m-br1</td><td>best_response</td><td>1, 2</td><td>0.50</td>"
               f"<td>{s.discrimination:.2f}</td>")
        assert row in report_page(analysis, MODULE, STAND_INS)

    def test_flagged_items_are_listed_with_their_flags(self, analysis):
        page = report_page(analysis, MODULE, STAND_INS)
        flagged = [s for s in analysis.items if s.flags]
        assert "m-br1" in [s.item_id for s in flagged]  # no seeds: its key was at (b) for all six
        for s in flagged:
            assert f"<li><strong>{s.item_id}</strong>: {'; '.join(s.flags)}</li>" in page

    def test_without_flags_the_page_says_no_item_is_flagged(self):
        page = report_page(hand_made((stats("m-br1"),)), MODULE, {})
        assert "<ul><li>No item is flagged.</li></ul>" in page
        assert "<td>1, 9</td><td>0.50</td><td>0.25</td><td>-</td></tr>" in page

    def test_item_ids_and_flags_are_escaped(self):
        page = report_page(hand_made((stats("<b>x", ("a & b",)),)), MODULE, {})
        assert "<li><strong>&lt;b&gt;x</strong>: a &amp; b</li>" in page
        assert "<tr><td>&lt;b&gt;x</td>" in page and "<b>x" not in page

    def test_lists_every_samhsa_competency(self, analysis):
        page = report_page(analysis, MODULE, STAND_INS)
        legend = page[page.index("<h2>Competency categories</h2>"):]
        assert re.findall(r"<li>(\d+)\. ", legend) == [str(c) for c in COMPETENCIES]

    def test_learners_own_words_stay_out(self, analysis):
        page = report_page(analysis, MODULE, STAND_INS)
        assert REPLY not in page and REFLECTION not in page

    def test_page_without_figures_has_none(self, analysis):
        page = report_page(analysis, MODULE, {})
        assert "<h2>Figures</h2>\n<h2>Competency categories</h2>" in page
        assert "data:image/png" not in page


class TestWriteReport:
    def test_writes_index_html_and_every_figure_into_target(self, written):
        _, target, page = written
        assert page == target / "index.html"
        assert sorted(p.name for p in target.iterdir()) == sorted({*FIGURES, "index.html"})
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>") and text.endswith("</body></html>")

    def test_every_file_is_readable_by_owner_and_group_only(self, written):
        """The report is about learners: 0o640, as the rest of what the course writes."""
        _, target, _ = written
        assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in target.iterdir()} == {oct(FILE_MODE)}

    def test_a_figure_left_by_an_earlier_run_is_removed(self, written, tmp_path):
        course, target, _ = written
        again = tmp_path / "mini"
        shutil.copytree(target, again)
        (again / "old-figure.png").write_bytes(PNG)
        (again / "notes.txt").write_text("mine", encoding="utf-8")
        write_report(course, MODULE, again)
        assert sorted(p.name for p in again.iterdir()) == sorted({*FIGURES, "index.html", "notes.txt"})

    def test_figure_files_are_the_ones_embedded_in_the_page(self, written):
        _, target, page = written
        files = {p.name: p.read_bytes() for p in target.glob("*.png")}
        assert embedded(page.read_text(encoding="utf-8")) == files
        assert all(data.startswith(PNG) for data in files.values())

    def test_autograded_folders_are_used_before_submitted_ones(self, written):
        """Six autograded learners are counted; the three only in submitted/ are not."""
        assert "<p>6 learners; 4 auto-graded items;" in written[2].read_text(encoding="utf-8")

    def test_damaged_answers_file_counts_as_no_answers_and_is_left_untouched(self, written):
        folder = written[0] / "autograded" / "s6" / "mini"
        assert [p.name for p in folder.iterdir()] == ["answers.json"]
        assert (folder / "answers.json").read_text(encoding="utf-8") == DAMAGED

    def test_saved_display_seeds_decide_the_position_flag(self, written):
        """Five learners saw m-br1's key where SEED put it; s6 (no seed) saw the file's (b)."""
        text = written[2].read_text(encoding="utf-8")
        [flags] = re.findall(r"<li><strong>m-br1</strong>: ([^<]*)</li>", text)
        assert f"position gives the key away: 5 of 6 learners saw it at ({chr(97 + key_place(SEED))})" \
               in flags

    @pytest.mark.parametrize("students", [0, 1])
    def test_fewer_than_two_submissions_raise_and_write_nothing(self, tmp_path, students):
        for n in range(students):
            save(tmp_path, "submitted", f"s{n}", ANSWERS["s1"])
        with pytest.raises(ValueError, match=rf"mini: a report needs at least 2 submissions .*"
                                             rf"\(found {students}\)"):
            write_report(tmp_path, MODULE, tmp_path / "reports" / "mini")
        assert not (tmp_path / "reports").exists()

    def test_other_assignments_do_not_count(self, tmp_path):
        save(tmp_path, "submitted", "s1", ANSWERS["s1"])
        save(tmp_path, "submitted", "s2", ANSWERS["s2"], assignment="other")
        with pytest.raises(ValueError, match=r"\(found 1\)"):
            write_report(tmp_path, MODULE, tmp_path / "out")
        assert not (tmp_path / "out").exists()


MODULE_YAML = """\
assignment: {name}
number: {number}
title: "{title}"
items:
  - id: {name}-first
    kind: best_response
    mode: graded
    points: 1
    competencies: [1, 2]
    prompt: Which reply shows you are present?
    scenario:
      situation: At the drop-in.
      peer_says: I can't stop shaking.
    options:
      - id: a
        text: Calm down, it is nothing to worry about at all.
        explanation: It tells them how to feel.
      - id: b
        text: You're shaking. I'm here.
        explanation: It notices and stays.
      - id: c
        text: Go home.
        explanation: It sends them away.
    key: b
  - id: {name}-second
    kind: best_response
    mode: graded
    points: 2
    competencies: [9]
    prompt: Which reply leaves the pace to them?
    scenario:
      situation: After group.
    options:
      - id: a
        text: Take your time.
        explanation: It leaves the pace to them.
      - id: b
        text: Hurry up, please, we are closing the room in a minute.
        explanation: It rushes them.
      - id: c
        text: It could be worse.
        explanation: It brushes the feeling aside.
    key: a
"""


def add_module(course, name: str, number: int, title: str) -> None:
    """A small module's content folder: two graded best-response items."""
    folder = course / "content" / name
    folder.mkdir(parents=True)
    (folder / "module.yaml").write_text(MODULE_YAML.format(name=name, number=number, title=title),
                                        encoding="utf-8")
    (folder / "reading.md").write_text("# Reading\n", encoding="utf-8")


@pytest.fixture
def course(tmp_path):
    """A course with two modules' content and no submissions yet."""
    add_module(tmp_path, "second", 2, "Second module")
    add_module(tmp_path, "mini", 1, "Cues & <Care>")
    return tmp_path


def html_outputs(out) -> list[str]:
    return [o.data["text/html"] for o in out.outputs if "text/html" in o.data]


class TestShowDashboard:
    def test_without_submissions_each_module_says_so_in_module_order(self, course, shell):
        with capture_output() as out:
            show_dashboard(course)
        assert html_outputs(out) == ["<p>Cues &amp; &lt;Care&gt;: fewer than 2 submissions yet.</p>",
                                     "<p>Second module: fewer than 2 submissions yet.</p>"]
        assert len(out.outputs) == 2

    def test_an_assignment_can_be_chosen(self, course, shell):
        save(course, "submitted", "alice", {"mini-first": "b"}, assignment="mini")
        save(course, "submitted", "bob", {"mini-first": "b"}, assignment="mini")
        with capture_output() as out:
            show_dashboard(str(course), "second")
        assert html_outputs(out) == ["<p>Second module: fewer than 2 submissions yet.</p>"]
        assert len(out.outputs) == 1

    def test_unknown_assignment_shows_nothing(self, course, shell):
        with capture_output() as out:
            show_dashboard(course, "no_such_module")
        assert out.outputs == []

    def test_with_submissions_shows_summary_flags_and_figures(self, course, shell):
        save(course, "autograded", "alice", {"mini-first": "b", "mini-second": "a"}, assignment="mini")
        save(course, "autograded", "bob", {"mini-first": "b", "mini-second": "c"}, assignment="mini")
        save(course, "autograded", "carol", {"mini-first": "b"}, assignment="mini")
        with capture_output() as out:
            show_dashboard(course)
        summary, later = html_outputs(out)
        assert summary.startswith("<h2>Cues &amp; &lt;Care&gt;</h2><p>3 learners, Cronbach's alpha ")
        assert "<p>Flagged:</p><ul><li>mini-first: too easy" in summary  # all three chose the key
        assert later == "<p>Second module: fewer than 2 submissions yet.</p>"
        images = [png(o.data["image/png"]) for o in out.outputs if "image/png" in o.data]
        assert len(images) == 5 and all(data.startswith(PNG) for data in images)
        assert [("image/png" in o.data) for o in out.outputs] == [False, *[True] * 5, False]

    def test_damaged_content_raises_and_shows_nothing(self, course, shell):
        from course_utils.items.model import ContentError

        (course / "content" / "second" / "module.yaml").write_text("items: [", encoding="utf-8")
        with capture_output() as out, pytest.raises(ContentError, match="not valid YAML"):
            show_dashboard(course)
        assert out.outputs == []
