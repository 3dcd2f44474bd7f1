"""The hidden keyboard guard (items/widgets/guard.py): a front end that finds its item by class."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
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


# A stand-in DOM just big enough for guard.js: an item root holding one radio group per entry
# of `groups` (its description, or "" for none), rendered once; prints each group's attributes.
FAKE_DOM = """
const groups = JSON.parse(process.argv[2]);
const element = (extra) => ({ attrs: {}, setAttribute(k, v) { this.attrs[k] = v; }, ...extra });
const boxes = groups.map((text) => {
  const label = text === null ? null : { textContent: text };
  return element({ parentElement: { querySelector: () => label }, querySelectorAll: () => [] });
});
const icon = element({});
const lists = { ".widget-radio-box": boxes, "button > i.fa": [icon] };
const root = { querySelectorAll: (sel) => lists[sel] || [] };
globalThis.MutationObserver = class { observe() {} };
const { default: guard } = await import(process.argv[1]);
guard.render({ model: { get: () => "bp-x" }, el: { style: {}, closest: () => root } });
console.log(JSON.stringify([icon.attrs, ...boxes.map((b) => b.attrs)]));
"""


def run_guard(groups: list) -> list[dict]:
    """The attributes guard.js sets on a button icon, then on radio groups with these descriptions."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    out = subprocess.run([node, "--input-type=module", "-e", FAKE_DOM, GUARD_JS.as_uri(),
                          json.dumps(groups)], capture_output=True, text=True, check=True, timeout=30)
    return json.loads(out.stdout)


class TestRadioGroupNames:
    def test_each_radio_group_is_named_by_its_description(self):
        """A screen reader announces 'Your reply, radio group', not an unnamed group."""
        assert run_guard(["  Your reply "])[1:] == [{"role": "radiogroup", "aria-label": "Your reply"}]

    @pytest.mark.parametrize("label", ["", None])
    def test_a_group_without_a_description_is_called_your_choice(self, label):
        assert run_guard([label])[1:] == [{"role": "radiogroup", "aria-label": "Your choice"}]

    def test_button_icons_are_hidden_from_screen_readers(self):
        """The Check button is read as 'Check my answer', without its tick glyph."""
        assert run_guard([])[0] == {"aria-hidden": "true"}

    def test_the_names_follow_the_widgets_label_class(self):
        """guard.js reads the <label class="widget-label"> that ipywidgets 8 puts beside a group."""
        js = GUARD_JS.read_text(encoding="utf-8")
        assert ":scope > .widget-label" in js and 'setAttribute("aria-label"' in js
