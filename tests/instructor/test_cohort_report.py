"""The instructor's cohort report: figures, the HTML page read from the gradebook, the index."""

from __future__ import annotations

import base64
import json
import re
import shutil
import stat

import pytest
from gradebooks import override, record
from IPython.utils.capture import capture_output

from course_utils.core.atomic import FILE_MODE
from course_utils.core.display_order import DisplayOrder
from course_utils.core.vocab import COMPETENCIES
from course_utils.instructor.cohort_report import (
    NotEnoughScores,
    figures,
    index_page,
    report_page,
    show_dashboard,
    write_report,
    write_reports,
)
from course_utils.instructor.item_analysis import Analysis, Flag, ItemStats, analyse
from course_utils.instructor.report_text import CAPTIONS, FLAG_HELP, alpha_text, item_name
from course_utils.items.model import Item, Module, Option, Scenario
from course_utils.items.scoring import score_item

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
         opts: tuple[Option, ...] = (), says: str = "I can't stop shaking.") -> Item:
    return Item(id=item_id, kind=kind, mode=mode, prompt="p", competencies=competencies, points=1.0,
                scenario=Scenario("At the drop-in.", says), key=key, options=opts)


MODULE = Module("mini", 1, "Cues & <Care>", "reading", items=(
    item("m-br1", "best_response", (1, 2), "b",
         opts=options("Calm down.", "You're shaking. I'm here.", "Go home.", "Have some tea.")),
    item("m-br2", "best_response", (9,), "a", says="My sister says I should just get over it and move on.",
         opts=options("Take your time.", "Why now?", "It could be worse.")),
    item("m-sa", "select_all", (2,), ("a", "c"), says="",
         opts=options("Shaking", "Smiling", "Quiet voice")),
    item("m-reply", "written_reply", (9,), says="Nobody at the clinic ever listens to me."),
    item("m-reflect", "reflection", (12,)),
    item("m-practice", "best_response", (1,), "a", mode="practice",
         opts=options("Take your time.", "Why now?", "It could be worse.")),
))
AUTO_GRADED = ["m-br1", "m-br2", "m-sa", "m-reply"]
NAMES = {"m-br1": "\u201cI can't stop shaking.\u201d",
         "m-br2": "\u201cMy sister says I should just get over\u2026\u201d",
         "m-sa": "At the drop-in.",
         "m-reply": "\u201cNobody at the clinic ever listens to me.\u201d"}
ANSWERS = {
    "s1": {"m-br1": "b", "m-br2": "a", "m-sa": ["a", "c"], "m-reply": REPLY, "m-reflect": REFLECTION},
    "s2": {"m-br1": "b", "m-br2": "a", "m-sa": ["a"]},
    "s3": {"m-br1": "b", "m-br2": "c", "m-sa": ["a", "c"], "m-practice": "a"},
    "s4": {"m-br1": "a", "m-br2": "a", "m-sa": ["b"]},
    "s5": {"m-br1": "c", "m-br2": "b", "m-sa": []},
    "s6": {},
}


def earned(answers: dict) -> dict[str, float]:
    """The points autograde gives each auto-graded item of MODULE for these answers."""
    return {i: score_item(MODULE.item(i), answers.get(i)).earned for i in AUTO_GRADED}


GRADES = {student: earned(answers) for student, answers in ANSWERS.items()}


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


def make_course(course, seed: str | None = SEED):
    """Six autograded learners in the gradebook; s6's answers file is damaged; s7 is not graded."""
    for student, answers in ANSWERS.items():
        save(course, "autograded", student, answers, seed=seed)
    (course / "autograded" / "s6" / "mini" / "answers.json").write_text(DAMAGED, encoding="utf-8")
    save(course, "autograded", "s7", ANSWERS["s1"], seed=seed)
    for student in ("x1", "x2", "x3"):
        save(course, "submitted", student, ANSWERS["s1"])
    record(course, MODULE, GRADES)
    return course


def embedded(page: str) -> dict[str, bytes]:
    """The figures embedded in a page, by file name, in page order."""
    found = re.findall(r'<figure id="fig-([a-z]+)"><img alt="[^"]*" src="data:image/png;base64,([^"]+)">',
                       page)
    return {f"{name}.png": base64.b64decode(data) for name, data in found}


def row(page: str, item_id: str) -> list[str]:
    """The cells of an item's row in the Items table."""
    [cells] = re.findall(rf"<tr><td>{re.escape(item_id)}</td>(.*?)</tr>", page)
    return [item_id, *re.findall(r"<td>(.*?)</td>", cells)]


def flag_block(page: str, item_id: str) -> str:
    """An item's entry in the flagged items list."""
    [block] = re.findall(rf'<li id="flag-{re.escape(item_id)}">(.*?)</ul></li>', page, re.S)
    return block


def png(data) -> bytes:
    """An image/png display output as bytes (IPython may keep it as bytes or as base64 text)."""
    return data if isinstance(data, bytes) else base64.b64decode(data)


def stats(item_id: str, flags: tuple[Flag, ...] = ()) -> ItemStats:
    return ItemStats(item_id, "best_response", (1, 9), 0.5, 0.25, {"a": 0.5}, {"a": 0.5}, flags)


def hand_made(items: tuple[ItemStats, ...], **extra) -> Analysis:
    return Analysis("mini", ("s1", "s2"), items, (0.5, 0.5), 0.5, {"s1": {1: 0.5}, "s2": {1: 0.5}},
                    **extra)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    """Six learners, no display seeds (the content file's order for all)."""
    return analyse(MODULE, ANSWERS)


@pytest.fixture(scope="module")
def page(analysis) -> str:
    return report_page(analysis, MODULE, STAND_INS)


@pytest.fixture(scope="module")
def drawn(analysis):
    """The figures of the analysis, and the matplotlib figures still open after drawing them."""
    import matplotlib.pyplot as plt

    plt.close("all")
    pngs = figures(analysis, MODULE)
    return pngs, plt.get_fignums()


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A report written from make_course's course."""
    course = make_course(tmp_path_factory.mktemp("cohort"))
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

    def test_heat_map_columns_are_named_competencies(self, analysis, monkeypatch):
        """The heat map's axis reads 'Caring relationships', not '1'."""
        from course_utils.learner import plots

        seen = {}
        real = plots.heat_map

        def spy(rows, columns, values, title="", ax=None):
            seen["columns"] = [" ".join(c.split()) for c in columns]
            return real(rows, columns, values, title, ax)

        monkeypatch.setattr(plots, "heat_map", spy)
        figures(analysis, MODULE)
        assert seen["columns"] == ["Caring relationships", "Provides support", "Communication"]


class TestReportPage:
    def test_title_is_escaped(self, page):
        assert "<title>Cohort report: Cues &amp; &lt;Care&gt;</title>" in page
        assert "<h1>Cohort report: Cues &amp; &lt;Care&gt;</h1>" in page
        assert "<Care>" not in page

    def test_states_learners_items_and_mean_score(self, page, analysis):
        assert "<p>6 learners; 4 scored items; mean final score\n" \
               f"{sum(analysis.totals) / 6:.0%}." in page

    def test_reliability_is_given_and_explained(self, page, analysis):
        assert f"<strong>{analysis.alpha:.2f}</strong>. {alpha_text(analysis.alpha, 4, 6)}" \
               .replace("'", "&#x27;") in page
        assert "a low value is expected" in page and "With 6 learners the value is uncertain" in page

    def test_every_figure_is_embedded_whole_in_order(self, page):
        assert list(embedded(page).items()) == list(STAND_INS.items())

    @pytest.mark.parametrize("name", FIGURES)
    def test_every_figure_has_a_caption_and_alt_text_that_are_not_its_file_name(self, page, name):
        title, caption = CAPTIONS[name]
        [alt] = re.findall(rf'<figure id="fig-{name[:-4]}"><img alt="([^"]*)"', page)
        assert len(alt) > 40 and name not in alt and name[:-4] != alt
        assert f"<figcaption><strong>{title}.</strong> {caption}</figcaption>".replace("'", "&#x27;") in page

    def test_alt_text_carries_the_numbers(self, page, analysis):
        """A screen reader hears each item's difficulty, not only that there is a chart."""
        [alt] = re.findall(r'<figure id="fig-difficulty"><img alt="([^"]*)"', page)
        for s in analysis.items:
            assert f"{s.item_id} {s.difficulty:.0%}" in alt

    def test_one_table_row_per_auto_graded_item_in_content_order(self, page):
        """Reflections (graded by hand) and practice items are not in the table."""
        table = page[page.index("<h2>Items</h2>"):page.index("<h2>Figures</h2>")]
        assert re.findall(r"<tr><td>([^<]+)</td>", table) == AUTO_GRADED

    @pytest.mark.parametrize("item_id", AUTO_GRADED)
    def test_row_names_the_item_by_its_first_words_next_to_its_id(self, page, item_id):
        assert row(page, item_id)[:2] == [item_id, NAMES[item_id].replace("'", "&#x27;")]

    def test_row_names_kind_and_competencies_and_shows_the_numbers(self, page, analysis):
        s = next(s for s in analysis.items if s.item_id == "m-br1")
        assert s.difficulty == pytest.approx(0.5)  # s1, s2 and s3 of six chose the key
        assert row(page, "m-br1")[2:6] == ["Choose the most supportive reply",
                                           "Caring relationships, Provides support", "0.50",
                                           f"{s.discrimination:.2f}"]

    def test_the_numbers_are_explained_above_the_table(self, page):
        items = page[page.index("<h2>Items</h2>"):page.index("<table>")]
        assert "higher number means an easier item" in items
        assert "Discrimination is the correlation" in items

    def test_every_flag_is_explained_with_a_suggested_action(self, page, analysis):
        flagged = [s for s in analysis.items if s.flags]
        assert "m-br1" in [s.item_id for s in flagged]  # no seeds: its key was at (b) for all six
        for s in flagged:
            block = flag_block(page, s.item_id)
            assert item_name(MODULE.item(s.item_id)).replace("'", "&#x27;") in block
            for flag in s.flags:
                meaning, action = FLAG_HELP[flag.code]
                entry = (f"<li><strong>{flag.text}</strong>: {meaning} <em>Suggested action:</em> "
                         f"{action}</li>")
                assert entry.replace("'", "&#x27;") in block

    def test_negative_discrimination_says_what_it_means_and_what_to_do(self):
        flag = Flag("negative_discrimination", "negative discrimination")
        block = flag_block(report_page(hand_made((stats("m-br1", (flag,)),)), MODULE, {}), "m-br1")
        assert "Learners who did well on the rest of the assignment tended to score lower" in block
        assert "Read the item again with a colleague" in block

    def test_without_flags_the_page_says_no_item_is_flagged(self):
        page = report_page(hand_made((stats("m-br1"),)), MODULE, {})
        assert "<ul><li>No item is flagged.</li></ul>" in page
        assert row(page, "m-br1")[-1] == "-"

    def test_flag_texts_are_escaped(self):
        page = report_page(hand_made((stats("m-br1", (Flag("too_easy", "a & b"),)),)), MODULE, {})
        assert "<li><strong>a &amp; b</strong>: " in page and "a & b" not in page

    def test_lists_every_samhsa_competency(self, page):
        legend = page[page.index("<h2>Competency categories</h2>"):]
        assert re.findall(r"<li>(\d+)\. ", legend) == [str(c) for c in COMPETENCIES]

    def test_learners_own_words_stay_out(self, page):
        assert REPLY not in page and REFLECTION not in page

    def test_page_without_figures_has_none(self):
        page = report_page(hand_made((stats("m-br1"),)), MODULE, {})
        assert "<h2>Figures</h2>\n<h2>Competency categories</h2>" in page
        assert "data:image/png" not in page

    def test_learners_left_out_are_named_with_why_and_what_to_do(self):
        page = report_page(hand_made((stats("m-br1"),), left_out={"s9": "no entry in the gradebook"}),
                           MODULE, {})
        assert "<h2>Learners not in this report</h2><ul><li>s9: no entry in the gradebook</li></ul>" in page
        assert "Run <code>cpsw autograde mini</code>" in page

    def test_everyone_counted_means_no_left_out_section(self, page):
        assert "Learners not in this report" not in page

    def test_links_to_the_index_only_when_asked(self, page):
        assert 'href="../index.html"' not in page
        assert 'href="../index.html"' in report_page(hand_made((stats("m-br1"),)), MODULE, {}, index=True)


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

    def test_learners_with_final_scores_are_counted(self, written):
        """Six graded learners count; s7 (autograded folder, no gradebook entry) and x1-x3 do not."""
        assert "<p>6 learners; 4 scored items;" in written[2].read_text(encoding="utf-8")

    def test_learner_without_gradebook_entry_is_named_on_the_page(self, written):
        text = written[2].read_text(encoding="utf-8")
        assert "<li>s7: no entry in the gradebook (not autograded yet?)</li>" in text

    def test_damaged_answers_file_counts_as_no_answers_and_is_left_untouched(self, written):
        folder = written[0] / "autograded" / "s6" / "mini"
        assert [p.name for p in folder.iterdir()] == ["answers.json"]
        assert (folder / "answers.json").read_text(encoding="utf-8") == DAMAGED

    def test_saved_display_seeds_decide_the_position_flag(self, written):
        """Five learners saw m-br1's key where SEED put it; s6 (no seed) saw the file's (b)."""
        block = flag_block(written[2].read_text(encoding="utf-8"), "m-br1")
        assert f"position gives the key away: 5 of 6 learners saw it at ({chr(97 + key_place(SEED))})" \
               in block

    def test_a_graders_override_changes_the_report(self, tmp_path):
        """s3 chose (c) on m-br2; the grader gives full marks in formgrader: 3 of 6 becomes 4 of 6."""
        course = make_course(tmp_path / "course")
        before = write_report(course, MODULE, tmp_path / "before").read_text(encoding="utf-8")
        override(course, MODULE, "s3", "m-br2", 1.0)
        after = write_report(course, MODULE, tmp_path / "after").read_text(encoding="utf-8")
        assert row(before, "m-br2")[4] == "0.50"
        assert row(after, "m-br2")[4] == "0.67"

    def test_a_written_reply_the_grader_raises_counts_at_the_graders_score(self, tmp_path):
        """The automatic rubric gave s1's reply 0; the grader's full marks replace it (1 of 6)."""
        course = make_course(tmp_path / "course")
        assert GRADES["s1"]["m-reply"] == 0.0
        before = write_report(course, MODULE, tmp_path / "a").read_text(encoding="utf-8")
        override(course, MODULE, "s1", "m-reply", 1.0)
        after = write_report(course, MODULE, tmp_path / "b").read_text(encoding="utf-8")
        assert (row(before, "m-reply")[4], row(after, "m-reply")[4]) == ("0.00", "0.17")

    def test_graded_learner_without_answers_file_counts_and_is_noted(self, tmp_path):
        course = make_course(tmp_path / "course")
        record(course, MODULE, {"s8": GRADES["s1"]})
        text = write_report(course, MODULE, tmp_path / "out").read_text(encoding="utf-8")
        assert "<p>7 learners; 4 scored items;" in text
        assert "<p>No answers file for s8: their scores count" in text

    @pytest.mark.parametrize("graded", [0, 1])
    def test_fewer_than_two_graded_learners_raise_and_write_nothing(self, tmp_path, graded):
        for n in range(3):
            save(tmp_path, "submitted", f"s{n}", ANSWERS["s1"])
        record(tmp_path, MODULE, {f"s{n}": GRADES["s1"] for n in range(graded)})
        with pytest.raises(NotEnoughScores, match=rf"mini: a report needs final scores of at least 2 "
                                                  rf"learners in the gradebook \(found {graded}; 3 "
                                                  r"submission\(s\).*Run `cpsw autograde mini`"):
            write_report(tmp_path, MODULE, tmp_path / "reports" / "mini")
        assert not (tmp_path / "reports").exists()

    def test_without_a_gradebook_nothing_is_written_and_no_gradebook_is_made(self, tmp_path):
        save(tmp_path, "submitted", "s1", ANSWERS["s1"])
        save(tmp_path, "submitted", "s2", ANSWERS["s2"])
        with pytest.raises(NotEnoughScores, match=r"\(found 0; 2 submission"):
            write_report(tmp_path, MODULE, tmp_path / "out")
        assert not (tmp_path / "out").exists() and not (tmp_path / "gradebook.db").exists()

    def test_a_module_of_reflections_only_has_no_report(self, tmp_path):
        reflections = Module("mini", 1, "Mini", "", items=(MODULE.item("m-reflect"),))
        with pytest.raises(NotEnoughScores, match="mini: no scored items"):
            write_report(tmp_path, reflections, tmp_path / "out")

    def test_other_assignments_do_not_count(self, tmp_path):
        save(tmp_path, "submitted", "s1", ANSWERS["s1"])
        record(tmp_path, MODULE, {"s1": GRADES["s1"]})
        record(tmp_path, Module("other", 2, "Other", "", items=MODULE.items),
               {"s1": GRADES["s1"], "s2": GRADES["s2"]})
        with pytest.raises(NotEnoughScores, match=r"\(found 1;"):
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


def graded_mini(course, students=("alice", "bob", "carol")) -> None:
    """The mini module of `course` answered and graded: alice and bob right, carol half."""
    from course_utils.content.loader import load_module

    mini = load_module(course / "content" / "mini")
    answers = {"alice": {"mini-first": "b", "mini-second": "a"},
               "bob": {"mini-first": "b", "mini-second": "a"}, "carol": {"mini-first": "b"}}
    for student in students:
        save(course, "autograded", student, answers[student], assignment="mini")
    record(course, mini, {s: {i: score_item(mini.item(i), answers[s].get(i)).earned
                              for i in ("mini-first", "mini-second")} for s in students})


class TestWriteReports:
    def test_index_lists_every_assignment_and_links_each_page(self, course):
        graded_mini(course)
        index, summaries = write_reports(course, [], course / "unused")  # nothing to report
        assert "<ul></ul>" in index.read_text(encoding="utf-8")
        from course_utils.content.loader import load_course

        index, summaries = write_reports(course, load_course(course / "content"), course / "reports")
        assert index == course / "reports" / "index.html"
        text = index.read_text(encoding="utf-8")
        assert re.findall(r"<li>(?:<a [^>]*>)?([^<(]+?)(?:</a>)? \((\w+)\)", text) == [
            ("Cues &amp; &lt;Care&gt;", "mini"), ("Second module", "second")]
        assert '<a href="mini/index.html">' in text and (course / "reports" / "mini" / "index.html").is_file()

    def test_each_line_gives_learners_mean_score_and_flagged_items(self, course):
        from course_utils.content.loader import load_course

        graded_mini(course)
        index, summaries = write_reports(course, load_course(course / "content"), course / "reports")
        mini = summaries[0]
        assert (mini.learners, mini.flagged) == (3, 1)  # mini-first: all three chose the key
        assert mini.mean_score == pytest.approx((1 + 1 + 1 / 3) / 3)  # carol: 1 of 3 points
        assert (f"3 learners, mean final score {mini.mean_score:.0%}, 1 flagged item.</li>"
                in index.read_text(encoding="utf-8"))

    def test_an_assignment_without_grades_says_why_and_has_no_link(self, course):
        from course_utils.content.loader import load_course

        graded_mini(course)
        index, summaries = write_reports(course, load_course(course / "content"), course / "reports")
        assert summaries[1].page == "" and "found 0" in summaries[1].note
        assert ("<li>Second module (second): no report yet. second: a report needs final scores"
                in index.read_text(encoding="utf-8"))
        assert not (course / "reports" / "second").exists()

    def test_each_page_links_back_to_the_index(self, course):
        from course_utils.content.loader import load_course

        graded_mini(course)
        write_reports(course, load_course(course / "content"), course / "reports")
        page = (course / "reports" / "mini" / "index.html").read_text(encoding="utf-8")
        assert '<a href="../index.html">All assignments</a>' in page

    def test_index_page_escapes_titles_and_notes(self):
        from course_utils.instructor.cohort_report import PageSummary

        text = index_page([PageSummary("a", "<b>", note="x < y")])
        assert "<li>&lt;b&gt; (a): no report yet. x &lt; y</li>" in text

    def test_cpsw_report_without_assignment_writes_every_page_and_the_index(self, course, capsys):
        from course_utils.cli import main

        graded_mini(course)
        out = course / "reports"
        assert main(["--course", str(course), "report", "--out", str(out)]) == 0
        said = capsys.readouterr().out.splitlines()
        assert said[0] == f"mini: {out / 'mini' / 'index.html'}"
        assert said[1].startswith("Skipped: second: a report needs final scores")
        assert said[2] == f"Index of all assignments: {out / 'index.html'}"
        assert (out / "index.html").is_file() and (out / "mini" / "index.html").is_file()

    def test_cpsw_report_of_one_assignment_writes_only_its_page(self, course, capsys):
        from course_utils.cli import main

        graded_mini(course)
        out = course / "reports"
        assert main(["--course", str(course), "report", "mini", "--out", str(out)]) == 0
        assert capsys.readouterr().out == f"mini: {out / 'mini' / 'index.html'}\n"
        assert sorted(p.name for p in out.iterdir()) == ["mini"]


class TestShowDashboard:
    def test_without_grades_each_module_says_so_in_module_order(self, course, shell):
        with capture_output() as out:
            show_dashboard(course)
        said = html_outputs(out)
        assert [s.split(":")[0] for s in said] == ["<p>Cues &amp; &lt;Care&gt;", "<p>Second module"]
        assert all("no report yet" in s and "cpsw autograde" in s for s in said)
        assert len(out.outputs) == 2

    def test_an_assignment_can_be_chosen(self, course, shell):
        graded_mini(course)
        with capture_output() as out:
            show_dashboard(str(course), "second")
        [said] = html_outputs(out)
        assert said.startswith("<p>Second module: no report yet.")
        assert len(out.outputs) == 1

    def test_unknown_assignment_shows_nothing(self, course, shell):
        with capture_output() as out:
            show_dashboard(course, "no_such_module")
        assert out.outputs == []

    def test_with_grades_shows_summary_explained_flags_and_captioned_figures(self, course, shell):
        graded_mini(course)
        with capture_output() as out:
            show_dashboard(course)
        summary, *figs, later = html_outputs(out)
        assert summary.startswith("<h2>Cues &amp; &lt;Care&gt;</h2><p>3 learners, final scores from "
                                  "the gradebook (grader overrides included). Cronbach's alpha ")
        assert '<li id="flag-mini-first"><strong>mini-first</strong>' in summary  # all chose the key
        too_easy = "<li><strong>too easy</strong>: " + FLAG_HELP["too_easy"][0]
        assert too_easy.replace("'", "&#x27;") in summary
        assert later.startswith("<p>Second module: no report yet.")
        assert len(figs) == 5 and all("<figcaption>" in f and '<img alt="' in f for f in figs)
        images = [png(o.data["image/png"]) for o in out.outputs if "image/png" in o.data]
        assert len(images) == 5 and all(data.startswith(PNG) for data in images)

    def test_a_graders_override_reaches_the_dashboard(self, course, shell):
        """carol left mini-second blank (0 of 1); the grader's full marks make it 3 of 3."""
        from course_utils.content.loader import load_module

        graded_mini(course)
        with capture_output() as before:
            show_dashboard(course, "mini")
        override(course, load_module(course / "content" / "mini"), "carol", "mini-second", 1.0)
        with capture_output() as after:
            show_dashboard(course, "mini")
        alts = [[o.data["text/plain"] for o in out.outputs if "image/png" in o.data]
                for out in (before, after)]
        assert alts[0] != alts[1]
        assert "67%" in " ".join(alts[0]) and "100%" in " ".join(alts[1])

    def test_damaged_content_raises_and_shows_nothing(self, course, shell):
        from course_utils.items.model import ContentError

        (course / "content" / "second" / "module.yaml").write_text("items: [", encoding="utf-8")
        with capture_output() as out, pytest.raises(ContentError, match="not valid YAML"):
            show_dashboard(course)
        assert out.outputs == []
