"""Write your reply: scored by the automatic rubric (course_utils/items/kinds/written_reply.py)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from course_utils.content.validation import _parse_item
from course_utils.core.display_order import DisplayOrder
from course_utils.core.storage import AnswerStore
from course_utils.core.vocab import MAX_REPLY_CHARS
from course_utils.items.kind import kind_of
from course_utils.items.kinds.written_reply import WrittenReply, parse_auto_rubric, reply_feedback_html
from course_utils.items.model import Item, Problem, Scenario

KIND = kind_of("written_reply")
SEEDED = DisplayOrder("learner-1")
GOOD = "It sounds like the nights feel endless and you are exhausted. What keeps you awake?"
ADVICE = "Have you tried camomile tea?"


def item(**changes) -> Item:
    fields = {"id": "jo-night", "kind": "written_reply", "mode": "graded", "prompt": "What do you reply?",
              "scenario": Scenario("Jo texts you late at night.",
                                   "I cannot sleep again, the nights feel endless.", ("short replies",)),
              "competencies": (2,), "points": 2.0, "rubric": ("Reflects the <sleeplessness>",),
              "example": "Long nights & no sleep?"}
    return Item(**{**fields, **changes})


def collector():
    """A `bad` callback and the (field, message) pairs it received."""
    said: list[tuple[str, str]] = []
    return (lambda field, message: said.append((field, message))), said


class Guesser:
    """A test-wise learner with one reply for every written item."""

    reply = "I hear you, that sounds hard."

    def rank(self, item, ids, texts):
        raise AssertionError("a written guess ranks nothing")

    def picks(self, item, ids, texts):
        raise AssertionError("a written guess picks nothing")

    def label(self, item, text):
        raise AssertionError("a written guess labels nothing")


class TestRegistration:
    def test_the_kind_is_registered_scored_and_takes_only_an_automatic_rubric(self):
        assert isinstance(KIND, WrittenReply)
        assert KIND.fields == {"auto_rubric"}
        assert KIND.scored and KIND.own_words and not KIND.practice_scored
        assert KIND.answer_title == "Your written reply"


class TestParse:
    def test_without_an_automatic_rubric_the_default_is_kept(self):
        bad, said = collector()
        assert KIND.parse({}, "graded", ("Reflects",), bad) == {"auto_rubric": ()}
        assert said == []

    def test_an_automatic_rubric_is_parsed(self):
        bad, said = collector()
        fields = KIND.parse({"auto_rubric": {"validates": 0.5, "reflects": 0.5}}, "practice", (), bad)
        assert fields == {"auto_rubric": (("validates", 0.5), ("reflects", 0.5))} and said == []

    def test_graded_item_still_needs_a_rubric(self):
        bad, said = collector()
        KIND.parse({"auto_rubric": {"reflects": 1.0}}, "graded", (), bad)
        assert said == [("rubric", "graded written items need a rubric: what graders look for")]

    def test_a_broken_automatic_rubric_is_reported_and_left_empty(self):
        bad, said = collector()
        assert KIND.parse({"auto_rubric": None}, "practice", (), bad) == {"auto_rubric": ()}
        assert [field for field, _ in said] == ["auto_rubric"]


class TestParseAutoRubric:
    def rubric(self, raw):
        bad, said = collector()
        return parse_auto_rubric(raw, bad), said

    def test_weights_become_floats_in_the_written_order(self):
        rubric, said = self.rubric({"stays_on_topic": 0.25, "reflects_feeling": 0.75})
        assert said == []
        assert rubric == (("stays_on_topic", 0.25), ("reflects_feeling", 0.75))
        rubric, _ = self.rubric({"reflects": 1})
        assert rubric == (("reflects", 1.0),) and isinstance(rubric[0][1], float)

    @pytest.mark.parametrize("kind", [
        "reflection", "best_response", "branching"])
    def test_only_written_replies_have_one(self, kind):
        """Validation refuses the field on any other kind, before any kind parses it."""
        raw = {"id": "jo-night", "kind": kind, "mode": "practice", "prompt": "?",
               "scenario": {"situation": "s"}, "competencies": [2], "auto_rubric": {"reflects": 1.0}}
        problems: list[Problem] = []
        assert _parse_item(raw, 1, "m.yaml", problems) is None
        assert ("auto_rubric", "only written_reply items have an automatic rubric; remove it") in [
            (p.field, p.message) for p in problems]

    @pytest.mark.parametrize("raw", [{}, None, ["reflects"], "reflects: 1"])
    def test_not_a_mapping_shows_an_example(self, raw):
        rubric, [(field, message)] = self.rubric(raw)
        assert rubric == () and field == "auto_rubric"
        assert message.startswith("give criteria and weights, e.g. {reflects: 0.4")

    def test_unknown_criteria_are_named_with_the_known_ones(self):
        rubric, [(_, message)] = self.rubric({"kindness": 0.5, "reflects": 0.3, "warmth": 0.2})
        assert rubric == ()
        assert message.startswith("unknown criteria kindness, warmth; use: reflects, invites_more")

    @pytest.mark.parametrize("weight", [0, -0.5, "half", True, None])
    def test_every_weight_must_be_a_positive_number(self, weight):
        rubric, said = self.rubric({"reflects": 1.0, "validates": weight})
        assert rubric == ()
        assert said == [("auto_rubric", "every weight must be a number above 0 (a share of the points)")]

    @pytest.mark.parametrize(("raw", "total"), [({"reflects": 0.6, "validates": 0.6}, "1.2"),
                                                ({"reflects": 0.25}, "0.25")])
    def test_weights_must_add_up_to_one(self, raw, total):
        assert self.rubric(raw) == (
            (), [("auto_rubric", f"the weights add up to {total}; make them add up to 1")])

    def test_a_sum_within_rounding_of_one_is_accepted(self):
        rubric, said = self.rubric({"reflects": 0.1, "invites_more": 0.2, "no_roadblock": 0.7})
        assert said == [] and len(rubric) == 3


class TestFraction:
    def test_a_reply_that_meets_the_default_rubric_earns_everything(self):
        value, note = KIND.fraction(item(), GOOD)
        assert value == 1.0
        assert note == ("Checked automatically; your grader may change this score. Done: Picks up what "
                        "this peer said, and reflects or validates it (40% of the points); Invites more: an "
                        "open question, or a complex reflection (30% of the points); Stays with this peer's "
                        "words with no roadblock (advice, judging, changing the topic, ...) (30% of the "
                        "points).")

    @pytest.mark.parametrize("answer", [None, "", ADVICE])
    def test_no_reply_or_advice_earns_nothing(self, answer):
        assert KIND.fraction(item(), answer)[0] == 0.0

    @pytest.mark.parametrize("answer", [None, "", "   "])
    def test_no_reply_says_so(self, answer):
        assert KIND.fraction(item(), answer)[1] == "No reply was written."

    def test_advice_lists_what_is_still_to_do(self):
        note = KIND.fraction(item(), ADVICE)[1]
        assert " Done:" not in note and " Still to do: Picks up what this peer said" in note

    @pytest.mark.parametrize("answer", [None, "", GOOD, ADVICE, "It makes sense you feel worn out."])
    def test_the_value_is_score_replys(self, answer):
        """The words changed, the score did not: it is the automatic rubric's, always."""
        from course_utils.analysis.reply_rubric import score_reply

        context = " ".join([item().scenario.situation, *item().scenario.cues])
        expected = score_reply(answer, item().scenario.peer_says, context, item().auto_rubric)[0]
        assert KIND.fraction(item(), answer)[0] == expected

    def test_the_items_own_rubric_is_used(self):
        own = item(auto_rubric=(("validates", 1.0),))
        value, note = KIND.fraction(own, "It makes sense you feel worn out.")
        assert value == 1.0 and note.endswith("Done: Says the feeling makes sense (100% of the points).")

    def test_only_the_first_characters_of_a_long_reply_are_scored(self):
        filler = ADVICE + " " * (MAX_REPLY_CHARS - len(ADVICE))
        value, note = KIND.fraction(item(), filler + GOOD)
        assert value == KIND.fraction(item(), ADVICE)[0] == 0.0
        assert note.endswith(f" Only the first {MAX_REPLY_CHARS:,} characters were checked.")

    def test_a_reply_of_the_limit_has_no_note(self):
        assert "Only the first" not in KIND.fraction(item(), "x" * MAX_REPLY_CHARS)[1]


class TestFeedbackHtml:
    def test_findings_then_rubric_then_the_example_escaped(self):
        html = KIND.feedback_html(item(), ADVICE, SEEDED)
        assert html == reply_feedback_html(item(), ADVICE)
        assert html.startswith('<div class="cps-analysis">') and "Advising" in html
        assert html.index("What graders look for") < html.index("One possible reply")
        assert html.endswith("<p><strong>One possible reply:</strong> Long nights &amp; no sleep?</p>")
        assert "Reflects the &lt;sleeplessness&gt;" in html

    def test_no_reply_says_there_is_nothing_to_look_at(self):
        html = reply_feedback_html(item(), None)
        assert html.startswith('<p class="cps-analysis">Write a reply first')

    def test_without_rubric_or_example_only_the_findings_remain(self):
        html = reply_feedback_html(item(rubric=(), example=""), GOOD)
        assert "What graders look for" not in html and "One possible reply" not in html


class TestFeedbackLines:
    def test_is_the_same_feedback_as_plain_text_lines(self):
        lines = KIND.feedback_lines(item(), ADVICE, SEEDED)
        assert lines[0].startswith("What we noticed:")
        assert "<" not in "".join(lines).replace("<sleeplessness>", "")
        at = lines.index("What graders look for:")
        assert lines[at + 1].startswith("- Reflects the <sleeplessness>")
        assert lines[-1] == "One possible reply: Long nights & no sleep?"


class TestAnswerText:
    def test_is_the_reply_itself(self):
        assert KIND.answer_text(item(), GOOD, SEEDED) == GOOD


class TestView:
    def test_is_the_written_reply_widget(self, tmp_path):
        from course_utils.items.widgets.text import WrittenReplyView

        assert isinstance(KIND.view(item(), AnswerStore(tmp_path)), WrittenReplyView)


class TestSimulate:
    def test_draws_every_sample_reply_whatever_p(self):
        rng = random.Random(0)
        drawn = {KIND.simulate(item(), p, rng) for p in (0.0, 1.0) for _ in range(60)}
        assert drawn == set(KIND.sample_answers)

    def test_samples_range_from_full_marks_to_none(self):
        """Simulated replies differ in quality, so a cohort's written scores spread out."""
        values = {KIND.fraction(replace(item(), scenario=Scenario("")), reply)[0]
                  for reply in KIND.sample_answers}
        assert len(values) > 1

    def test_every_sample_is_well_formed(self):
        assert KIND.sample_answers and all(KIND.well_formed(a) for a in KIND.sample_answers)


class TestGuess:
    def test_is_the_guessers_one_reply(self):
        assert KIND.guess(item(), SEEDED, Guesser()) == Guesser.reply
