"""Fixed vocabularies of the course: modes, roadblocks, competencies, lessons, criteria."""

from __future__ import annotations

# The item kinds are registered in course_utils/items/kinds/ (course_utils.items.kind.kinds()).
MODES: tuple[str, ...] = ("practice", "graded")

# Gordon's twelve roadblocks, with the names used everywhere in code and content.
ROADBLOCKS: tuple[str, ...] = (
    "ordering",
    "warning",
    "moralizing",
    "advising",
    "lecturing",
    "judging",
    "praising",
    "name_calling",
    "interpreting",
    "reassuring",
    "probing",
    "distracting",
)
LABELS: tuple[str, ...] = ("supportive", *ROADBLOCKS)

LABEL_TITLES: dict[str, str] = {
    "supportive": "Supportive",
    "ordering": "Ordering, directing",
    "warning": "Warning, threatening",
    "moralizing": "Moralizing, preaching",
    "advising": "Advising, giving solutions",
    "lecturing": "Lecturing, persuading with logic",
    "judging": "Judging, criticizing",
    "praising": "Praising, agreeing",
    "name_calling": "Name-calling, labeling",
    "interpreting": "Interpreting, analyzing",
    "reassuring": "Reassuring, sympathizing",
    "probing": "Probing, questioning",
    "distracting": "Distracting, changing the topic",
}

# SAMHSA Core Competencies for Peer Workers in Behavioral Health Services (2015).
COMPETENCIES: dict[int, str] = {
    1: "Engages peers in collaborative and caring relationships",
    2: "Provides support",
    3: "Shares lived experiences of recovery",
    4: "Personalizes peer support",
    5: "Supports recovery planning",
    6: "Links to resources, services and supports",
    7: "Provides information about skills related to health, wellness and recovery",
    8: "Helps peers to manage crises",
    9: "Values communication",
    10: "Supports collaboration and teamwork",
    11: "Promotes leadership and advocacy",
    12: "Promotes growth and development",
}
# Short names of the COMPETENCIES, to fit under a bar, on a heat map's axis or in a table cell
# (the full names are listed beside every chart and report).
COMPETENCY_SHORT: dict[int, str] = {
    1: "Caring relationships",
    2: "Provides support",
    3: "Lived experience",
    4: "Personalized support",
    5: "Recovery planning",
    6: "Links to resources",
    7: "Wellness information",
    8: "Crisis support",
    9: "Communication",
    10: "Teamwork",
    11: "Leadership and advocacy",
    12: "Growth and development",
}

# The points of the core lesson an item can practise (content tag `lesson:`).
LESSONS: tuple[str, ...] = (
    "presence",
    "feeling_over_words",
    "trust_rapport",
    "safe_space",
    "cues_to_check",
    "empathy_validation",
    "no_unsolicited_advice",
    "no_judging_choices",
    "no_changing_topic",
    "wider_purpose",
    "self_check",
)

# How the peer is at a turn of a branching conversation, and reply quality levels.
MOODS: dict[str, str] = {
    "opens": "opening up",
    "guarded": "guarded",
    "withdraws": "withdrawing",
}
QUALITY_LABELS: dict[int, str] = {
    2: "Present and supportive",
    1: "Okay, but something was missing",
    0: "A roadblock",
}
# What a written item's automatic rubric may check (reply_rubric), as learners and graders read it.
AUTO_CRITERIA: dict[str, str] = {
    "reflects": "Picks up what this peer said, and reflects or validates it",
    "invites_more": "Invites more: an open question, or a complex reflection",
    "no_roadblock": "Stays with this peer's words with no roadblock (advice, judging, changing "
                    "the topic, ...)",
    "asks_about_suicide": "Asks directly, in plain words, about suicide",
    "reflects_feeling": "Names the feeling under the words, as theirs",
    "validates": "Says the feeling makes sense",
    "stays_on_topic": "Stays on what this peer just said (no change of topic)",
}
# The course's rubric for a written reply whose item states none: (criterion, share of points).
DEFAULT_AUTO_RUBRIC: tuple[tuple[str, float], ...] = (
    ("reflects", 0.4), ("invites_more", 0.3), ("no_roadblock", 0.3))
TURNS_PER_PATH: tuple[int, int] = (3, 5)

# Files that travel with each assignment folder.
ITEMS_FILE = "items.json"
ANSWERS_FILE = "answers.json"
# Replies longer than this are analysed, scored and shown on their first MAX_REPLY_CHARS
# characters (a real reply is a few hundred; analysis time grows with length).
MAX_REPLY_CHARS = 5000

# What a learner sees in JupyterLab where an exercise will appear, before the notebook runs and
# after it is saved (the live widget cannot be kept in the file).
PLACEHOLDER_TEXT = ("This exercise appears when the page runs. In JupyterLab, choose "
                    "Run > Run All Cells in the menu.")
PLACEHOLDER_HTML = ('<p class="cps-placeholder" style="color:#555"><em>'
                    + PLACEHOLDER_TEXT.replace(">", "&gt;") + "</em></p>")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Above every role-play (the widget, `cpsw roleplay`): practising a hard conversation can bring
# something up; the way out and the help stay in view.
ROLEPLAY_HELP = ("If this practice brings up something for you, stop at any time. Help now: call "
                 "or text 988 (US, free and confidential, 24/7), text HOME to 741741, or call 911 "
                 "in immediate danger; outside the US, call your local emergency number.")

# Descriptive tags of a scenario (content `scenario:` fields setting, age, identities): who the
# course's people are and where they are met. They never change a score; `cpsw check` counts them
# (course_utils/instructor/coverage.py).
SETTINGS: dict[str, str] = {
    "drop_in": "a drop-in center",
    "recovery_center": "a recovery community center or recovery café",
    "peer_center": "a peer-run peer support or wellness center",
    "clubhouse": "a clubhouse",
    "peer_respite": "a peer-run respite house",
    "housing": "a supportive housing program, its office or building",
    "home_visit": "the person's own home",
    "clinic": "a clinic or outpatient program",
    "phone": "a warmline or a phone check-in",
    "text_line": "a peer text line",
    "video": "a video call",
    "hospital_inpatient": "a hospital unit (peer bridger visits)",
    "emergency_department": "a hospital emergency department",
    "street_outreach": "street outreach, where the person is staying or spending the day",
    "group": "inside a peer support group, while it meets",
    "school": "a college or campus peer support room",
    "community": "out in the community: a walk, a park, a café, a library",
    "reentry_program": "a re-entry program, a court program or a jail",
    "staff": "among colleagues: a team meeting, supervision, the break room",
    "other": "anywhere else",
}
AGE_BANDS: dict[str, str] = {
    "young_adult": "18 to 25",
    "adult": "26 to 59",
    "older_adult": "60 or older",
    "unknown": "not said",
}
# Only what the scenario's own text says: never read from a name.
IDENTITIES: dict[str, str] = {
    "lgbtq": "lesbian, gay, bisexual, trans, queer or nonbinary",
    "rural": "lives in a rural area or small farming town",
    "reentry": "back in the community after jail or prison",
    "neurodivergent": "autistic, ADHD or otherwise neurodivergent",
    "intellectual_disability": "an intellectual or developmental disability",
    "physical_disability": "a physical disability, e.g. uses a wheelchair",
    "chronic_pain": "lives with chronic pain or a long illness",
    "deaf_or_hard_of_hearing": "deaf or hard of hearing",
    "blind_or_low_vision": "blind or has low vision",
    "veteran": "served in the armed forces",
    "immigrant": "moved to the country from another",
    "second_language": "English is not their first language",
    "parent": "a parent or grandparent, or raising a child",
    "faith": "faith or a faith community matters in the scenario",
    "black": "Black or African American",
    "latino": "Latino, Latina or Hispanic",
    "native_american": "Native American, Alaska Native or Indigenous",
    "asian_american": "Asian American or Pacific Islander",
}
