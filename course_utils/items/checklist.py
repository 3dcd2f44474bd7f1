"""The observer's checklist of a triad practice: tallies, roadblocks heard and notes, as saved."""

from __future__ import annotations

from typing import Any

from course_utils.core.vocab import LABEL_TITLES, ROADBLOCKS

# What the observer counts, in the saved answer's keys and the words the learner sees.
TALLIES: dict[str, str] = {
    "simple_reflections": "Simple reflections",
    "complex_reflections": "Complex reflections",
    "open_questions": "Open questions",
    "closed_questions": "Closed questions",
}
NOTES: dict[str, str] = {"observer": "As observer", "listener": "As listener"}
MAX_TALLY = 99
# MITI 4.2.1's reflection-to-question levels: fair at one, good at two.
FAIR, GOOD = 1.0, 2.0


def empty_checklist() -> dict[str, Any]:
    """A checklist nothing has been filled in on."""
    return {"tallies": dict.fromkeys(TALLIES, 0), "roadblocks": [], **dict.fromkeys(NOTES, "")}


def is_checklist(answer: Any) -> bool:
    """Whether an answer has the shape the checklist widget saves."""
    if not isinstance(answer, dict) or set(answer) != {"tallies", "roadblocks", *NOTES}:
        return False
    tallies, roadblocks = answer["tallies"], answer["roadblocks"]
    return (isinstance(tallies, dict) and set(tallies) == set(TALLIES)
            and all(type(n) is int and 0 <= n <= MAX_TALLY for n in tallies.values())
            and isinstance(roadblocks, list) and all(r in ROADBLOCKS for r in roadblocks)
            and all(isinstance(answer[k], str) for k in NOTES))


def is_blank(answer: dict[str, Any]) -> bool:
    """Whether nothing at all was filled in."""
    return answer == empty_checklist() or (not any(answer["tallies"].values()) and not answer["roadblocks"]
                                           and not any(answer[k].strip() for k in NOTES))


def ratio_text(tallies: dict[str, int]) -> str:
    """Reflections per question, against MITI's fair and good levels, in one sentence."""
    reflections = tallies["simple_reflections"] + tallies["complex_reflections"]
    questions = tallies["open_questions"] + tallies["closed_questions"]
    if not questions:
        if not reflections:
            return "Reflections per question: nothing counted yet."
        return f"{reflections} reflections and no questions (MITI: one per question is fair, two is good)."
    ratio = reflections / questions
    level = "good" if ratio >= GOOD else "fair" if ratio >= FAIR else "below fair"
    return (f"Reflections per question: {ratio:.1f} ({reflections} to {questions}), {level} by "
            "MITI's levels (one per question is fair, two is good).")


def checklist_text(answer: dict[str, Any]) -> str:
    """A filled-in checklist in plain words, for formgrader, feedback and exports."""
    tallies = answer["tallies"]
    counts = "; ".join(f"{TALLIES[k]}: {tallies[k]}" for k in TALLIES)
    heard = ", ".join(LABEL_TITLES[r] for r in ROADBLOCKS if r in answer["roadblocks"]) or "none ticked"
    lines = [f"Tallies: {counts}.", ratio_text(tallies), f"Roadblocks heard: {heard}."]
    lines += [f"{title}: {answer[k].strip() or '(left blank)'}" for k, title in NOTES.items()]
    return "\n".join(lines)
