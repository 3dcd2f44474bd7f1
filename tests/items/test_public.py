"""The learner-safe item file."""

from __future__ import annotations

import pytest

from course_utils.items.public import ItemsFileError, from_public, load_items, to_public


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


class TestLoadItems:
    def test_missing_file_says_what_to_do(self, tmp_path):
        with pytest.raises(ItemsFileError, match="Fetch the assignment again"):
            load_items(tmp_path)

    def test_corrupt_file_says_what_to_do(self, tmp_path):
        (tmp_path / "items.json").write_text("{nope")
        with pytest.raises(ItemsFileError, match="could not be read"):
            load_items(tmp_path)
