"""Fixed vocabularies of the course: item kinds, modes, roadblocks, competencies."""

from __future__ import annotations

KINDS: tuple[str, ...] = (
    "best_response",
    "select_all",
    "rank",
    "classify",
    "written_reply",
    "reflection",
)
AUTO_KINDS: frozenset[str] = frozenset({"best_response", "select_all", "rank", "classify"})
TEXT_KINDS: frozenset[str] = frozenset({"written_reply", "reflection"})
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
    "name_calling": "Name-calling, labelling",
    "interpreting": "Interpreting, analysing",
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

# How many options each kind may have (inclusive bounds).
OPTION_COUNTS: dict[str, tuple[int, int]] = {
    "best_response": (3, 5),
    "select_all": (3, 8),
    "rank": (3, 6),
    "classify": (2, 8),
}

# Files that travel with each assignment folder.
ITEMS_FILE = "items.json"
ANSWERS_FILE = "answers.json"
