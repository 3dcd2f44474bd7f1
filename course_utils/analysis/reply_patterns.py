"""The word patterns behind reply analysis: one compiled regex per behaviour, with its message.

Patterns match a lowercased copy of the reply with straight apostrophes, so offsets are the
same as in the original. They allow for texting style ("u", "ur", "youre", "dont") and a few
common typos ("realy", "sounds" -> "sonds").
"""

from __future__ import annotations

import re

# Building blocks that tolerate texting style and missing apostrophes.
YOU = r"(?:you|u|ya)"
YOURE = r"(?:you'?re|you are|ur|u r|youre)"
DONT = r"(?:don'?t|do not|dont)"
ITS = r"(?:it'?s|it is|its)"
THATS = r"(?:that'?s|that is|thats)"
REALLY = r"(?:really|realy|rly|so|very|super|pretty)"
SOUNDS = r"(?:sounds?|sonds?|sound)"


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


FEELINGS = (
    "afraid|alone|angry|anxious|ashamed|betrayed|broken|confused|crushed|defeated|disappointed|"
    "discouraged|embarrassed|exhausted|frightened|frustrated|furious|guilty|heartbroken|helpless|"
    "hopeless|hurt|humiliated|invisible|isolated|jealous|let down|lonely|lost|mad|nervous|"
    "overwhelmed|panicked|powerless|rejected|relieved|resentful|sad|scared|shaken|stressed|stuck|"
    "terrified|tired|torn|trapped|unheard|unsafe|upset|worn out|worried|drained|grief|grieving|"
    "devastated|pressure|burned out|burnt out|on edge|numb|empty|dismissed|ignored|unsure|"
    "uneasy|hopeful|proud|excited|conflicted|blindsided|unwanted|judged|abandoned"
)
FEELING_RX = re.compile(r"\b(?:" + FEELINGS + r")\b")

# Openers of a reflection: a statement that gives back what the peer said or felt.
REFLECTION_STEM = re.compile(
    r"^(?:(?:so|and|but|oh|oh no|ah|aw+|wow|whoa|omg|dang|damn|geez|hmm+|mm+|yeah|ok(?:ay)?|gosh|"
    r"man|ugh|hey|honestly)[,.!]?\s+)*"
    r"(?:(?:it\s+|that\s+|this\s+)?" + SOUNDS + r"\s+(?:like|as if|as though)|"
    r"(?:it\s+|that\s+)?seems?\s+(?:like|as if)?|"
    r"(?:it\s+|that\s+|this\s+|which\s+)?" + SOUNDS + r"\s+" + REALLY + r"?\s*\w+|"
    + YOURE + r"\s+(?:feeling|really|still|"
    r"not|worried|scared|afraid|tired|exhausted|angry|hurt|sad|frustrated|torn|stuck|carrying|"
    r"saying|wondering|missing|trying|dealing|having|going through|in|left|caught|on)|"
    + YOU + r"\s+(?:feel|felt|want|wanted|wish|miss|need(?!\s+to)|hoped|don'?t\s+know|"
    r"can'?t|didn'?t|never|weren'?t|wasn'?t|aren'?t|care|love|really)|" + YOU + r"(?:'ve|\s+have|ve)\s+"
    r"(?:been|had|got|lost|carried|done|spent|tried)|" + YOU + r"\s+(?:must|seem|sound)|"
    r"(?:that|this|it)\s+must\s+(?:have\s+)?(?:be|been|feel|felt|hurt|sting|make)|"
    r"i\s+(?:hear|can\s+hear|'m\s+hearing|am\s+hearing|get\s+(?:that|the sense)|sense)|"
    r"part\s+of\s+" + YOU + r"|on\s+one\s+hand|what\s+i'?m\s+hearing|"
    r"(?:that|this|it)\s+(?:left|leaves|made|makes|kept|keeps)\s+" + YOU + r"|"
    + THATS + r"\s+(?:a\s+lot|so\s+much|" + REALLY + r"\s+(?:a\s+lot|hard|heavy|rough|painful|"
    r"scary|tough|hurtful|lonely|exhausting|frustrating))|" + THATS + r"\s+(?:hard|heavy|rough|"
    r"painful|scary|tough|hurtful|lonely|exhausting|frustrating|awful|a heavy)|"
    r"(?:what\s+a\s+(?:lot|week|day))|(?:no\s+wonder)|(?:losing|being|feeling|having)\s+\w+|"
    r"(?:your|ur)\s+\w+|(?:you|u)\s+(?!know\b|can\b|could\b|should\b|might\b|may\b|will\b|"
    r"won'?t\b|got\b|gotta\b|guys\b)\w+)"
)
COMPLEX_MARKERS = _rx(
    r"part of " + YOU, r"on (?:the )?one hand", r"at the same time", r"and yet", r"but also",
    r"both", r"as if", r"as though", r"like (?:nobody|no one|you'?re|u r|ur|youre|you have|"
    r"you can'?t|it'?s|everything|the)", r"starting to", r"wonder(?:ing)? (?:if|whether)",
    r"must (?:have )?(?:be|been|feel|felt)", r"underneath", r"even though", r"more than",
    r"still", r"even after", r"on top of", r"what hurts", r"the hardest part", r"i wonder",
    r"not just", r"all on your own", r"by yourself", r"on your own", r"no one", r"nobody",
)
OPEN_QUESTION = re.compile(
    r"^(?:(?:so|and|but|oh|ok(?:ay)?|hey|hmm+|mm+|yeah|wow|omg)[,.!]?\s+)*"
    r"(?:what|how|why|tell me|say more|talk (?:to me|more)|walk me|help me understand|"
    r"(?:can|could|would|will)\s+" + YOU + r"\s+(?:tell|say|share|talk|describe|walk|help me)|"
    r"(?:i'?m|i am|i'?d be)\s+(?:curious|wondering|interested)|where\s+(?:do|does|would)\s+" + YOU
    + r"\s+(?:want|like|think|start)|what'?s|hows|whats|wat|wut)\b"
)
QUESTION_START = re.compile(
    r"^(?:(?:so|and|but|oh|ok(?:ay)?|hey|hmm+|mm+|yeah|wow|omg)[,.!]?\s+)*"
    r"(?:do|does|did|are|is|was|were|have|has|had|can|could|would|will|should|shall|may|"
    r"what|how|why|who|when|where|which|whats|hows|wat|u|r u|you)\b"
)
WHY_PROBE = _rx(r"why (?:did|didn'?t|would|wouldn'?t|do|don'?t|are|aren'?t|were|weren'?t|"
                r"haven'?t|can'?t|not) (?:you|u|ya|he|she|they)", r"why on earth")

LISTENING: dict[str, tuple[re.Pattern[str], str]] = {
    "validation": (_rx(
        r"sorry (?:to hear|that|you|about|for)", r"(?:i'?m|i am|im) (?:so |very |really |truly )?sorry",
        r"(?:that'?s|that is|thats) (?:a lot|so much)(?! of (?:fun|work))", r"a lot to (?:carry|deal|handle|take)",
        r"i (?:can |totally |completely |definitely )?(?:understand|get it|get that)(?= that| how| why|[.!,]|$)",
        r"(?:you'?re|you are|ur|youre) not alone", r"not the only one",
        r"(?:perfectly |totally |completely )?(?:normal|natural|okay|ok) to (?:feel|be|want|have)",
        r"makes? (?:total |complete |so much |a lot of |perfect )?sense", r"no wonder",
        r"of course (?:you|u|that|it|this|ur|youre|you'?re)", r"any(?:one|body) (?:\w+ ){0,3}would",
        r"would (?:\w+ )?(?:\w+ )?(?:anyone|anybody) (?:down|up|out)",
        r"who wouldn'?t", r"(?:" + ITS + r"|" + THATS + r")\s+(?:totally |completely |so |very )?"
        r"(?:okay|ok|normal|understandable|natural|fair|valid|human|reasonable|allowed)",
        r"understandable", r"(?:your|those|these|the) feelings? (?:are|is|make) ",
        r"(?:you|u) (?:have|had) every right", r"(?:you'?re|you are|ur|youre) not (?:crazy|alone in)",
        r"makes? sense (?:that|you|u)", r"makes? sen[cs]e", r"(?:i|i'?d|i would|i'?d probably) (?:feel|be) (?:the same|"
        r"that way|upset|angry|hurt|scared) too", r"in your (?:shoes|place)",
        r"(?:that|it) (?:would|could) (?:hurt|shake|scare|upset|rattle|throw) (?:anyone|anybody)",
        r"(?:it|that) (?:makes|made) sense",
        r"(?:" + ITS + r"|" + THATS + r"|it can be|can be|is|are) (?:a |an )?(?:very |really |so |such a |"
        r"pretty |quite )?(?:challenging|tough|hard|difficult|stressful|painful|scary|frustrating|"
        r"heartbreaking|confusing|overwhelming|lonely|isolating|upsetting|rough|heavy|"
        r"draining) (?:situation|thing|time|feeling|experience|position|spot|road|"
        r"period|decision|loss|step|one)",
        r"(?:many|lots of|a lot of|so many|plenty of) (?:other )?(?:people|others|folks) (?:are|feel|go|"
        r"have|share|struggle|experience|deal|face|find it|get)", r"(?:for|to) (?:anyone|anybody)\b",
        r"(?:anyone|anybody)'?s (?:nerves|head|heart|mind)",
        r"(?:not|nothing) (?:weird|strange|wrong with (?:you|u|that|feeling))",
        r"i (?:know|can (?:only )?imagine|understand) how (?:\w+ )?(?:hard|difficult|tough|stressful|"
        r"painful|frustrating|scary|lonely|upsetting|overwhelming|awful|heartbreaking)",
        r"i can (?:only )?imagine", r"(?:that|this|it) (?:can|would|could) (?:be|feel) "
        r"(?:so |really |very )?(?:hard|difficult|tough|stressful|painful|frustrating|scary|"
        r"lonely|upsetting|overwhelming|awful)",
        ), "says the feeling makes sense, which helps the person feel understood."),
    "affirmation": (_rx(
        r"(?:you|u) (?:have|'ve|got) (?:the |a lot of |so much )?(?:strength|courage|potential|skills|talent)",
        r"(?:great|good|wonderful|awesome|nice) (?:that|to hear)", r"(?:very|so) true", r"fair enough",
        r"(?:sounds|seems|looks) like a (?:good|great|wonderful|smart|healthy|solid|fantastic) (?:idea|plan|step|start|way)",
        r"(?:you|u) deserve", r"admirable", r"(?:you|u) (?:seem|sound) (?:like )?(?:a |an |really |so |very )*(?:great|nice|"
        r"wonderful|kind|strong|caring|smart|thoughtful|good|lovely|amazing|positive|capable)",
        r"be proud", r"(?:good|healthy|great) (?:coping|habits?|choices?|skills?)", r"(?:you|u) (?:are|'re) (?:a )?"
        r"(?:good|great|kind|caring|wonderful|loving|thoughtful|capable|resilient|strong) (?:person|parent|mom|dad|friend|"
        r"mother|father)", r"(?:you|u) (?:are|'re) (?:clearly |obviously )?(?:resilient|capable|determined|hardworking)",
        r"i believe in (?:you|u)", r"(?:i'?m|i am) (?:so |very |really )?proud of", r"(?:good|great) for (?:you|u)",
        r"(?:you'?re|you are|ur|youre) (?:doing|making) (?:great|well|good|the right|your best|a great|progress|"
        r"strides|an effort)", r"(?:you|u)(?:'ve| have) (?:done|made|taken) (?:a |the )?(?:great|good|big|"
        r"first|right|huge) ", r"(?:that'?s|that is|thats|what a) (?:a )?(?:good|great|wonderful|smart|"
        r"healthy|positive) (?:idea|plan|step|start|thing|way|choice|decision|mindset|attitude|goal)",
        r"(?:that'?s|that is|thats|it'?s|it is|sounds) (?:so |really |very )?(?:great|good|awesome|"
        r"wonderful|fantastic|amazing|excellent|positive|encouraging)(?! (?:to|at|with|for|idea))",
        r"took (?:a lot of |real |so much )?(?:courage|guts|strength|bravery)",
        r"(?:you|u)(?:'ve| have|ve) (?:been|kept|stayed|worked|managed|held|come|made it|gotten|"
        r"shown|done (?:a lot|so much|what))", r"(?:you|u) (?:clearly|really|obviously|truly) "
        r"(?:care|love|want|value|tried|try)", r"(?:you|u) care (?:a lot|so much|deeply|about)",
        r"(?:brave|courageous|strong) (?:of you|to|enough)", r"(?:shows|says) (?:a lot about|how much|"
        r"that you)", r"(?:you'?re|you are|ur) (?:really |clearly )?(?:trying|working hard|"
        r"doing (?:your|what you)|fighting|showing up|taking)", r"kept going", r"showing up",
        r"(?:i|i can) (?:see|hear|tell) (?:how much|how hard|that you)", r"thank you for (?:telling|"
        r"sharing|trusting)", r"thanks for (?:telling|sharing|trusting)", r"your (?:strength|"
        r"courage|effort|honesty|persistence|commitment)", r"(?:that'?s|that is) a (?:big|real) step",
        r"reaching out", r"you did(?:n'?t)? (?:give up|reach|ask|call|tell|speak)",
        r"takes? (?:real |a lot of |so much )?(?:determination|strength|courage|guts|work)",
        r"took a (?:big |real )?(?:risk|step)", r"(?:you|u) (?:clearly|really) (?:care|love)",
        r"sign of how much", r"shows how much", r"how much (?:it|this|that|your \w+|they|he|she) means? to (?:you|u)",
        r"(?:you'?re|you are|ur) still (?:at it|going|trying|here|showing up|standing|fighting)",
        r"would have (?:quit|given up|stopped)", r"how much (?:you|u) care",
        ), "recognises the person's effort or strengths."),
}

ROADBLOCKS: dict[str, tuple[re.Pattern[str], str]] = {
    "ordering": (re.compile(
        r"(?:^|[.!?]\s+|,\s+)(?:(?:but|and|so|just|please|now|seriously|honestly)[,]?\s+)*"
        r"(?:stop|calm down|quit|get over|snap out|"
        r"pull yourself|relax|chill|listen to me|go (?:back|home|to bed)|"
        r"(?:don'?t|dont|do not) (?!worry\b)\w+|"
        r"toughen up|man up|grow up|move on|let it go|forget (?:it|about)|get (?:up|out|help|a grip|"
        r"over)|deal with it|breathe|put (?:the|your)|focus on|make sure)\b"
        r"|\b(?:you|u) (?:just |really |really just |seriously )?(?:need to|have to|gotta|got to)\b"
        r"|\b(?:you|u) must (?:stop|go|call|tell|quit|leave|get|not|never|do|take|see|talk|try)\b"
        r"|\blet (?:it|that|this|her|him|them) go\b"), "tells the person what to do."),
    "warning": (_rx(
        r"if (?:you|u) (?:don'?t|dont|keep|continue|carry on|go on|stay|let|do that|skip|stop)",
        r"if (?:you|u) \w+[^.!?]{0,60}(?:is|are) going to (?:read|see|think|take|use|hold)",
        r"(?:you|u)(?:'d| had|d) better", r"or else", r"(?:you|u)(?:'ll| will|ll) (?:end up|regret|"
        r"lose|be sorry|never|make it worse|burn out|crash|break down|relapse|get (?:fired|evicted|"
        r"kicked|hurt|sick))", r"(?:you'?d|you would) be throwing", r"throw(?:ing)? (?:it all |everything )?away",
        r"(?:you|u) (?:could|can)(?:'?ve| have) (?:really )?(?:hurt|killed|"
        r"lost|been)",
        r"be careful", r"watch out", r"(?:it|things|that)(?:'ll| will|ll) (?:only )?get worse",
        r"that'?s how (?:people|you) end up", r"(?:before|until) it'?s too late",
        ), "warns of consequences, which can feel like a threat."),
    "moralizing": (_rx(
        r"(?:you|u) (?:really |just |honestly )?(?:shouldn'?t|should not|should never) (?!have\b)\w+",
        r"(?:you|u) (?:can'?t|cannot) (?:really )?(?:blame|expect)", r"think (?:about|of) (?:all )?(?:the )?"
        r"(?:people|everyone|those) (?:who|that)",
        r"(?:you|u) (?:should|ought to|oughta) (?:be|have|know|think|feel|consider|remember|"
        r"appreciate|respect|forgive|care|put)", r"the right thing", r"(?:it'?s|its|that'?s|thats) "
        r"(?:wrong|not right|selfish|your duty|your responsibility)", r"(?:be|should be|ought to be) "
        r"(?:grateful|thankful)", r"think (?:about|of) (?:your|the) (?:kids|children|family|mom|"
        r"mother|dad|partner|future)", r"(?:a good|good) (?:parent|mother|father|person|friend) "
        r"(?:would|should|doesn'?t)", r"(?:you|u) owe", r"family (?:comes|is) first",
        r"(?:it'?s|its) (?:your|on you to)", r"count your blessings", r"(?:you|u) (?:ought to|oughta)",
        r"should always", r"(?:family|people|parents|a mother|a father|kids|friends) (?:should|"
        r"shouldn'?t|ought)", r"(?:your|ur) (?:duty|responsibility|job as)", r"the bigger person",
        r"(?:you|u) owe it",
        ), "tells the person what they ought to do or feel, which can feel like a sermon."),
    "advising": (_rx(
        r"(?:you|u) (?:can|could) (?:also |even |always |just |definitely |maybe |still )?(?:try|go|start|take|use|"
        r"look|find|ask|talk|join|download|search|reach|call|text|contact|write|make|spend|plan|set|get|"
        r"check|consider|visit|apply|volunteer|learn|practice|focus|do (?:some|something))\b",
        r"(?:you|u) (?:really |just |also |may |might )?need to", r"i (?:would|'d|d) (?:definitely |probably |also |"
        r"really )?(?:talk|try|go|start|look|do|reach|ask|tell|call|find|consider|think about|get|take)\b",
        r"i (?:find|found) it (?:helpful|useful|helps)", r"(?:what|something that) (?:helps|helped|works|worked) "
        r"(?:for )?me", r"(?:can|could|may|might|will|would) (?:really |also |definitely |probably )?(?:help|be "
        r"(?:helpful|useful|a good|good for|beneficial|worth))", r"(?:is|be|are) (?:a |an )?(?:good|great|"
        r"nice|helpful|useful) (?:idea|way|solution|option|place|start|resource|tool|outlet)",
        r"give it a (?:try|shot|go)", r"(?<!you )(?<!u )(?<!i )(?<!they )(?<!she )(?<!he )(?<!we )keep (?:on )?(?:trying|going|doing|seeking|focusing|busy|looking|"
        r"working|applying|practicing|pushing|reaching)", r"(?:it'?s|it is|its) (?:very |really |so )?"
        r"(?:important|best|good|helpful|a good idea|wise|useful|worth) (?:to|for you to)\b",
        r"(?:some|many|most|a lot of) people (?:find|like|use|try|have found|benefit)", r"(?:maybe|perhaps) "
        r"(?:keeping|trying|getting|talking|doing|finding|taking|making|reaching|looking|writing|"
        r"starting|joining|having|setting|being)", r"i (?:think|believe|feel) (?:it|that) (?:would|might|"
        r"could|will) (?:help|be)", r"i (?:think|believe) (?:you|u) (?:should|need|might want|may want)",
        r"(?:there are|there'?s) (?:many|lots of|a lot of|some|plenty of|tons of) (?:\w+ ){0,3}(?:you can|"
        r"that can|online|resources|programs|groups|apps|websites|sites|ways|services|hotlines)",
        r"(?:helps?|helped) (?:me )?(?:a lot )?(?:to|with|when)\b(?! (?:you|u)\b)",
        r"(?:you|u) (?:really |just |honestly )?(?:should|could)(?!'?ve| have)\b",
        r"(?:you|u) (?:might want to|may want to|might try|could try|ought to (?!be|feel|know))",
        r"why (?:don'?t|dont|not) (?:you|u|just)", r"(?<!of )(?<!keep )\btry (?:to|and|a|some|the|"
        r"this|that|it|an|talking|writing|going|calling|getting|taking|making|telling|using|"
        r"meditat\w*|journal\w*|yoga|exercis\w*|breathing|\w+ing)", r"have (?:you|u) (?:tried|thought about|considered|looked "
        r"into|asked|talked to|called|contacted|reached out|gone to|checked|looked for|signed)",
        r"the right thing (?:is|would be|to do is) to", r"just push through", r"push through it", r"(?:maybe|perhaps) (?:you|u) (?:could|should|can|might|need|just|try|want)",
        r"(?:maybe|perhaps) (?:just|try|consider|it would)",
        r"(?:it|that) (?:might|would|could|may) help", r"what (?:you|u) (?:need|should do) is",
        r"i(?:'d| would|d|'m going to| will)? (?:definitely |really |strongly |highly |also |just )?(?:suggest|recommend|advise)", r"if i (?:were|was) (?:you|u)",
        r"(?:just|simply) (?:go|call|take|tell|ask|ignore|get|talk|leave|say|text|find|sign|apply|"
        r"block|walk|write|breathe)", r"(?<!to )(?<!you )(?<!i )(?:call|text|contact|email) (?:988|your|a|the|them|him|her|hr)",
        r"see (?:a|your) (?:doctor|therapist|counselor|counsellor|lawyer|psychiatrist)",
        r"(?:go|get) (?:for a (?:walk|run)|see a|some (?:rest|sleep|help|air))", r"take (?:a|some) (?:walk|break|deep|bath|"
        r"day|nap|time)", r"(?:the|a) (?:best|good) (?:thing|idea|way) (?:to do|would be|is)",
        r"how about (?:you|u|trying|calling|talking|going|getting|we)", r"(?:you|u) (?:can|could) "
        r"always", r"make a (?:list|plan|budget|schedule)", r"(?:look|reach) (?:into|out to)",
        r"sign up", r"(?:^|\band |\bjust |\bgo )(?:get|find) (?:a|another|some) (?:new |better )?(?:job|therapist|"
        r"place|apartment|lawyer|roommate|hobby|sponsor|group|help)", r"(?:join|start) a",
        r"(?:maybe|perhaps) (?:just )?(?:apologi[sz]e|call|talk|try|ask|tell|write|go|get|take|look|reach|consider|text|find)",
        r"(?:could|can) (?:you|u) (?:get|try|call|ask|look|go|reach|find|take|make|set|join|sign|talk to)",
        ), "offers a solution the person did not ask for."),
    "lecturing": (_rx(
        r"studies (?:show|say|have shown)", r"research (?:shows|says)", r"the (?:fact|reality|truth) "
        r"is", r"statistically", r"logically", r"look at it (?:this way|logically|rationally)",
        r"(?:think|thinking) about it (?:logically|rationally)", r"the thing is", r"let'?s be "
        r"(?:honest|real|realistic)", r"(?:you|u) have to (?:understand|realize|admit)",
        r"(?:everyone|everybody) knows (?:that|it'?s)", r"that'?s (?:just )?what happens when",
        r"let (?:it|this|that) be a lesson", r"(?:it|that)'?s (?:just )?how (?:it|life|the world) works", r"it'?s (?:a )?(?:proven|well known|a fact)",
        r"(?:experts|doctors) (?:say|agree|recommend)", r"the (?:science|data|numbers)",
        r"(?:most|many) people (?:who|in|with)", r"percent", r"\d+(?= ?%)",
        r"objectively", r"if (?:you|u) think about it", r"be realistic",
        r"(?:most|many) \w+ (?:turn out|end up)",
        ), "argues with facts or logic instead of hearing the person."),
    "judging": (_rx(
        r"saying [^.!?]{0,40}(?:isn'?t|is not|not) fair", r"not fair to (?:them|her|him|the)",
        r"(?:you'?re|you are|ur) (?:being )?unfair", r"maybe if (?:you|u)\b",
        r"(?:you|u) \w+ (?:it|them|him|her|that|this) (?:on (?:them|him|her) )?(?:too|way too) (?:suddenly|fast|"
        r"soon|early|late|hard|harshly|far|much)",
        r"(?:that|this|it) (?:was|is|'s|s) (?:a )?(?:bad|stupid|dumb|terrible|poor|selfish|"
        r"foolish|irresponsible|reckless|silly|ridiculous|wrong|lazy|pathetic) ?(?:idea|call|move|"
        r"choice|decision|thing)?", r"(?:you|u) (?:shouldn'?t|shouldnt|should not|should never) have",
        r"(?:your|ur) (?:own )?fault", r"(?:that'?s|thats|that is) on (?:you|u)",
        r"what were (?:you|u) thinking", r"(?:you|u) (?:always|never) (?:do|say|make|mess|pick|"
        r"end up|choose|let|take|get|have)", r"(?:you|u) brought (?:this|it|that) on",
        r"(?:you|u) (?:made|make) (?:your|ur) (?:own )?bed", r"(?:you|u) (?:knew|should'?ve known)",
        r"(?:irresponsible|selfish|immature|reckless) of (?:you|u)", r"(?:no one|nobody) (?:to blame|"
        r"forced you)", r"(?:you|u) asked for it", r"(?:that'?s|thats) (?:just )?(?:an )?excuses?",
        r"(?:you|u)(?:'re| are|re) (?:the problem|to blame|wrong)", r"(?:you|u) chose (?:to|this|that)",
        r"(?:was|is) (?:pretty |really |so |very |kind of )?(?:bad|wrong|stupid|dumb|selfish|"
        r"irresponsible|reckless|careless)", r"(?:that'?s|thats|it'?s) not okay",
        r"what did (?:you|u) do to", r"(?:late|drunk|high) again", r"what did (?:you|u) do(?=\?)",
        r"must have had (?:a|their|his|her|good) reason",
        r"(?:you|u) probably (?:messed|screwed|did|said|made|caused|started|provoked|asked)", r"being (?:way )?too (?:strict|hard|soft|"
        r"harsh|easy|lenient|picky|much|nice)",
        r"(?:why would|how could) (?:you|u)", r"(?:should|shouldve|should'?ve) (?:listened|known|"
        r"thought|stayed|gone|left|called|done|seen)",
        ), "criticises or blames the person."),
    "praising": (_rx(
        r"(?:you|u) (?:really|truly|totally|so|still) are (?:so |really )?(?:strong|amazing|great|brave|"
        r"wonderful|incredible|doing great)", r"look (?:at )?how (?:well|far|great) (?:you'?re|you are|you'?ve)",
        r"(?:you|u)(?:'re| are|re|r) (?:so |such an? |really |super |an? )?(?:strong|amazing|great|"
        r"awesome|brave|smart|wonderful|incredible|the best|a good (?:mom|dad|person|parent|friend)|"
        r"a (?:fighter|survivor|rock|star)|doing (?:great|amazing|fine|awesome|so well|good))",
        r"(?:great|good|nice) job", r"good for (?:you|u)", r"(?:so |really )?proud of (?:you|u)",
        r"(?:you|u)(?:'ve| have|ve) got this", r"(?:you|u) got this", r"(?:you|u)(?:'ll| will|ll) "
        r"(?:be|do) (?:great|amazing|fine)", r"(?:you|u) did (?:the right thing|great|nothing wrong)",
        r"(?:you|u)(?:'re| are|re) (?:absolutely |totally )?right", r"i totally agree",
        r"stronger than (?:you|u) (?:think|know)", r"(?:you'?re|you are|ur) a (?:saint|hero|angel|"
        r"gem|legend|warrior|champ)", r"lucky to have (?:you|u)",
        r"(?:the|one of the) (?:strongest|bravest|smartest|best|kindest|toughest) (?:person|people|mom|"
        r"dad|parent|friend|man|woman)", r"(?:you'?ve|you have|youve|u have|u've) (?:totally |so )?got this", r"(?:you|u) can do (?:it|this|anything)",
        ), "praises or agrees in a way that can close the topic."),
    "name_calling": (_rx(
        r"drama queen", r"over ?sensitive", r"over ?dramatic", r"(?:being|so|too|just|kinda|kind of|a bit|a little) (?:paranoid|dramatic|crazy|"
        r"lazy|selfish|sensitive|childish|hysterical|needy|emotional|irrational|weak|negative|"
        r"spoiled|petty)", r"over ?react(?:ing|ion)?", r"(?:such a|a big|what a) (?:baby|wimp|"
        r"snowflake|victim|mess|loser|pushover|doormat)", r"(?:you'?re|you are|ur|youre) "
        r"(?:being )?(?:a )?(?:baby|wimp|snowflake|victim|hypochondriac|addict|mess|loser)",
        r"typical (?:addict|teen|man|woman)", r"(?:crazy|psycho|nuts)",
        ), "puts a label on the person."),
    "interpreting": (_rx(
        r"(?:you'?re|you are|ur|youre) probably (?:just )?\w+", r"(?:you'?re|you are|ur|youre) (?:just|only|really just) (?:saying|doing|upset|angry|mad|"
        r"scared|afraid|jealous|tired|stressed|feeling|lonely|bored|insecure|looking|using|"
        r"trying|punishing|avoiding)", r"(?:you'?re|you are|ur|youre) not really (?:sad|upset|angry|"
        r"mad|hurt|about)", r"deep down", r"what'?s really (?:going on|happening|"
        r"bothering)", r"the real (?:reason|issue|problem)", r"(?:you|u) (?:just|only) want "
        r"(?:attention|sympathy|them|him|her|to)", r"(?:you|u) (?:secretly|subconsciously|"
        r"really just)", r"i think (?:you'?re|you are|ur) (?:really|actually|just)", r"(?:it'?s|its) "
        r"(?:probably|really|obviously|clearly) (?:because|about) (?:your|you|of your)",
        r"(?:that'?s|thats) (?:probably|really|just|obviously) (?:your|because)",
        r"(?:you|u) (?:must|probably) (?:have|be) (?:issues|trauma|depress)",
        r"(?:sounds|seems) like (?:a |an )?(?:trauma|attachment|abandonment|trust|control) (?:issue|"
        r"response|thing|problem)", r"(?:you|u) (?:have|got) (?:abandonment|trust|control|anger) "
        r"issues", r"projecting", r"(?:because|cause) of (?:your|ur) (?:childhood|past|dad|mom|"
        r"father|mother|ex)",
        ), "tells the person what they 'really' feel or why, instead of asking."),
    "reassuring": (_rx(
        r"(?:you|u)(?:'ll| will|ll) be (?:able|fine|ok|okay|alright)", r"(?:you|u) (?:can|will) (?:find|get|make|do|handle|beat)",
        r"keep (?:your|ur|you) (?:head|chin) up", r"(?:don'?t|do not) (?:beat yourself|be (?:too )?hard on)",
        r"try not to (?:worry|stress|let)", r"(?:don'?t|do not) let (?:it|this|that|her|him|them) (?:get|ruin|bring|"
        r"stop|keep)", r"(?:there'?s|there is) (?:some |still )?hope", r"new beginning", r"(?:will|'ll) pass",
        r"(?:it|this|that|things) (?:gets?|will get|can get) (?:better|easier)",
        r"i am sure", r"(?:you|u)(?:'ll| will|ll) (?:be able|get|find|make|overcome|pull|come|figure|"
        r"feel better|do (?:fine|great|well|it))", r"(?:things|it|everything|this|that)(?:'ll| will| is going to|'s going to) "
        r"(?:get|be|work|turn|improve)", r"good things (?:will|are)", r"(?:there'?s|there is) (?:always )?hope",
        r"(?:you|u) (?:can|will) (?:do it|do this|get through|overcome|make it)",
        r"don'?t worry", r"dont worry", r"no worries", r"(?:it|things|everything|all|that)(?:'ll|"
        r"ll| will| is going to|'s going to|s gonna|'s gonna| gonna) (?:all )?(?:be (?:ok|okay|"
        r"fine|alright|all right|better|good)|work(?:s)? out|get better|turn out|blow over|pass)",
        r"(?:it'?s|its) (?:going to|gonna) be (?:ok|okay|fine|alright|all right)",
        r"everything happens for a reason", r"at least", r"cheer up", r"i'?m sure (?:it|you|they|"
        r"he|she|things|everything|that)", r"could (?:be|have been) worse", r"bright side",
        r"no big deal", r"(?:you|u)(?:'ll| will|ll) be (?:ok|okay|fine|alright|just fine)",
        r"(?:it'?s|its|that'?s|thats) not (?:that|so) bad", r"don'?t be so hard", r"chin up",
        r"(?:things|it) (?:always|will) get better", r"time heals", r"look on the", r"(?:it|this)"
        r" (?:too )?shall pass", r"plenty of (?:fish|other)", r"(?:you|u)(?:'ll| will|ll) (?:find|"
        r"get|meet) (?:another|someone|something|a new|over)", r"smile", r"stay positive",
        r"(?:it|this) (?:is|was) meant to be", r"(?:you|u)(?:'ll| will|ll) (?:get through|laugh about)",
        r"i'?m sure\b", r"i promise", r"(?:it|things)(?:'ll| will|ll) (?:turn around|get easier)",
        r"(?:you|u)(?:'ll| will|ll) (?:land on your feet|bounce back|be back)", r"(?:your|ur) body will adjust",
        r"think positive", r"i bet (?:you|u) (?:can|will|could|'ll)", r"(?:i'?m|i am) (?:so |very )?"
        r"confident (?:that )?(?:you|u)", r"(?:you|u) (?:can|will|'ll) (?:do|get through|handle|"
        r"overcome|beat|figure) (?:it|this|that|out)", r"(?:you|u)(?:'ll| will|ll) (?:do|be doing) "
        r"(?:great|fine|well|good)", r"nothing(?:'s| is) (?:going|gonna) to happen", r"nothing bad will",
        r"(?:it|that|this) (?:was|is|'s|s) (?:just|only) (?:a |an )?\w+",
        r"(?:it|things|this|that|everything|she|he|they)(?:'ll| will|ll) (?:settle|calm|blow|pass|sort|"
        r"come around|come back|cool off|look better)", r"(?:you'?re|you are|ur|youre) not (?:a |an )?"
        r"(?:stupid|crazy|weak|failure|freak|loser|bad person|idiot|burden)",
        ), "reassures too soon, which can brush the feeling aside."),
    "distracting": (_rx(
        r"let me tell (?:you|u) (?:how i|about (?:my|when|the time|me))",
        r"(?:(?<=^)|(?<=[.!?,] )|(?<=[.!?,])|(?<=\bso ))(?:anyway|anyways|anyhow)", r"by the way", r"btw",
        r"(?:get|take|keep) (?:your|ur) mind off", r"one time (?:i|my|we)", r"good times",
        r"my old (?:boss|job|friend|place|roommate)", r"let'?s (?:talk about|change|not (?:talk|"
        r"think|dwell)|focus on something|get (?:some|a)|go (?:get|grab|do)|grab|do something)",
        r"on a (?:lighter|happier|brighter|different) note", r"something (?:happier|else|fun|"
        r"lighter|good)", r"speaking of", r"that reminds me", r"(?:haha|lol|lmao)", r"(?:me too|"
        r"same here)[,.!]? (?:i|when|one time|my)", r"(?:when|back when) i (?:was|had|went|lost)",
        r"i (?:remember|once|used to|had (?:a|the same|this)|went through|know (?:exactly|how)) ",
        r"(?:did|have) (?:you|u) (?:see|watch|hear about) (?:the|that|what)", r"change the subject",
        r"(?:want to|wanna) (?:go )?(?:grab|watch|play|get (?:food|lunch|coffee|a drink|dinner))",
        r"enough (?:about|of) "
        r"that", r"(?:forget|forgetting) about (?:it|that) for", r"did i tell (?:you|u)",
        r"oh wait", r"guess what",
        ), "moves away from what the person is talking about."),
}

SUGGESTIONS: dict[str, str] = {
    "ordering": "Instead of telling them what to do, reflect what you hear: \"It sounds like...\"",
    "warning": "Set the warning aside for now and ask what this has been like for them.",
    "moralizing": "Leave out what they should do; try validating the feeling first.",
    "advising": "Hold the advice unless they ask for it; reflect the feeling and ask an open question.",
    "lecturing": "Skip the facts for now; say back what you heard so they feel understood.",
    "judging": "Drop the judgment; name the feeling you hear instead.",
    "praising": "Instead of praise, name a specific strength you noticed, then invite them to say more.",
    "name_calling": "Leave out labels; describe what you hear them going through.",
    "interpreting": "Instead of explaining their feelings, check with them: \"Is that close?\"",
    "reassuring": "Before reassuring, stay with the feeling: \"That sounds really hard.\"",
    "probing": "One open question is enough; then listen and reflect what they say.",
    "distracting": "Stay on their topic: reflect what they just told you.",
}

# A question that names suicide in plain words (asking about it is the safe practice, not a risk).
SUICIDE_QUESTION = re.compile(r"\b(?:suicid\w*|kill(?:ing)? (?:yourself|urself)|end(?:ing)? (?:your|ur) "
                              r"(?:own )?life|tak(?:e|ing) (?:your|ur) (?:own )?life)\b")

# A statement that starts like this is validation or affirmation, not a reflection.
NOT_REFLECTION_START = re.compile(
    r"^(?:(?:and|but|so|oh|well)[, ]+)?(?:no wonder|of course|it makes sense|that makes sense|"
    r"makes sense|(?:it|that) took|thank(?:s| you)|you clearly|you obviously|(?:it'?s|that'?s|its|"
    r"thats) (?:so |totally |completely |perfectly )?(?:okay|ok|normal|understandable|natural|fair|"
    r"valid)\b|anyone would|i (?:want|need|"
    r"'?d like|have|think|feel|was|am|'?m|know|had|used|went|remember|got|love|can'?t|don'?t|"
    r"will|would|wish))"
)
PEER_REFERENCE = re.compile(r"\b(?:you|your|you'?re|youre|u|ur|yours|yourself|you'?ve|you'?d|"
                            r"you'?ll)\b")
INTENSITY = re.compile(r"\b(?:hard|heavy|endless|deep|huge|terrifying|painful|scary|awful|brutal|"
                       r"exhausting|lonely|rough|tough|a lot|so much|cruel|unfair|hurts?|"
                       r"stings?|draining|shock|devastating|overwhelming|a long (?:road|time|"
                       r"wait|way|haul))\b")

# A sentence that starts with a bare verb is an instruction: a suggestion the peer did not ask for.
IMPERATIVE = re.compile(
    r"^(?:(?:ok(?:ay)?|so|and|then|first(?: thing)?|also|just|please|honestly|seriously|look|"
    r"listen)[,:]?\s+)*(?!tell me|talk to me|keep (?:your|ur) (?:chin|head)|take care|take it easy|hang in|keep up the|"
    r"have a (?:good|great|nice|wonderful|lovely|happy|blessed)|enjoy|stay safe|feel better|be well|"
    r"trust me|get well|let me)(?:try|call|ask|look up|look for|look into|block|delete|wait|go|get|take|tell|write|make|"
    r"find|put|keep|text|email|leave|move|sign|apply|check|read|eat|sleep|drink|exercise|walk|breathe|"
    r"remember|focus|consider|reach out|talk|join|start|avoid|ignore|give|trust|set|pick|head|grab|"
    r"use|spend|practice|practise|push|report|document|save|schedule|book|see|"
    r"journal|meditate|pray|unplug|distract|treat|drop|cut)\b"
)
