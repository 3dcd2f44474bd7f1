"""Quality bars over all content files: coverage, item writing, readability, safety, volume."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import REPO

from course_utils.content.loader import load_course
from course_utils.core.vocab import COMPETENCIES, LESSONS, ROADBLOCKS

MODULES = load_course(REPO / "content")
EXAM = "practice_exam"
TEACHING = [m for m in MODULES if m.assignment != EXAM]
ITEMS = [i for m in MODULES for i in m.items]
BEST = [i for i in ITEMS if i.kind == "best_response"]
# How each point of the core lesson shows up when a reading teaches it.
TAUGHT = {
    "presence": r"\bpresen(t|ce)\b",
    "feeling_over_words": r"matters more than|how (it|they) felt",
    "trust_rapport": r"\brapport\b",
    "safe_space": r"non-?judg(e)?mental",
    "cues_to_check": r"body language",
    "empathy_validation": r"\bvalidat",
    "no_unsolicited_advice": r"\badvice\b",
    "no_judging_choices": r"\bchoices\b",
    "no_changing_topic": r"chang\w* the (topic|subject)",
    "wider_purpose": r"\bstigma\b",
    "self_check": r"really (attending|paying attention|listening)",
}


def options_of(item):
    """Every choosable text of an item with its roadblock tag: options and conversation replies."""
    return [(o.text, o.roadblock) for o in item.options] + [
        (r.text, r.roadblock) for t in item.turns for r in t.replies]


class TestCoverage:
    @pytest.mark.parametrize("competency", list(COMPETENCIES))
    def test_every_competency_is_tagged_on_four_items(self, competency):
        assert sum(competency in i.competencies for i in ITEMS) >= 4

    @pytest.mark.parametrize("roadblock", ROADBLOCKS)
    def test_every_roadblock_appears_twice_as_distractor_or_label(self, roadblock):
        tags = sum(tag == roadblock for i in ITEMS for _, tag in options_of(i))
        labels = sum(label == roadblock for i in ITEMS if i.kind == "classify"
                     for _, label in i.key)
        assert tags + labels >= 2

    @pytest.mark.parametrize("lesson", LESSONS)
    def test_every_lesson_point_is_taught_and_practised_twice(self, lesson):
        readings = "\n".join(m.reading for m in TEACHING)
        assert re.search(TAUGHT[lesson], readings, re.IGNORECASE), f"no reading teaches {lesson}"
        assert sum(lesson in i.lesson for i in ITEMS) >= 2


class TestModules:
    @pytest.mark.parametrize("module", TEACHING, ids=lambda m: m.assignment)
    def test_teaching_module_meets_the_bar(self, module):
        kinds = Counter(i.kind for i in module.items)
        assert len(module.items) >= 12
        assert len(kinds) >= 4 and kinds["branching"] >= 1 and kinds["observer_checklist"] == 1
        assert module.items[-1].kind == "observer_checklist" and module.triad  # ends with the triad
        assert {i.mode for i in module.items} == {"practice", "graded"}
        assert 1200 <= len(module.reading.split()) <= 2500
        assert "## Sources" in module.reading

    def test_exam_has_fifty_four_option_items_over_all_competencies(self):
        exam = next(m for m in MODULES if m.assignment == EXAM)
        assert len(exam.items) >= 50
        assert all(i.kind == "best_response" and i.graded and len(i.options) == 4
                   for i in exam.items)
        assert {i.competencies[0] for i in exam.items} == set(COMPETENCIES)

    def test_at_least_120_items_in_all(self):
        assert len(ITEMS) >= 120


class TestItemWriting:
    def test_no_all_or_none_of_the_above(self):
        bad = [i.id for i in ITEMS for text, _ in options_of(i)
               if re.search(r"(all|none) of the above", text, re.IGNORECASE)]
        assert bad == []

    def test_every_option_and_reply_explains_itself(self):
        missing = [i.id for i in ITEMS for o in i.options if not o.explanation] + [
            i.id for i in ITEMS for t in i.turns for r in t.replies if not r.explanation]
        assert missing == []

    @pytest.mark.parametrize("scope", ["exam", "all best-response"])
    def test_no_key_position_holds_more_than_35_percent(self, scope):
        items = [i for i in BEST if scope != "exam" or i.id.startswith("ex-")]
        positions = Counter([o.id for o in i.options].index(i.key) for i in items)
        assert max(positions.values()) / len(items) <= 0.35, positions

    def test_key_is_longest_option_in_at_most_40_percent(self):
        longest = [i for i in BEST
                   if len(i.option(i.key).text) == max(len(o.text) for o in i.options)]
        assert len(longest) / len(BEST) <= 0.40

    def test_no_duplicate_stems(self):
        stems = Counter(" ".join([i.scenario.situation, i.scenario.peer_says, i.prompt]).lower()
                        for i in ITEMS)
        assert [s[:60] for s, n in stems.items() if n > 1] == []

    def test_no_duplicate_options(self):
        texts = Counter(re.sub(r"\W+", " ", text).strip().lower()
                        for i in ITEMS for text, _ in options_of(i))
        assert [t[:60] for t, n in texts.items() if n > 1] == []


class TestReadability:
    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.assignment)
    def test_flesch_kincaid_grade_at_most_9_5(self, module):
        import textstat

        plain = re.sub(r"[#*_>`|]", " ", module.reading)
        assert textstat.flesch_kincaid_grade(plain) <= 9.5


METHOD_WORDS = re.compile(
    r"\b(overdos\w*|pills? to die|firearms?|guns?|hang(ed|ing)? (him|her|them)sel\w*|noose|"
    r"razors?|jump(ed|ing)? (off|from)|poison\w*|committed suicide|epidemic)\b", re.IGNORECASE)
CUE_AS_PROOF = re.compile(
    r"\b(proves? (that|he|she|they)|is proof|definitely means|always means|clearly means)\b",
    re.IGNORECASE)


def all_text(module) -> str:
    parts = [module.reading]
    for i in module.items:
        parts += [i.scenario.situation, i.scenario.peer_says, *i.scenario.cues, i.prompt,
                  i.example, i.debrief, *i.rubric]
        parts += [f"{o.text} {o.explanation}" for o in i.options]
        parts += [f"{t.peer_says} {r.text} {r.explanation}" for t in i.turns for r in t.replies]
        if i.roleplay is not None:
            parts += [i.roleplay.carrying, *i.roleplay.closing]
            parts += [f"{r.cue} {line}" for st in i.roleplay.states for _, r in st.on for line in r.lines]
    return "\n".join(parts)


class TestSafety:
    def test_help_now_note_names_988_and_never_press_3(self):
        note = (REPO / "content" / "help_now.md").read_text()
        assert "988" in note and "741741" in note and "press 3" not in note.lower()

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.assignment)
    def test_safe_messaging_no_methods_no_press_3(self, module):
        """No methods; words to avoid appear only when quoted as words to avoid."""
        text = re.sub(r'"(epidemic|committed suicide),?"', "", all_text(module))
        assert METHOD_WORDS.findall(text) == []
        assert "press 3" not in text.lower()

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.assignment)
    def test_no_nonverbal_cue_presented_as_proof(self, module):
        assert CUE_AS_PROOF.findall(all_text(module)) == []

    def test_crisis_module_points_to_988_and_hope(self):
        crisis = next(m for m in MODULES if m.assignment == "crisis")
        assert "988" in crisis.reading and "741741" in crisis.reading
        assert re.search(r"\bhope", crisis.reading, re.IGNORECASE)
