"""The built-in item kinds, registered in the order the course teaches them."""

from importlib import import_module

BUILT_IN = ("best_response", "select_all", "rank", "classify", "written_reply", "reflection", "branching",
            "roleplay", "observer_checklist")

for _name in BUILT_IN:
    import_module(f"course_utils.items.kinds.{_name}")  # importing a kind registers it
