"""What a question in a reply does: asks to learn more, suggests, checks in, or is a pleasantry.

"Have you tried talking to her?" and "Is there someone you could call?" are advice in question
form; "How are you today?" at the start of a chat and "Are you still there?" are pleasantries;
"How does that sound?" after a suggestion asks about the suggestion, not about the person.
Sentences are the normalised text of reply_analysis (lowercase, straight quotes).
"""

from __future__ import annotations

import re

from course_utils.analysis.reply_reflection import is_check_in

LEAD = r"^(?:(?:so|and|but|oh|ok(?:ay)?|well|also|or|then|hey|hmm+|yeah|yes|great|i see)[,.!]*\s+)*"
YOU = r"(?:you|u|ya)"
ADVICE_QUESTION = re.compile(LEAD + r"(?:"
    r"(?:have|do)\s+" + YOU + r"\s+(?:ever\s+|already\s+|maybe\s+|possibly\s+)?(?:tried|try|"
    r"thought|think about|considered|consider|looked|look into|talked|talk to|spoken|speak|"
    r"reached|reach out|asked|ask|started|start|gone|checked|check|called|call|contacted|"
    r"applied|joined|signed|seen a|visited|explored|attempted|had a chance to|discussed|discuss|"
    r"read|researched|done any|found|written|shared|told (?:him|her|them|your)|let (?:him|her|them)|"
    r"mentioned|brought|taken|gotten|made|set|planned|looked)\b|"
    r"would\s+" + YOU + r"\s+be\s+able\s+to\b|is\s+there\s+an?\s+(?:easy|good|better|other)\b|"
    r"(?:do|does)\s+" + YOU + r"\s+have\s+(?:any(?:one|body)?|some(?:one|body)?|a (?:friend|"
    r"family|therapist|counsel\w*|doctor|support|trusted|close|partner|mentor|hobby|way|plan)|"
    r"friends|family|people|access)\b.*\b(?:(?:you\s+)?(?:can|could)\s+(?:talk|call|turn|lean|reach|go|"
    r"ask|trust|count|confide|vent|stay)|to\s+(?:talk|call|turn|lean|help|support|confide|vent)|who\s+"
    r"(?:can|could|might|would)\s+(?:help|support|listen))\b|"
    r"(?:is|are)\s+there\s+(?!(?:any|some)thing\s+(?:else\s+)?(?:that\s+)?(?:you'?d|you would|"
    r"you want|on your mind|i can|bothering|that'?s bothering|you'?re|going on)\b)"
    r"(?:any(?:one|body|thing)?|some(?:one|body|thing)?|a way|any way|"
    r"a chance|any chance|friends|people|family|groups|resources|ways|options|places|things)\b|"
    r"(?:can|could|would|will)\s+" + YOU + r"\s+(?:maybe\s+|possibly\s+|perhaps\s+|not\s+|just\s+)?"
    r"(?:try|ask|talk|reach|look|get|go|find|take|make|set|join|sign|call|contact|speak|apply|"
    r"consider|see|start|plan|schedule|focus|use|put|write|do something|spend|visit|explain|let|"
    r"be open|be willing|tell (?:him|her|them|your))\b|"
    r"would\s+" + YOU + r"\s+(?:be\s+(?:willing|open|interested)|like\s+to\s+try|want\s+to\s+try|"
    r"think about|consider)\b|"
    r"(?:what|how)\s+about\b|what\s+if\s+" + YOU + r"\b|why\s+(?:not\s+\w|don'?t\s+" + YOU + r")|"
    r"is\s+it\s+possible\s+(?:to|for|that\s+" + YOU + r")\b|any\s+chance\b|"
    r"(?:maybe|perhaps)\s+(?:you|try|trying|it would|it might|talking|getting|going|finding|"
    r"looking|reaching|taking|asking)\b|" + YOU + r"\s+(?:could|can|might|should)\b|"
    r"(?:do|does|would|could)\s+(?:it|that|this)\s+help\b|"
    r"(?:have|do)\s+" + YOU + r"\s+(?:ever\s+)?(?:thought|considered)\b"
    r")")
FOLLOW_UP = re.compile(LEAD + r"(?:(?:does|would|do|could|will)\s+(?:that|this|it|these|those)\s+"
                       r"(?:sound|seem|help|work)|how\s+(?:does|would|do)\s+(?:that|this|those|"
                       r"these)\s+sound|what\s+do\s+" + YOU + r"\s+think\s+(?:of|about)\s+(?:that|"
                       r"this|these|doing|trying|it)|(?:would|could|will)\s+" + YOU + r"\s+"
                       r"(?:try|give|do)\s+(?:that|this|it)|is\s+(?:that|this)\s+something)\b")
PLEASANTRY = re.compile(LEAD + r"(?:(?:are\s+)?" + YOU + r"\s+(?:still\s+)?there\b.*|hello\s*\??$|"
                        r"(?:hi|hello|hey)\s*\??$)")


def question_role(sentence: str, turn_advises: bool) -> str:
    """One of "asks", "advice", "check_in", "pleasantry" for a question sentence."""
    if PLEASANTRY.match(sentence):
        return "pleasantry"
    if is_check_in(sentence):
        return "check_in"
    if ADVICE_QUESTION.match(sentence) or turn_advises and FOLLOW_UP.match(sentence):
        return "advice"
    return "asks"
