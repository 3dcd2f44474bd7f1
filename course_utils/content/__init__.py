"""Content as validated data: the YAML modules loaded into the content model, with file:line problems."""

from course_utils.content.loader import load_course, load_module
from course_utils.items.model import ContentError, Item, Module, Option, Problem, Scenario

__all__ = ["ContentError", "Item", "Module", "Option", "Problem", "Scenario", "load_course", "load_module"]
