"""Display order: shuffled per learner and item, stable for a learner, letters by position."""

from __future__ import annotations

from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder, letter, shuffled

IDS = ["a", "b", "c", "d"]


class TestShuffled:
    def test_same_seed_and_item_give_the_same_order(self):
        assert shuffled(IDS, "user:amara", "bp-1") == shuffled(IDS, "user:amara", "bp-1")

    def test_learners_see_different_orders_of_some_items(self):
        items = [f"item-{n}" for n in range(10)]
        amara = [shuffled(IDS, "user:amara", i) for i in items]
        ben = [shuffled(IDS, "user:ben", i) for i in items]
        assert amara != ben

    def test_one_learner_sees_items_in_different_orders(self):
        orders = {tuple(shuffled(IDS, "user:amara", f"item-{n}")) for n in range(10)}
        assert len(orders) > 3

    def test_no_seed_keeps_the_file_order(self):
        assert shuffled(IDS, None, "bp-1") == IDS

    def test_every_position_is_used_by_the_first_option_over_many_learners(self):
        firsts = {shuffled(IDS, f"user:{n}", "bp-1").index("a") for n in range(60)}
        assert firsts == {0, 1, 2, 3}

    def test_order_is_a_permutation(self):
        assert sorted(shuffled(IDS, "random:1f", "x")) == IDS


class TestLetters:
    def test_letters_follow_display_position(self):
        display = DisplayOrder("user:amara")
        order = display.order(IDS, "bp-1")
        letters = display.letters(IDS, "bp-1")
        assert [letters[oid] for oid in order] == ["a", "b", "c", "d"]

    def test_file_order_letters_match_ids(self):
        assert IN_FILE_ORDER.letters(IDS, "bp-1") == {i: i for i in IDS}

    def test_letter_of_position(self):
        assert (letter(0), letter(3)) == ("a", "d")
