"""The learner-safe item file."""

from __future__ import annotations

import pytest

from course_utils.items.public import (
    SPEC_TOKEN,
    ItemsFileError,
    from_public,
    load_items,
    open_spec,
    sealed_spec,
    to_public,
)
from course_utils.items.sealing import seal, turn_token


class TestToPublic:
    def test_graded_items_lose_key_explanations_and_example(self, module):
        for item in module.items:
            if not item.graded:
                continue
            data = to_public(item)
            assert "key" not in data and "example" not in data
            assert all(o["explanation"] == "" for o in data["options"])

    def test_practice_items_keep_everything(self, module):
        for item in module.items:
            if item.graded:
                continue
            assert from_public(to_public(item)) == item

    def test_reveal_gives_the_whole_graded_item(self, module):
        for item in module.items:
            assert from_public(to_public(item, reveal=True)) == item


    def test_scenario_tags_travel_with_the_item(self, module):
        tagged = [i for i in module.items if i.scenario.setting]
        assert tagged
        for item in tagged:
            data = to_public(item)
            assert data["scenario"]["setting"] == item.scenario.setting
            assert from_public(data).scenario == item.scenario

    def test_an_items_file_written_before_the_tags_reads_with_empty_tags(self, module):
        data = to_public(module.items[0])
        for name in ("person", "setting", "age", "identities"):
            del data["scenario"][name]
        scenario = from_public(data).scenario
        assert (scenario.person, scenario.setting, scenario.age, scenario.identities) == ("", "", "", ())


class TestLoadItems:
    def test_missing_file_says_what_to_do(self, tmp_path):
        with pytest.raises(ItemsFileError, match="Fetch the assignment again"):
            load_items(tmp_path)

    def test_corrupt_file_says_what_to_do(self, tmp_path):
        (tmp_path / "items.json").write_text("{nope")
        with pytest.raises(ItemsFileError, match="could not be read"):
            load_items(tmp_path)


class TestSealedSpec:
    def test_round_trip_gives_the_whole_item_back(self, module):
        for item in module.items:
            data = open_spec(item.id, sealed_spec(item))
            assert data == to_public(item, reveal=True)
            assert from_public(data) == item

    def test_the_sealed_line_shows_no_key_or_explanation(self, module):
        for item in (i for i in module.items if i.graded and i.options):
            sealed = sealed_spec(item)
            assert "\n" not in sealed and '"' not in sealed  # one line inside a Python string
            for option in item.options:
                assert option.text[:20] not in sealed and option.explanation[:20] not in sealed

    def test_another_items_id_cannot_open_it(self, module):
        first, second = module.items[:2]
        with pytest.raises(ValueError, match=second.id):
            open_spec(second.id, sealed_spec(first))

    def test_an_item_sealed_under_another_id_is_refused(self, module):
        first, second = module.items[:2]
        forged = seal(second.id, SPEC_TOKEN, to_public(first, reveal=True))
        with pytest.raises(ValueError, match="holds another item"):
            open_spec(second.id, forged)

    def test_a_conversation_turn_cannot_pass_for_the_item(self, module):
        item = next(i for i in module.items if i.turns)
        token = turn_token(item.id, item.turns[0].id)
        with pytest.raises(ValueError):
            open_spec(item.id, seal(item.id, token, to_public(item, reveal=True)))

    @pytest.mark.parametrize("where", [0.0, 0.1, 0.5, 0.95])
    def test_a_tampered_line_is_refused(self, module, where):
        """One base64 character changed anywhere in the data (not in the final padding bits)."""
        item = module.items[0]
        sealed = sealed_spec(item)
        k = int(where * len(sealed))
        tampered = sealed[:k] + ("/" if sealed[k] != "/" else "+") + sealed[k + 1:]
        with pytest.raises(ValueError, match=item.id):
            open_spec(item.id, tampered)

    def test_a_line_that_is_not_a_seal_is_refused(self, module):
        with pytest.raises(ValueError):
            open_spec(module.items[0].id, "not-a-sealed-item")


class TestRoleplayInPublic:
    @pytest.fixture
    def roleplay(self):
        from helpers import REPO

        from course_utils.content.loader import load_module

        return load_module(REPO / "content" / "being_present").item("bp-roleplay-letter")

    def test_a_practice_roleplay_is_whole_and_comes_back_equal(self, roleplay):
        data = to_public(roleplay)
        assert data["roleplay"]["states"][0]["id"] == "guarded"
        assert from_public(data) == roleplay

    def test_a_graded_roleplay_is_sealed_and_opens_for_the_widget(self, roleplay):
        import json
        from dataclasses import replace

        graded = replace(roleplay, mode="graded", points=3.0)
        data = to_public(graded)
        assert set(data["roleplay"]) == {"sealed"}
        text = json.dumps(data)
        lines = [line for st in graded.roleplay.states for _, r in st.on for line in r.lines]
        assert lines and not any(line in text or json.dumps(line)[1:-1] in text for line in lines)
        assert "opening_up" not in text and "closing_off" not in text
        assert from_public(data).roleplay == graded.roleplay

    def test_a_sealed_roleplay_opens_only_for_its_own_item(self, roleplay):
        from dataclasses import replace

        data = to_public(replace(roleplay, mode="graded", points=3.0))
        data["id"] = "another-item"
        with pytest.raises(ValueError, match="could not be opened"):
            from_public(data)
