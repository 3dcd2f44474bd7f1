"""Plain renderings of a role-play: the transcript, the findings of a turn, and the debrief."""

from __future__ import annotations

from html import escape

from course_utils.items.roleplay_play import Step, Talk, counts, next_time, outcome_words, ratio_words

MOVE_WORDS = {"connecting": "connected", "neutral": "kept things going, no closer",
              "misstep": "a misstep"}


def cue_text(step: Step) -> str:
    """The cue that came with the peer's answer, in brackets ('' when none)."""
    return f"[{step.cue}] " if step.cue else ""


def transcript_lines(talk: Talk, moves: bool = False) -> list[str]:
    """The talk as lines of text; moves=True adds how each reply was read (graders, trainers)."""
    name = talk.play.name
    lines = [f"{name}: {talk.opening}"]
    for step in talk.steps:
        lines.append(f"You: {step.reply}")
        if moves:
            lines.append(f"   ({MOVE_WORDS[step.move.kind]}: {step.move.title})")
        lines.append(f"{name}: {cue_text(step)}{step.peer}")
    if talk.closing:
        lines.append(f"{name}: {talk.closing}")
    lines.append(f"outcome: {outcome_words(talk)}")
    return lines


def transcript_html(talk: Talk, moves: bool = False) -> str:
    """The talk as HTML paragraphs, the learner's replies indented."""
    name = escape(talk.play.name)
    parts = [f"<p><strong>{name}:</strong> &ldquo;{escape(talk.opening)}&rdquo;</p>"]
    for step in talk.steps:
        read = (f' <span class="cps-move">({escape(MOVE_WORDS[step.move.kind])}: '
                f"{escape(step.move.title)})</span>" if moves else "")
        parts.append(f"<p style='margin-left:2em'><strong>You:</strong> {escape(step.reply)}{read}</p>")
        cue = f"<em>{escape(step.cue)}</em> " if step.cue else ""
        parts.append(f"<p><strong>{name}:</strong> {cue}&ldquo;{escape(step.peer)}&rdquo;</p>")
    if talk.closing:
        parts.append(f"<p><strong>{name}:</strong> &ldquo;{escape(talk.closing)}&rdquo;</p>")
    return "".join(parts)


def turn_html(step: Step) -> str:
    """Practice: what the analyser found in the reply (words marked) and how the peer took it."""
    from course_utils.analysis.reply_rubric import analysis_html

    why = "" if step.move.kind == "misstep" else f" {escape(step.move.reason)}"  # the findings say it
    return (f"<p><strong>{escape(step.move.title)}: {escape(MOVE_WORDS[step.move.kind])}.</strong>"
            f"{why}</p>" + analysis_html(step.move.analysis))


def debrief_lines(talk: Talk) -> list[str]:
    """The debrief: the path, the counts trainers use, roadblocks by name, one thing to try."""
    c = counts(talk)
    moves = dict(c.moves)
    lines = [f"Path: {' > '.join(talk.path)} (outcome: {outcome_words(talk)}).",
             f"Replies: {len(talk.steps)}; connected {moves['connecting']}, neutral "
             f"{moves['neutral']}, missteps {moves['misstep']}.",
             f"Reflections to questions: {ratio_words(c)}."]
    if c.complex_share is not None:
        lines.append(f"Complex reflections: {c.complex_reflections} of {c.reflections} "
                     f"({c.complex_share:.0%}).")
    if c.roadblocks:
        from course_utils.core.vocab import LABEL_TITLES

        lines.append("Roadblocks: " + ", ".join(f"{LABEL_TITLES.get(n, n)} x{k}"
                                                for n, k in c.roadblocks) + ".")
    else:
        lines.append("Roadblocks: none.")
    lines.append(f"Next time, try: {next_time(talk)}")
    return lines


def debrief_html(talk: Talk) -> str:
    """The debrief as an HTML list."""
    rows = "".join(f"<li>{escape(line)}</li>" for line in debrief_lines(talk))
    return f'<div class="cps-debrief"><p><strong>Debrief</strong></p><ul>{rows}</ul></div>'
