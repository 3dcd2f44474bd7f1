"""The word patterns behind reply analysis: the tables' shape, and what each family matches.

Patterns are applied to a lowercased copy of the reply with straight apostrophes, so the example
replies here are written that way.
"""

from __future__ import annotations

import re

import pytest

from course_utils.analysis import reply_patterns as rp
from course_utils.analysis.reply_analysis import normalise
from course_utils.analysis.reply_patterns import (
    COMPLEX_MARKERS,
    FEELING_RX,
    IMPERATIVE,
    INTENSITY,
    LISTENING,
    NOT_REFLECTION_START,
    OPEN_QUESTION,
    PEER_REFERENCE,
    QUESTION_START,
    REFLECTION_STEM,
    ROADBLOCKS,
    SUGGESTIONS,
    SUICIDE_QUESTION,
    WHY_PROBE,
)
from course_utils.core.vocab import ROADBLOCKS as ROADBLOCK_NAMES

TABLES = {"LISTENING": LISTENING, "ROADBLOCKS": ROADBLOCKS}
TABLE_ENTRIES = [(f"{table}.{name}", pattern, message)
                 for table, entries in TABLES.items() for name, (pattern, message) in entries.items()]
SINGLE_PATTERNS = {name: value for name, value in vars(rp).items() if isinstance(value, re.Pattern)}
ALL_PATTERNS = {**SINGLE_PATTERNS, **{name: pattern for name, pattern, _ in TABLE_ENTRIES}}

# Replies that only listen: no roadblock pattern may fire on any of them.
LISTENING_ONLY = [
    "it sounds like the waiting has worn you down.",
    "you felt invisible in that room.",
    "what was the hardest part of today?",
    "part of you wants to go back, and part of you is done.",
    "mm, that's a lot to hold on your own.",
    "tell me more about what happened at the door.",
    "you've been carrying this since march.",
    "so the call never came, and you're still waiting.",
]


def hits(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


class TestTables:
    @pytest.mark.parametrize(("name", "pattern", "message"), TABLE_ENTRIES,
                             ids=[e[0] for e in TABLE_ENTRIES])
    def test_every_entry_is_a_compiled_pattern_with_a_one_sentence_message(self, name, pattern, message):
        """Messages follow "This ...", so they start lowercase and are one sentence ending in a period."""
        assert isinstance(pattern, re.Pattern) and pattern.pattern
        assert isinstance(message, str) and message[0].islower()
        assert message.endswith(".") and len(message.split()) >= 4
        assert not re.search(r"[.!?]\s", message[:-1]), "one sentence only"

    def test_the_listening_table_has_validation_and_affirmation(self):
        assert set(LISTENING) == {"validation", "affirmation"}

    def test_every_pattern_roadblock_is_a_course_roadblock_in_course_order(self):
        assert [name for name in ROADBLOCK_NAMES if name in ROADBLOCKS] == list(ROADBLOCKS)

    def test_every_pattern_roadblock_has_a_suggestion(self):
        assert set(ROADBLOCKS) <= set(SUGGESTIONS)

    def test_suggestions_are_exactly_the_course_roadblocks(self):
        """Probing has a suggestion too; it is found by WHY_PROBE and question counts, not a table entry."""
        assert list(SUGGESTIONS) == list(ROADBLOCK_NAMES)
        assert set(SUGGESTIONS) - set(ROADBLOCKS) == {"probing"}
        assert hits(WHY_PROBE, "why didn't you tell anyone?")

    @pytest.mark.parametrize("name", list(SUGGESTIONS))
    def test_each_suggestion_is_one_capitalised_sentence(self, name):
        """A quoted example may close a suggestion; outside quotes there is one sentence."""
        text = SUGGESTIONS[name]
        assert text[0].isupper()
        assert text.endswith((".", '."', '..."', '?"'))
        unquoted = re.sub(r'"[^"]*"', '""', text)
        assert not re.search(r"[.!?]\s", unquoted[:-1])


class TestLowercaseStraightApostrophes:
    @pytest.mark.parametrize("name", list(ALL_PATTERNS))
    def test_no_pattern_spells_a_capital_or_a_curly_quote(self, name):
        """Input is lowercased with straight quotes, so a capital or curly quote could never match."""
        source = re.sub(r"\\.", "", ALL_PATTERNS[name].pattern)  # escapes such as \S are not letters
        assert re.findall(r"[A-Z\u2018\u2019\u201c\u201d]", source) == []
        assert not ALL_PATTERNS[name].flags & re.IGNORECASE

    def test_capitals_and_curly_apostrophes_only_match_once_normalised(self):
        pattern = ROADBLOCKS["reassuring"][0]
        assert not hits(pattern, "don\u2019t worry")
        assert not hits(pattern, "DON'T WORRY")
        assert pattern.search(normalise("Don\u2019t worry")).group() == "don't worry"

    def test_normalising_keeps_offsets(self):
        reply = "I\u2019m SO sorry \u2018bout that."
        assert len(normalise(reply)) == len(reply)
        match = LISTENING["validation"][0].search(normalise(reply))
        assert reply[match.start():match.end()] == "I\u2019m SO sorry"


class TestBuildingBlocks:
    @pytest.mark.parametrize(("block", "variants"), [
        ("YOU", ["you", "u", "ya"]),
        ("YOURE", ["you're", "youre", "you are", "ur", "u r"]),
        ("DONT", ["don't", "dont", "do not"]),
        ("ITS", ["it's", "its", "it is"]),
        ("THATS", ["that's", "thats", "that is"]),
        ("REALLY", ["really", "realy", "rly", "so", "very"]),
        ("SOUNDS", ["sounds", "sound", "sonds"]),
    ])
    def test_each_block_accepts_its_texting_variants(self, block, variants):
        pattern = getattr(rp, block)
        assert [v for v in variants if not re.fullmatch(pattern, v)] == []

    @pytest.mark.parametrize(("block", "other"), [("YOU", "your"), ("YOURE", "your"), ("DONT", "done"),
                                                  ("ITS", "it"), ("SOUNDS", "sounded")])
    def test_blocks_do_not_accept_nearby_words(self, block, other):
        assert not re.fullmatch(getattr(rp, block), other)


class TestRx:
    def test_matches_any_alternative_as_a_whole_word(self):
        pattern = rp._rx("no wonder", "of course")
        assert pattern.search("well no wonder you're tired").group() == "no wonder"
        assert pattern.search("of course it hurt").group() == "of course"

    def test_does_not_match_inside_a_longer_word(self):
        assert not hits(rp._rx("cat"), "concatenate")
        assert hits(rp._rx("cat"), "the cat sat")


ROADBLOCK_CASES = {
    "ordering": (["stop thinking about him.", "you need to get out of that house.", "just let it go.",
                  "u need to leave him"],
                 ["don't worry, i'm here.", "you can't stop thinking about it."]),
    "warning": (["if you keep skipping meals you'll end up in hospital.", "be careful who you tell.",
                 "you'd better sort it out before it's too late.", "u'll regret it"],
                ["if you want to talk, i'm here."]),
    "moralizing": (["you should be grateful for your job.", "think about your kids for a second.",
                    "it's your duty to visit her.", "u should be thankful"],
                   ["you shouldn't have gone."]),
    "advising": (["you could try a support group.", "have you tried writing it down?",
                  "i'd recommend seeing your doctor.", "u could try journaling", "keep trying."],
                 ["you keep trying and trying."]),
    "lecturing": (["studies show most people relapse once.", "the fact is rent is going up everywhere.",
                   "let's be realistic about the money.", "statistically it's rare"],
                  ["the thing you said stayed with me."]),
    "judging": (["that was a bad idea.", "you shouldn't have said that to her.", "what were you thinking?",
                 "ur own fault tbh"],
                ["that was a hard day."]),
    "praising": (["you're so strong.", "you got this!", "you're absolutely right.", "ur so strong"],
                 ["you sound worn out."]),
    "name_calling": (["you're being dramatic.", "stop overreacting.", "don't be such a baby.",
                      "ur being paranoid"],
                     ["you're carrying a lot."]),
    "interpreting": (["deep down you miss him.", "you're probably just tired.",
                      "the real reason is your dad.", "ur probably just hungry"],
                     ["you're really hurting."]),
    "reassuring": (["don't worry about it.", "it'll all work out.", "at least you still have your flat.",
                    "dont worry bout it"],
                   ["it hurts to be left out."]),
    "distracting": (["anyway, how was the match?", "by the way i got a new phone.",
                     "lol same thing happened to me.", "btw did u see the game"],
                    ["that's been on your mind all week."]),
}
LISTENING_CASES = {
    "validation": (["that makes so much sense after what happened.", "anyone in your place would be rattled.",
                    "it's totally understandable to want a break.", "thats a lot to carry", "makes sence"],
                   ["that's a lot of fun.", "you went to the shop."]),
    "affirmation": (["it took courage to tell your sister.", "thanks for trusting me with this.",
                     "you've kept going through all of it.", "u deserve better"],
                    ["i'm not sure what happened next."]),
}


def cases(table: dict, positive: bool) -> list[tuple[str, str]]:
    return [(name, text) for name, (yes, no) in table.items() for text in (yes if positive else no)]


class TestRoadblockPatterns:
    def test_every_table_roadblock_has_examples_here(self):
        assert set(ROADBLOCK_CASES) == set(ROADBLOCKS)

    @pytest.mark.parametrize(("name", "reply"), cases(ROADBLOCK_CASES, True))
    def test_finds_the_roadblock(self, name, reply):
        assert hits(ROADBLOCKS[name][0], reply)

    @pytest.mark.parametrize(("name", "reply"), cases(ROADBLOCK_CASES, False))
    def test_leaves_a_near_miss_alone(self, name, reply):
        assert not hits(ROADBLOCKS[name][0], reply)

    @pytest.mark.parametrize("reply", LISTENING_ONLY)
    def test_a_reply_that_only_listens_hits_no_roadblock(self, reply):
        assert [name for name, (pattern, _) in ROADBLOCKS.items() if hits(pattern, reply)] == []

    def test_a_shouldnt_have_is_judging_not_moralizing(self):
        reply = "you shouldn't have gone."
        assert hits(ROADBLOCKS["judging"][0], reply) and not hits(ROADBLOCKS["moralizing"][0], reply)

    def test_ordering_is_found_only_at_the_start_of_a_sentence_or_clause(self):
        pattern = ROADBLOCKS["ordering"][0]
        assert hits(pattern, "i hear you. stop blaming yourself.")
        assert hits(pattern, "okay, calm down.")
        assert not hits(pattern, "you can't stop blaming yourself.")


class TestListeningPatterns:
    @pytest.mark.parametrize(("name", "reply"), cases(LISTENING_CASES, True))
    def test_finds_the_skill(self, name, reply):
        assert hits(LISTENING[name][0], reply)

    @pytest.mark.parametrize(("name", "reply"), cases(LISTENING_CASES, False))
    def test_leaves_a_near_miss_alone(self, name, reply):
        assert not hits(LISTENING[name][0], reply)


class TestFeelingRx:
    @pytest.mark.parametrize(("reply", "feeling"), [("you felt so alone", "alone"),
                                                    ("you must be exhausted", "exhausted"),
                                                    ("you seem worn out", "worn out"),
                                                    ("that left you on edge", "on edge")])
    def test_finds_the_feeling_word(self, reply, feeling):
        assert FEELING_RX.search(reply).group() == feeling

    @pytest.mark.parametrize("reply", ["you went to the shop", "that was madness", "the lostboys band"])
    def test_ignores_replies_without_a_feeling_word(self, reply):
        assert not hits(FEELING_RX, reply)


class TestReflectionStem:
    @pytest.mark.parametrize("reply", ["it sounds like you're exhausted", "you're feeling torn",
                                       "so you've been carrying this alone", "that must have hurt",
                                       "oh, it sonds like a long night", "what i'm hearing is fear"])
    def test_matches_reflection_openers_at_the_start(self, reply):
        assert REFLECTION_STEM.match(reply)

    @pytest.mark.parametrize("reply", ["did you call her?", "i went there too", "what happened?"])
    def test_questions_and_own_stories_do_not_open_a_reflection(self, reply):
        assert not REFLECTION_STEM.match(reply)


class TestComplexMarkers:
    @pytest.mark.parametrize("reply", ["part of you wants to stay", "even though you tried",
                                       "and yet you stayed", "like nobody noticed"])
    def test_finds_markers_of_added_meaning(self, reply):
        assert hits(COMPLEX_MARKERS, reply)

    @pytest.mark.parametrize("reply", ["you had a long day", "bothering", "stillness helps"])
    def test_plain_restatements_have_none(self, reply):
        assert not hits(COMPLEX_MARKERS, reply)


class TestQuestions:
    @pytest.mark.parametrize("reply", ["what was that like?", "how are you holding up",
                                       "tell me more", "can you say more about it?", "so, whats going on"])
    def test_open_questions_are_open(self, reply):
        assert OPEN_QUESTION.match(reply)

    @pytest.mark.parametrize("reply", ["did you go?", "are you ok?", "whatever", "i wonder what"])
    def test_yes_no_questions_and_statements_are_not_open(self, reply):
        assert not OPEN_QUESTION.match(reply)

    @pytest.mark.parametrize("reply", ["did you go", "are you ok", "u ok?", "ok, where was he"])
    def test_question_start_finds_question_words(self, reply):
        assert QUESTION_START.match(reply)

    @pytest.mark.parametrize("reply", ["i wonder", "that's rough", "sowhat"])
    def test_question_start_ignores_statements(self, reply):
        assert not QUESTION_START.match(reply)


class TestWhyProbe:
    @pytest.mark.parametrize("reply", ["why did you leave?", "why didn't she call?", "why on earth"])
    def test_finds_why_questions_about_what_someone_did(self, reply):
        assert hits(WHY_PROBE, reply)

    @pytest.mark.parametrize("reply", ["i wonder why that stung.", "why now, do you think?"])
    def test_ignores_other_whys(self, reply):
        assert not hits(WHY_PROBE, reply)


class TestSuicideQuestion:
    @pytest.mark.parametrize("reply", ["are you thinking about suicide?", "are you having suicidal thoughts?",
                                       "are you thinking of killing yourself?",
                                       "have you had thoughts of ending your life?",
                                       "are u thinking of taking ur own life?"])
    def test_finds_suicide_named_in_plain_words(self, reply):
        assert hits(SUICIDE_QUESTION, reply)

    @pytest.mark.parametrize("reply", ["that meeting killed me", "take your time", "what a life"])
    def test_ignores_everyday_phrases(self, reply):
        assert not hits(SUICIDE_QUESTION, reply)


class TestNotReflectionStart:
    @pytest.mark.parametrize("reply", ["no wonder you're tired", "of course you're angry",
                                       "i think you should", "but that makes sense",
                                       "thank you for saying"])
    def test_validation_and_own_views_are_not_reflections(self, reply):
        assert NOT_REFLECTION_START.match(reply)

    @pytest.mark.parametrize("reply", ["it sounds like a long week", "you're exhausted"])
    def test_reflections_pass(self, reply):
        assert not NOT_REFLECTION_START.match(reply)


class TestPeerReference:
    @pytest.mark.parametrize("reply", ["ur so tired", "you've had enough", "that was yours", "it's on u"])
    def test_finds_the_word_for_the_peer(self, reply):
        assert hits(PEER_REFERENCE, reply)

    @pytest.mark.parametrize("reply", ["they left without a word", "the youth club closed"])
    def test_ignores_replies_about_others(self, reply):
        assert not hits(PEER_REFERENCE, reply)


class TestIntensity:
    @pytest.mark.parametrize("reply", ["that is so much", "it hurts", "a long road", "that's brutal"])
    def test_finds_words_of_weight(self, reply):
        assert hits(INTENSITY, reply)

    @pytest.mark.parametrize("reply", ["it was fine", "the hardware shop"])
    def test_ignores_light_words(self, reply):
        assert not hits(INTENSITY, reply)


class TestImperative:
    @pytest.mark.parametrize(("reply", "opening"), [("call your sister tonight", "call"),
                                                    ("just try to sleep", "just try"),
                                                    ("ok so go for a walk", "ok so go"),
                                                    ("first, block his number", "first, block")])
    def test_a_sentence_opening_with_a_bare_verb_is_an_instruction(self, reply, opening):
        assert IMPERATIVE.match(reply).group() == opening

    @pytest.mark.parametrize("reply", ["take care", "tell me more", "hang in there", "have a good night",
                                       "you could call", "callous people"])
    def test_leave_takings_invitations_and_statements_are_not(self, reply):
        assert not IMPERATIVE.match(reply)
