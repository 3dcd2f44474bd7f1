"""The hidden keyboard guard (items/widgets/guard.py): a front end that finds its item by class."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from traitlets import TraitError

import course_utils.items.widgets.guard as guard_module
from course_utils.core.storage import AnswerStore
from course_utils.items.public import from_public, to_public
from course_utils.items.widgets import make_view
from course_utils.items.widgets.guard import KeyboardGuard

GUARD_JS = Path(guard_module.__file__).with_name("guard.js")


class TestKeyboardGuard:
    def test_item_id_is_synced_to_the_front_end(self):
        guard = KeyboardGuard(item_id="bp-first-words")
        assert guard.get_state()["item_id"] == "bp-first-words"
        assert guard.trait_metadata("item_id", "sync") is True

    def test_item_id_defaults_to_empty(self):
        assert KeyboardGuard().item_id == ""

    def test_item_id_must_be_text(self):
        with pytest.raises(TraitError):
            KeyboardGuard(item_id=3)

    def test_front_end_code_is_guard_js_as_written(self):
        """The module sent to the browser is the file beside guard.py, whole."""
        state = KeyboardGuard(item_id="x").get_state()
        assert state["_esm"] == GUARD_JS.read_text(encoding="utf-8")
        assert "export default { render }" in state["_esm"]

    @pytest.mark.parametrize("kind", ["best_response", "written_reply", "branching"])
    def test_front_end_finds_the_class_item_views_carry(self, module, tmp_path, kind):
        """guard.js looks up its item by the CSS class that ItemView adds; renaming one breaks the other."""
        [selector] = set(re.findall(r'closest\("\.([\w-]+)"\)', GUARD_JS.read_text(encoding="utf-8")))
        item = next(i for i in module.items if i.kind == kind)
        view = make_view(from_public(to_public(item)), AnswerStore(tmp_path))
        assert selector == "cps-item" and selector in view._dom_classes

    def test_front_end_protects_every_kind_of_control(self):
        """Each control kind the item views use (radio, checkbox, select, textarea, button) is marked."""
        js = GUARD_JS.read_text(encoding="utf-8")
        [query] = re.findall(r'querySelectorAll\("([^"]+)"\)\.forEach\(\(control\)', js)
        assert {part.strip() for part in query.split(",")} == {"input", "select", "textarea", "button"}
        assert 'setAttribute("data-lm-suppress-shortcuts", "true")' in js

    def test_two_views_of_one_item_get_guards_of_their_own(self, module, tmp_path):
        item = from_public(to_public(module.items[0]))
        store = AnswerStore(tmp_path)
        one, two = make_view(item, store).children[-1], make_view(item, store).children[-1]
        assert one is not two and one.model_id != two.model_id
        assert one.item_id == two.item_id == item.id
