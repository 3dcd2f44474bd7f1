"""Whether a sentence reflects: gives back what the peer said or felt, in words or as a check-in.

A reflection is found three ways: a reflective opener ("It sounds like", "So you", "You must be
feeling"), a feeling named as the peer's ("That sounds exhausting"), or a restatement: a sentence
about "you" that takes up the peer's own words (their "I" becomes "you"). A check-in question
("So you feel alone?", "... is that right?") is a reflection too, not a question that asks for
more. Sentences are the normalised text of reply_analysis (lowercase, straight quotes).
"""

from __future__ import annotations

import re

from course_utils.analysis.reply_patterns import FEELING_RX

LEAD = (r"^(?:(?:and|but|oh|oh no|ah|aw+|wow|whoa|omg|hmm+|mm+|yeah|yes|ok(?:ay)?|well|right|"
        r"i see|gosh|man|ugh|honestly|sorry|dang|damn|geez|dear|oh dear|alright|hm+|ahh+)[,.!]*\s+)*")
HARD = (r"(?:a lot|so much|hard|difficult|tough|rough|painful|frustrating|stressful|scary|heavy|"
        r"upsetting|awful|terrible|horrible|sad|overwhelming|challenging|exhausting|lonely|"
        r"isolating|draining|confusing|unfair|hurtful|heartbreaking|devastating|brutal|"
        r"disappointing|discouraging|worrying|nerve[- ]?wracking|a heavy \w+|a hard \w+|"
        r"a tough \w+|a rough \w+|a lot to \w+)")
VERY = r"(?:so |really |realy |rly |very |such |pretty |quite |incredibly |extremely |super |truly )?"
YOU = r"(?:you|u)"
YOURE = r"(?:you'?re|you are|ur|u r|youre)"
OPENER = re.compile(LEAD + r"(?:"
    r"(?:it\s+|that\s+|this\s+)?(?:sounds?|seems?|looks?)\s+(?:to me\s+)?(?:like|as if|as though|"
    r"that)\b|"
    r"(?:it|that|this)\s+(?:sounds?|seems?)\s+" + VERY + HARD + r"|"
    + YOU + r"\s+(?:seem|sound)\b|"
    r"so[,]?\s+(?:" + YOU + r"|your|ur|what i'?m hearing|basically|it sounds|it seems)\b|"
    r"i\s+(?:can\s+|could\s+)?(?:hear|sense|see|tell|imagine|understand|gather|get)\s+"
    r"(?:that\s+|how\s+|why\s+|what\s+)?(?:" + YOU + r"|your|" + YOURE + r"|it'?s|this|that "
    r"(?:must|is|was|would|has|can))\b|"
    r"i\s+get\s+the\s+(?:sense|feeling|impression)|what\s+i'?m\s+hearing|i'?m\s+hearing|"
    r"i\s+am\s+hearing|from\s+what\s+(?:i|you)|it\s+appears|i\s+(?:feel|can feel)\s+your|"
    r"if\s+i\s+(?:understand|hear|get)\s+(?:you|this|that|it)|let\s+me\s+see\s+if|"
    r"in\s+other\s+words|correct\s+me\s+if|"
    + YOURE + r"\s+(?:feeling|saying|not sure|unsure|worried|afraid|scared|torn|stuck|caught|"
    r"carrying|wondering|missing|dealing|going through|struggling|having a|left|on edge|hurting|"
    r"exhausted|tired|frustrated|angry|upset|sad|lonely|anxious|stressed|overwhelmed|hurt)\b|"
    + YOU + r"\s+(?:really\s+|still\s+|just\s+)?(?:feel|felt|want|wanted|wish|miss|hoped|needed|"
    r"care|love|mean|think|thought|worry|fear|don'?t feel|don'?t want|don'?t know)\b|"
    + YOU + r"(?:'ve|\s+have|ve)\s+been\s+(?:feeling|going through|dealing|struggling|carrying|"
    r"trying|through|holding|fighting|on your own|alone|left)\b|"
    + YOU + r"\s+must\s+(?:be|feel|have)\b|"
    r"(?:that|it|this)\s+must\s+(?:be|have been|feel|have felt|hurt|sting|make)\b|"
    r"(?:that|it|this)\s+(?:left|leaves|made|makes|has made|has left|keeps)\s+" + YOU + r"\b|"
    r"(?:that|this)(?:'s|s| is| was| has been| must be| would be|'d be)\s+" + VERY + HARD + r"|"
    r"it(?: must be| must have been| sounds| has been)\s+" + VERY + HARD + r"|"
    r"(?:that|this|it)\s+(?:really\s+|totally\s+|must\s+|just\s+)?sucks?\b|"
    r"(?:that|this)(?:'s|s| is)\s+(?:even\s+)?(?:worse|the worst)\b|"
    r"what\s+a\s+" + VERY + r"(?:lot|week|day|year|mess|blow|shock)|"
    r"it'?s\s+like\s+(?:" + YOU + r"|nobody|no one|everything|the)\b"
    r")")
# Sentences about "you" that are not reflections: thanks, wishes, promises, instructions.
NOT_REFLECTION = re.compile(
    r"\b(?:" + YOURE + r" welcome|your welcome|you too|thank(?:s| you)|i hope|good luck|nice to|"
    r"glad|if " + YOU + r"\b|when " + YOU + r" (?:feel|are|get)\b|shouldn'?t|should|sorry|not alone|"
    r"understandable|valid|okay to|ok to|normal to|don'?t have to|do not have to|does not mean|"
    r"doesn'?t mean|(?:sounds|seems|looks) like (?:a |an )?(?:good|great|fun|nice|plan|idea|"
    r"wonderful|lovely|fantastic)|^i hear you\s*(?:[.!,]|on|too|$)|perhaps|maybe|best advice)|"
    + LEAD + r"(?:(?:i'?m sure|i know|i think|i believe|and|but|so)\s+)?" + YOU
    + r"(?:'ll| will|ll|'d| would| can| could| should| might| may| need to| have to| got to| "
    r"gotta| ought| deserve| are not alone|'re not alone)\b")
SYMPATHY_LEAD = re.compile(LEAD + r"(?:(?:i'?m|i am|im)\s+)?(?:so\s+|very\s+|really\s+|truly\s+)?"
                           r"(?:sorry|i\s+(?:can\s+)?understand)\s+(?:to\s+hear\s+)?(?:that\s+|about\s+|"
                           r"how\s+)?(?=(?:you|your|u|ur|you'?re|it|this|the|all)\b)")
SOUNDS_HARD = re.compile(r"\b(?:sounds?|seems?|must (?:be|feel))\s+" + VERY + HARD + r"\b")
GENERAL = re.compile(r"\b(?:people|sometimes|many|most|always|usually|"
                     r"generally|often|really helps?|helps?|advice|important)\b")
FIRST_PERSON = re.compile(LEAD + r"(?:i|i'm|i've|i'd|im|my|me|we|we're|our|let'?s)\b")
CHECK_END = re.compile(r"(?:is that|was that|am i|did i get that|have i got that|does that sound|"
                       r"would that be|is this)\s+(?:\w+\s+)?(?:right|correct|so|true|accurate|"
                       r"fair|close|it)\s*\??$|,\s*right\s*\?$")
STATEMENT_QUESTION = re.compile(LEAD + r"(?:so[,]?\s+)?(?:you|your|u|ur|youre|you'?re|you'?ve)\b"
                                r"(?! know\b| ok\b| okay\b| there\b| still there\b)")
QUESTION_WORD = re.compile(r"\b(?:what|how|why|when|where|who|which|do|does|did|can|could|would|"
                           r"will|is|are|have|has)\b")
OWN = re.compile(r"\b(?:" + YOU + r"|your|ur|yours|yourself|" + YOURE + r"|you'?ve)\b")
_WORD = re.compile(r"[a-z']+")
_COMMON = frozenset("""
about after again also always because been being could didn does doing done down even ever
every from going gonna have having here just know like little much need never only other really
right said same some something still such sure than that thats their them then there these they
thing things think this those though time very want wanted well were what when where which while
with would your youre yours yourself feel feels feeling felt make made getting seem seems kind
maybe yeah okay today anything everything nothing someone people person good last next first
back over into more most away went
""".split())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            break
    return word[:5]


def content_stems(text: str) -> set[str]:
    """The content words of a text, crudely stemmed (common words left out)."""
    words = (w.replace("'", "") for w in _WORD.findall(text))
    return {_stem(w) for w in words if len(w) >= 4 and w not in _COMMON}


def shared_words(sentence: str, peer: str) -> int:
    """How many content words (crudely stemmed) a sentence shares with what the peer said."""
    return len(content_stems(sentence) & content_stems(peer)) if peer else 0


def is_check_in(sentence: str) -> bool:
    """Whether a question only checks that the listener heard right ("So you feel stuck?")."""
    if CHECK_END.search(sentence) or OPENER.match(sentence) and not sentence.startswith(
            ("do ", "does ", "did ", "are ", "have ", "is ")):
        return True
    head = sentence.split(",")[0]
    return bool(STATEMENT_QUESTION.match(sentence) and not QUESTION_WORD.match(
        re.sub(LEAD + r"(?:so[,]?\s+)?", "", head)))


def reflects(sentence: str, peer: str, question: bool) -> bool:
    """Whether a sentence gives back what the peer said or felt (check-ins included)."""
    if question:
        return is_check_in(sentence)
    rest = SYMPATHY_LEAD.sub("", sentence, count=1)
    if rest != sentence and len(rest.split()) >= 3:
        return reflects(rest, peer, question)  # "I'm sorry that your parents push you so hard"
    if NOT_REFLECTION.search(sentence):
        return False
    if OPENER.match(sentence):
        return True
    if SOUNDS_HARD.search(sentence):
        return True  # "Losing a second weekend with your kids sounds so painful."
    about_them = OWN.search(sentence)
    if about_them and FEELING_RX.search(sentence):
        return True  # "Tired, and tired of being told you're fine": a feeling named as theirs
    if FIRST_PERSON.match(sentence) or GENERAL.search(sentence):
        return False
    return shared_words(sentence, peer) >= (2 if about_them else 3)
