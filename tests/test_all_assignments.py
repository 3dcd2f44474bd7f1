"""Every released assignment through nbgrader autograde: a perfect learner and a worst learner.

The perfect learner answers every item with its key (the best reply at every turn of a
conversation) and must get full marks on every graded item. The worst learner always picks the
worst option and must get exactly the scores worked out here from the content, independently of
course_utils.items.scoring.
"""

from __future__ import annotations

import re
import shutil

import pytest
from helpers import REPO

from course_utils.assign.nbgrader_run import run_nbgrader
from course_utils.content.loader import load_course
from course_utils.core.storage import AnswerStore
from course_utils.items.public import load_items
from course_utils.items.widgets import make_view

pytestmark = pytest.mark.slow
MODULES = load_course(REPO / "content")
BAD_REPLY = "You should just stop worrying about it. Calm down."
# Written replies with rubric shares worked out by hand (picks up the peer's word {w} and
# reflects or validates 0.4, invites more 0.3, stays with their words with no roadblock 0.3),
# one per module, for a third learner.
PARTIAL_REPLIES = [
    ("That makes sense about {w}. You should call them.", 0.4),  # validates; advice; no question
    ("What happened then?", 0.3),  # an open question that fits anyone: nothing picked up
    ("Did they say anything?", 0.0),  # a closed question that fits anyone
    ("It sounds like you felt hurt and alone about {w}. What was that like?", 1.0),
    ("It sounds like {w} was hard.", 0.7),  # a simple reflection of their word, no question
    ("You should just stop worrying about it. Calm down.", 0.0),
]


# Items with an automatic rubric of their own, where the default shares above do not apply:
# the module-7 closing call weighs reflects 0.4, no_roadblock 0.3, stays_on_topic 0.3, so "That
# makes sense about {w}. You should call them." earns reflects and stays_on_topic: 0.7.
OWN_RUBRIC_SHARES = {"sf-reply-closing-call": 0.7}


def heard_word(item) -> str:
    """A word of the peer's own or of the scene (6+ letters, not a filler word), to pick up."""
    from course_utils.analysis.reply_rubric import COMMON

    heard = f"{item.scenario.peer_says} {item.scenario.situation}"
    return next(w for w in re.findall(r"[A-Za-z]+", heard) if len(w) >= 6 and w.lower() not in COMMON)


def good_reply(item) -> str:
    """A reply that picks up the peer's word, reflects, and invites (or asks, where required)."""
    ask = "Are you thinking about suicide?" if any(
        name == "asks_about_suicide" for name, _ in item.auto_rubric) else "What has been the hardest part?"
    return (f"It sounds like {heard_word(item)} has been really painful, and you're carrying it "
            f"on your own. {ask}")


SCRIPTS = REPO / "tests" / "data" / "roleplay_scripts"
# Every role-play's mixed script connects in 4 of its 8 replies and the peer stays guarded:
# 0.5 x 4/8 + 0.5 x 0 (tests/items/test_roleplay_play.py plays them all).
MIXED_ROLEPLAY_SHARE = 0.25


def roleplay_script(item, name: str) -> dict:
    """A role-play answer: the replies of one of its scripts, seed 0."""
    text = (SCRIPTS / f"{item.id}.{name}.txt").read_text(encoding="utf-8")
    return {"replies": [line.strip() for line in text.splitlines() if line.strip()], "seed": 0}


def partial_answer(module_index, item):
    if item.kind == "roleplay":
        return roleplay_script(item, "mixed")
    if item.kind == "written_reply":
        return PARTIAL_REPLIES[module_index % len(PARTIAL_REPLIES)][0].format(w=heard_word(item))
    return worst_answer(item)[0]


def walk(item, pick):
    """Follow a conversation choosing pick(replies) at each turn: reply ids and qualities."""
    by_id = {t.id: t for t in item.turns}
    turn, ids, qualities = item.turns[0], [], []
    while turn is not None:
        reply = pick(turn.replies)
        ids.append(reply.id)
        qualities.append(reply.quality)
        turn = by_id.get(reply.next)
    return ids, qualities


def best_answer(item):
    if item.kind == "best_response":
        return item.key
    if item.kind == "select_all":
        return list(item.key)
    if item.kind == "rank":
        return {oid: n for n, oid in enumerate(item.key, start=1)}
    if item.kind == "classify":
        return dict(item.key)
    if item.kind == "branching":
        return walk(item, lambda replies: max(replies, key=lambda r: r.quality))[0]
    if item.kind == "written_reply":
        return good_reply(item)
    if item.kind == "roleplay":
        return roleplay_script(item, "present")
    return hand_graded_answer(item)


def hand_graded_answer(item):
    """An answer to a reflection or an observer checklist: a grader scores it, nothing automatic."""
    if item.kind == "observer_checklist":
        return {"tallies": {"simple_reflections": 3, "complex_reflections": 1, "open_questions": 2,
                            "closed_questions": 2}, "roadblocks": ["reassuring"],
                "observer": "The listener slowed down when the speaker's voice shook.",
                "listener": "I wanted to reassure; next time I reflect first."}
    return "What I noticed about myself this week."


def worst_answer(item):
    """The worst answer and the score it must get, worked out by hand."""
    ids = [o.id for o in item.options]
    if item.kind == "best_response":
        return next(i for i in ids if i != item.key), 0.0
    if item.kind == "select_all":
        return [i for i in ids if i not in item.key], 0.0
    if item.kind == "rank":
        return {oid: n for n, oid in enumerate(reversed(item.key), start=1)}, 0.0
    if item.kind == "classify":
        key = dict(item.key)
        return {i: next(x for x in item.labels if x != key[i]) for i in ids}, 0.0
    if item.kind == "branching":
        path, qualities = walk(item, lambda replies: min(replies, key=lambda r: r.quality))
        return path, round(item.points * sum(qualities) / (2 * len(qualities)), 2)
    if item.kind == "written_reply":
        return BAD_REPLY, 0.0  # advice and an order: no reflection, no question, a roadblock
    if item.kind == "roleplay":
        return roleplay_script(item, "missteps"), 0.0  # no reply connects; the peer withdraws
    return hand_graded_answer(item), None


@pytest.fixture(scope="module")
def graded_course(built_course, tmp_path_factory):
    course = tmp_path_factory.mktemp("all") / "course"
    shutil.copytree(built_course, course)
    for index, module in enumerate(MODULES):
        for student, answer_of in (("perfect", best_answer),
                                   ("worst", lambda i: worst_answer(i)[0]),
                                   ("mixed", lambda i, n=index: partial_answer(n, i))):
            folder = course / "submitted" / student / module.assignment
            shutil.copytree(course / "release" / module.assignment, folder)
            (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC\n")
            public, store = load_items(folder), AnswerStore(folder)
            for item in module.items:
                make_view(public[item.id], store).set_answer(answer_of(item))
        run_nbgrader(["autograde", module.assignment], course)
    run_nbgrader(["generate_feedback", "practice_exam"], course)
    return course


def grades(course, assignment, student):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(assignment, student)
        return {g.name: (g.score, g.max_score) for nb in sub.notebooks for g in nb.grades}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.assignment)
class TestEveryAssignment:
    def test_perfect_learner_gets_full_marks_on_every_graded_item(self, graded_course, module):
        got = grades(graded_course, module.assignment, "perfect")
        for item in module.items:
            if item.auto_graded:
                assert got[f"{item.id}-grade"] == (item.points, item.points), item.id

    def test_worst_learner_gets_the_scores_worked_out_by_hand(self, graded_course, module):
        got = grades(graded_course, module.assignment, "worst")
        for item in module.items:
            if item.auto_graded:
                assert got[f"{item.id}-grade"][0] == worst_answer(item)[1], item.id


def test_written_replies_get_the_partial_credit_worked_out_by_hand(graded_course):
    checked = 0
    for index, module in enumerate(MODULES):
        got = grades(graded_course, module.assignment, "mixed")
        for item in module.items:
            if item.kind == "written_reply" and item.graded:
                share = OWN_RUBRIC_SHARES.get(item.id, PARTIAL_REPLIES[index % len(PARTIAL_REPLIES)][1])
                assert got[f"{item.id}-grade"][0] == round(item.points * share, 2), item.id
                checked += 1
    assert checked == 8


def test_roleplays_get_the_partial_credit_worked_out_by_hand(graded_course):
    checked = 0
    for module in MODULES:
        got = grades(graded_course, module.assignment, "mixed")
        for item in module.items:
            if item.kind == "roleplay" and item.graded:
                assert got[f"{item.id}-grade"][0] == round(item.points * MIXED_ROLEPLAY_SHARE, 2), item.id
                checked += 1
    assert checked >= 2


def test_exam_feedback_reports_score_by_competency(graded_course):
    html = (graded_course / "feedback" / "worst" / "practice_exam" / "practice_exam.html").read_text()
    assert "score by SAMHSA competency" in html
    assert html.count("<tr><td>") >= 12  # a row per competency category
    assert "data:image/png" in html  # the bar chart


def test_cpsw_feedback_brings_a_graders_change_to_that_page_only(graded_course):
    """A grader overrides a score in the gradebook; plain generate_feedback would skip the page."""
    from nbgrader.api import Gradebook

    from course_utils.instructor.feedback_pages import regenerate_feedback

    exam = MODULES[-1]
    item = next(i for i in exam.items if i.auto_graded and worst_answer(i)[1] == 0)
    page = graded_course / "feedback" / "worst" / exam.assignment / f"{exam.assignment}.html"
    before = page.read_text()
    with Gradebook(f"sqlite:///{graded_course / 'gradebook.db'}") as gb:
        grade = gb.find_grade(f"{item.id}-grade", exam.assignment, exam.assignment, "worst")
        grade.manual_score = item.points
        gb.db.commit()
    run = regenerate_feedback(graded_course, exam.assignment)
    assert run.status == {"worst": "changed", "perfect": "unchanged", "mixed": "unchanged"}
    full = f"Score: {item.points} / {item.points}"
    assert page.read_text().count(full) > before.count(full)  # the new score is on the page
