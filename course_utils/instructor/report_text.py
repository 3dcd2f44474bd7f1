"""The cohort report's words: item and competency names, what each flag and number means, captions.

Written for a peer-support trainer, not a statistician: each flag says what was seen and what to
do next; each figure says what it shows and how to read it. Text only: no HTML, no plotting.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from course_utils.core.vocab import COMPETENCY_SHORT
from course_utils.instructor.item_analysis import BOTTOM_MARGIN, EASY, HARD, Analysis, Flag
from course_utils.items.model import Item, Module

NAME_WORDS = 8
ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
# An alpha from fewer items or learners than these is expected to be low and to vary a lot.
FEW_ITEMS, FEW_LEARNERS = 10, 30

# Flag code -> (what it means, a suggested action).
FLAG_HELP: dict[str, tuple[str, str]] = {
    "too_easy": (
        f"Learners earned more than {EASY:.0%} of this item's points, so it says little about who "
        "has learned the skill and who has not.",
        "Keep it if every peer specialist must get this right; otherwise make the wrong options "
        "closer to what a well-meaning helper might really say."),
    "too_hard": (
        f"Learners earned less than {HARD:.0%} of this item's points.",
        "Check that the key is right and that the reading teaches this skill; if both hold, go "
        "over the situation together in the next session."),
    "negative_discrimination": (
        "Learners who did well on the rest of the assignment tended to score lower on this item "
        "than those who did less well: the key may be arguable, or the wording may mislead careful "
        "readers.",
        "Read the item again with a colleague, and look at which option the strongest learners "
        "chose (the distractor figure): could it also be a good reply here? In a small cohort this "
        "can happen by chance, so see whether it comes back with the next cohort."),
    "distractor_preferred": (
        "Among the third of learners with the highest scores, more chose one wrong option than "
        "chose the key.",
        "Read that option with a colleague: if it could be a supportive reply in this situation, "
        "rewrite it (or the scenario) so only the key fits; if it is clearly wrong, talk it "
        "through with the cohort."),
    "bottom_choose_key": (
        f"The share of the lowest-scoring third of learners who chose the key is at least "
        f"{100 * BOTTOM_MARGIN:.0f} percentage points higher than the share of the highest third: "
        "something other than the skill, such as wording or tone, may point to the key.",
        "Compare the key with the other options for a give-away (the only warm-sounding reply, a "
        "word repeated from the scenario) and rewrite so the options differ only in the skill."),
    "length_cue": (
        "The key is the longest option, and learners with low scores chose it as often as those "
        "with high scores: learners may be picking the longest reply rather than the best one.",
        "Shorten the key or lengthen a wrong option so that length no longer points to the answer "
        "(content/README.md), then run make check."),
    "question_cue": (
        "The key is the only option that asks a question, so a learner can find it by looking for "
        "the question mark.",
        "Make at least one wrong option a question too, e.g. a probing or a 'why' question."),
    "position_cue": (
        "Most learners saw the key at the same place in the list of options, more often than "
        "shuffling the options for each learner would make likely, so its position may have given "
        "it away.",
        "Options are shuffled by a display order saved in each learner's answers file; answers "
        "saved before display orders existed, or a damaged file, keep the content file's order. "
        "If many learners have none, move the key away from the first or last place in the "
        "content file."),
}

DIFFICULTY_HELP = (
    "Difficulty is the share of the item's points the cohort earned, from 0.00 (nobody earned any) "
    "to 1.00 (everyone earned them all): despite the name, a higher number means an easier item. "
    f"Items above {EASY:.2f} or below {HARD:.2f} are flagged.")
DISCRIMINATION_HELP = (
    "Discrimination is the correlation, from -1 to 1, between learners' scores on the item and "
    "their scores on the rest of the assignment. Above about 0.20: learners who did well overall "
    "also did well on this item, as intended. Near 0: the item does not tell stronger and weaker "
    "learners apart (0.00 also appears when everyone scored the same on it). Below 0: flagged. "
    "In a small cohort a few learners can move this number a lot: treat it as a hint, not proof.")

# Figure file -> (title, what it shows and how to read it).
CAPTIONS: dict[str, tuple[str, str]] = {
    "scores.png": (
        "Final scores",
        "How many learners reached each final score on the scored items, after any grader's "
        "change. A wide spread means the assignment tells learners apart; a pile-up on the right "
        "means most found it easy."),
    "difficulty.png": (
        "Difficulty of each item",
        "One bar per item, labelled by its id (the Items table gives its first words): the share "
        f"of the item's points the cohort earned. Bars above {EASY:.0%} or below {HARD:.0%} are "
        "flagged as too easy or too hard."),
    "discrimination.png": (
        "Discrimination of each item",
        "One bar per item: how closely doing well on it goes with doing well on the rest of the "
        "assignment (-1 to 1). Blue bars above the line: stronger learners did better on the item, "
        "as intended, and the taller the clearer. Orange-red bars with crossed hatching fall below "
        "it: stronger learners did worse on that item, so read it again. Bars near the line: the "
        "item does not tell learners apart."),
    "distractors.png": (
        "Which options strong and weak learners chose",
        "One small chart per item with a single right option (the first 16): the share of the top "
        "third of learners by final score (blue, striped) and of the bottom third (orange, dotted) "
        "who chose each option; the key is marked '(key)'. Expect the tallest blue bar on the key. "
        "A wrong option that draws many of the top third deserves a second look."),
    "competencies.png": (
        "Learners by competency category",
        "One row per learner, one column per SAMHSA competency category: the colour is the "
        "learner's share of the points on the items that practise that category, from dark blue "
        "(none) to yellow (all). Look down a column for a category the whole cohort found hard, "
        "along a row for a learner who may want support. A category with only one or two items "
        "gives a rough picture only."),
}


def item_name(item: Item, words: int = NAME_WORDS) -> str:
    """The first words of what the peer says (else of the situation), with an ellipsis if cut."""
    said = item.scenario.peer_says or (item.turns[0].peer_says if item.turns else "")
    text = said or item.scenario.situation
    cut = text.split()
    short = " ".join(cut[:words]) + (ELLIPSIS if len(cut) > words else "")
    return f"\N{LEFT DOUBLE QUOTATION MARK}{short}\N{RIGHT DOUBLE QUOTATION MARK}" if said else short


def competency_names(numbers: Iterable[int]) -> str:
    """The short names of SAMHSA competency categories, in the order given."""
    return ", ".join(COMPETENCY_SHORT.get(n, f"Category {n}") for n in numbers)


def flag_help(flag: Flag) -> tuple[str, str]:
    """What a flag means and a suggested action."""
    return FLAG_HELP[flag.code]


def alpha_text(alpha: float, items: int, learners: int) -> str:
    """Cronbach's alpha in plain words: what it measures, this value, and what to do."""
    what = ("Cronbach's alpha measures consistency: whether learners who do well on some items of "
            "this assignment also tend to do well on the others, as they would if the items draw "
            "on one shared skill. It is at most 1; 0 or less means no consistency at all.")
    if items < 2:
        return f"{what} It needs at least 2 scored items; this assignment has {items}."
    if alpha >= 0.8:
        level = "high: the items agree well with each other"
    elif alpha >= 0.7:
        level = "acceptable by a common rule of thumb (0.70 or more)"
    elif alpha >= 0.5:
        level = "moderate: the items agree only in part"
    elif alpha >= 0:
        level = "low: the items agree little with each other"
    else:
        level = ("below zero: the items pull in different directions, often because of an item "
                 "with an arguable or wrong key, or by chance in a small cohort")
    size = ""
    if items < FEW_ITEMS:
        size += (f" Alpha tends to be low for short assignments even when every item is sound: "
                 f"with {items} items a low value is expected and is not by itself a sign of bad "
                 "items.")
    if learners < FEW_LEARNERS:
        size += (f" With {learners} learners the value is uncertain and can change a lot from one "
                 "cohort to the next.")
    return (f"{what} Here it is {alpha:.2f}, which is {level}.{size} What to do: do not judge a "
            "learner on this assignment's total alone; read it together with the graders' view of "
            "the written work and the other modules. Look at the flagged items first, especially "
            "any with negative discrimination, which lowers alpha. A high value says only that the "
            "items agree with each other, not that they test the right skill.")


def small_cohort_note(learners: int) -> str:
    """A caution that flags from few learners are hints; empty for a cohort large enough."""
    if learners >= FEW_LEARNERS:
        return ""
    return (f"With {learners} learners, a flag can come from one or two learners' answers: treat "
            "each as a question to look into with a colleague, not a verdict on the item.")


def figure_text(name: str, analysis: Analysis, module: Module) -> tuple[str, str, str]:
    """A figure's title, caption and alt text (what its data show, for a screen reader)."""
    title, caption = CAPTIONS[name]
    return title, caption, ALT[name](analysis, module)


def _scores_alt(analysis: Analysis, _module: Module) -> str:
    t = analysis.totals
    return (f"Histogram of the final scores of {len(t)} learners on the scored items: lowest "
            f"{min(t):.0%}, median {statistics.median(t):.0%}, highest {max(t):.0%}.") if t \
        else "Histogram of final scores: no learners."


def _difficulty_alt(analysis: Analysis, _module: Module) -> str:
    values = ", ".join(f"{s.item_id} {s.difficulty:.0%}" for s in analysis.items)
    return f"Bar chart of the share of points earned per item: {values}."


def _discrimination_alt(analysis: Analysis, _module: Module) -> str:
    values = ", ".join(f"{s.item_id} {s.discrimination:.2f}" for s in analysis.items)
    below = [s.item_id for s in analysis.items if s.discrimination < 0]
    return (f"Bar chart of discrimination per item, from -1 to 1: {values}. Below zero: "
            f"{', '.join(below) or 'none'}.")


def _distractors_alt(analysis: Analysis, module: Module) -> str:
    shown = [s for s in analysis.items if s.choices_top][:16]
    parts = [f"{s.item_id}: key ({module.item(s.item_id).key}) chosen by "
             f"{s.choices_top.get(module.item(s.item_id).key, 0):.0%} of the top third and "
             f"{s.choices_bottom.get(module.item(s.item_id).key, 0):.0%} of the bottom third"
             for s in shown]
    return f"Bar charts of option choices for {len(shown)} items. " + "; ".join(parts) + "."


def _competencies_alt(analysis: Analysis, _module: Module) -> str:
    comps = sorted({c for row in analysis.by_competency.values() for c in row})
    means = ", ".join(
        f"{competency_names([c])} "
        f"{statistics.fmean([row[c] for row in analysis.by_competency.values() if c in row]):.0%}"
        for c in comps)
    categories = "category" if len(comps) == 1 else "categories"
    return (f"Heat map of {len(analysis.learners)} learners by {len(comps)} competency {categories}. "
            f"Cohort mean share of points: {means}.")


ALT = {"scores.png": _scores_alt, "difficulty.png": _difficulty_alt,
       "discrimination.png": _discrimination_alt, "distractors.png": _distractors_alt,
       "competencies.png": _competencies_alt}
