"""The automatic rubric for written replies, and how its findings are shown."""

from __future__ import annotations

from html import escape

from course_utils.reply_analysis import ReplyAnalysis, analyze_reply

# (criterion, share of the points) - stated to learners and graders with every score.
CRITERIA: tuple[tuple[str, float], ...] = (
    ("Reflects or validates what the peer feels", 0.4),
    ("Invites more: an open question, or a complex reflection", 0.3),
    ("No roadblock (advice, judging, changing the topic, ...)", 0.3),
)


def rubric_fraction(analysis: ReplyAnalysis) -> tuple[float, list[tuple[str, bool]]]:
    """The share of points a reply earns, and which criteria it met."""
    if analysis.message:  # empty reply
        return 0.0, [(name, False) for name, _ in CRITERIA]
    met = [
        analysis.reflection != "none" or analysis.has("validation"),
        analysis.has("open_question") or analysis.reflection == "complex",
        not analysis.roadblocks,
    ]
    fraction = sum(share for (_, share), ok in zip(CRITERIA, met, strict=True) if ok)
    return float(round(fraction, 2)), [(name, ok) for (name, _), ok in zip(CRITERIA, met, strict=True)]


def score_reply(reply: str | None, peer_said: str | None) -> tuple[float, str]:
    """The rubric fraction of a reply and a one-line note listing the criteria met."""
    fraction, met = rubric_fraction(analyze_reply(reply, peer_said))
    note = "; ".join(f"{'met' if ok else 'not yet'}: {name}" for name, ok in met)
    return fraction, f"Automatic rubric (a grader may change it): {note}."


def analysis_html(analysis: ReplyAnalysis) -> str:
    """The reply with the triggering words marked, each finding explained, and a suggestion."""
    if analysis.message:
        return f'<p class="cps-analysis">{escape(analysis.message)}</p>'
    marks = sorted(analysis.findings, key=lambda f: (f.start, -(f.end - f.start)))
    pieces, cursor = [], 0
    for f in marks:
        if f.start < cursor:
            continue  # nested or overlapping spans: the outer one is already marked
        pieces.append(escape(analysis.reply[cursor:f.start]))
        tag = "roadblock" if f.is_roadblock else "skill"
        pieces.append(f'<mark class="cps-{tag}" title="{escape(_title(f.label))}">'
                      f"{escape(analysis.reply[f.start:f.end])}</mark>"
                      f"<sup>[{escape(_title(f.label))}]</sup>")
        cursor = f.end
    pieces.append(escape(analysis.reply[cursor:]))
    rows = "".join(f"<li><strong>{escape(_title(f.label))}</strong> "
                   f"(&ldquo;{escape(f.text)}&rdquo;): {escape(f.message)}</li>" for f in marks)
    verdict = {"supportive": "Supportive", "mixed": "Mixed: supportive parts and a roadblock",
               "roadblock": "A roadblock"}[analysis.verdict]
    reflection = {"none": "no reflection", "simple": "a simple reflection",
                  "complex": "a complex reflection"}[analysis.reflection]
    return (f'<div class="cps-analysis"><p><strong>What we noticed:</strong> {verdict}; '
            f"{reflection}.</p><p>{''.join(pieces)}</p><ul>{rows}</ul>"
            f"<p><strong>Try:</strong> {escape(analysis.suggestion)}</p></div>")


def _title(label: str) -> str:
    return label.replace("_", " ").capitalize()
