"""The built-in kinds package (course_utils/items/kinds/__init__.py): importing it registers them."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
from helpers import REPO

from course_utils.items import kind as registry
from course_utils.items.kind import KIND_FIELDS, ItemKind, kind_of, kinds
from course_utils.items.kinds import BUILT_IN


class TestBuiltIn:
    def test_names_the_kinds_in_the_order_the_course_teaches_them(self):
        assert BUILT_IN == ("best_response", "select_all", "rank", "classify", "written_reply",
                            "reflection", "branching", "roleplay", "observer_checklist")

    def test_is_the_package_the_registry_imports(self):
        assert registry.BUILT_IN == "course_utils.items.kinds"


class TestImport:
    def test_registers_every_built_in_kind_in_order(self):
        importlib.import_module("course_utils.items.kinds")
        assert [name for name in kinds() if name in BUILT_IN] == list(BUILT_IN)

    @pytest.mark.parametrize("name", BUILT_IN)
    def test_each_kind_is_the_one_class_of_its_own_module(self, name):
        kind = kind_of(name)
        assert isinstance(kind, ItemKind) and kind.name == name
        assert type(kind).__module__ == f"course_utils.items.kinds.{name}"

    def test_in_a_fresh_interpreter_nothing_is_registered_until_the_package_is_imported(self):
        code = ("import course_utils.items.kind as k; print(','.join(k._KINDS)); "
                "import course_utils.items.kinds; print(','.join(k._KINDS))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             cwd=REPO).stdout.splitlines()
        assert out == ["", ",".join(BUILT_IN)]

    def test_importing_again_registers_nothing_new(self):
        before = {name: kind_of(name) for name in BUILT_IN}
        importlib.reload(importlib.import_module("course_utils.items.kinds"))
        assert all(kind_of(name) is before[name] for name in BUILT_IN)


class TestBuiltInKinds:
    @pytest.mark.parametrize("name", BUILT_IN)
    def test_each_has_a_title_and_takes_only_known_fields(self, name):
        kind = kind_of(name)
        assert kind.title and kind.answer_title
        assert kind.fields <= set(KIND_FIELDS)

    def test_titles_are_all_different(self):
        titles = [kind_of(name).title for name in BUILT_IN]
        assert len(set(titles)) == len(titles)
