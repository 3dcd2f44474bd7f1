"""Coverage of people and settings: counts, the bar, shared names, and the real content meets it."""

from __future__ import annotations

import pytest
from helpers import REPO

from course_utils.content.loader import load_course
from course_utils.core.vocab import AGE_BANDS, IDENTITIES, SETTINGS
from course_utils.instructor.coverage import (
    BAR,
    MIN_ITEMS,
    MIN_SCENARIOS,
    Need,
    coverage,
    name_key,
    report_lines,
    shared_names,
)
from course_utils.items.model import Item, Module, Scenario

MODULES = load_course(REPO / "content")


def item(n: int, person: str = "", setting: str = "", age: str = "",
         identities: tuple[str, ...] = ()) -> Item:
    scenario = Scenario(f"{person or 'Someone'} sits down.", person=person, setting=setting, age=age,
                        identities=identities)
    return Item(id=f"t-{n}", kind="reflection", mode="practice", prompt="Write.",
                scenario=scenario, competencies=(1,))


def module(*items: Item) -> Module:
    return Module("m", 1, "M", "", tuple(items))


def padded(*items: Item) -> Module:
    """These items plus untagged ones, enough for the bar to be enforced."""
    fill = tuple(item(1000 + n) for n in range(MIN_ITEMS))
    return module(*items, *fill)


def meeting_the_bar() -> list[Item]:
    """Items that meet every need of the bar exactly MIN_SCENARIOS times."""
    tags = [dict(identities=("lgbtq",)), dict(identities=("rural",)), dict(identities=("reentry",)),
            dict(age="older_adult"), dict(identities=("neurodivergent",)),
            dict(identities=("physical_disability",)), dict(setting="group"),
            dict(setting="street_outreach")]
    return [item(10 * k + n, **t) for k, t in enumerate(tags) for n in range(MIN_SCENARIOS)]


class TestBar:
    def test_every_need_names_known_tags(self):
        for need in BAR:
            assert set(need.settings) <= set(SETTINGS) and set(need.ages) <= set(AGE_BANDS)
            assert set(need.identities) <= set(IDENTITIES)
            assert need.settings or need.ages or need.identities, need.name

    def test_a_need_is_met_by_any_of_its_tags(self):
        need = Need("x", settings=("emergency_department", "street_outreach"), identities=("reentry",))
        assert need.met_by(Scenario("s", setting="street_outreach"))
        assert need.met_by(Scenario("s", identities=("veteran", "reentry")))
        assert not need.met_by(Scenario("s", setting="drop_in", identities=("veteran",)))


class TestNameKey:
    @pytest.mark.parametrize(("a", "b"), [("Tomás", "Tomas"), ("JOSÉ", "jose"), ("Zoë", "Zoe")])
    def test_case_and_accents_are_ignored(self, a, b):
        assert name_key(a) == name_key(b)

    def test_different_names_stay_different(self):
        assert name_key("Tomasz") != name_key("Tomas")


class TestSharedNames:
    def test_a_name_on_two_items_is_reported_with_both(self):
        [shared] = shared_names([item(1, "Farah"), item(2, "Omar"), item(3, "Farah")])
        assert (shared.name, shared.items) == ("Farah", ("t-1", "t-3"))
        assert str(shared) == "Farah is the person of 2 items: t-1, t-3"

    def test_accented_and_plain_spellings_are_one_name(self):
        [shared] = shared_names([item(1, "Tomás"), item(2, "Tomas")])
        assert shared.items == ("t-1", "t-2")

    def test_items_without_a_person_are_never_shared(self):
        assert shared_names([item(1), item(2), item(3, "Ana")]) == ()


class TestCoverage:
    def test_counts_every_value_in_vocabulary_order_zeros_included(self):
        found = coverage([module(item(1, "A", "drop_in", "adult", ("parent", "rural")),
                                 item(2, "B", "drop_in"), item(3))])
        assert list(found.settings) == list(SETTINGS) and found.settings["drop_in"] == 2
        assert found.settings["group"] == 0 and found.items == 3
        assert found.ages["adult"] == 1 and found.ages["unknown"] == 2
        assert found.identities["parent"] == 1 and found.identities["rural"] == 1

    def test_a_course_meeting_the_bar_is_ok(self):
        found = coverage([padded(*meeting_the_bar())])
        assert found.enforced and found.short == () and found.ok
        assert all(len(n.items) == MIN_SCENARIOS for n in found.needs)

    def test_one_scenario_too_few_is_short_and_named(self):
        items = [i for i in meeting_the_bar() if i.id != "t-60"]  # one of the group scenarios
        found = coverage([padded(*items)])
        [short] = found.short
        assert short.need.name == "distress inside a group" and not found.ok
        assert str(short) == "distress inside a group: 2 (t-61, t-62); SHORT by 1"

    def test_a_small_course_prints_the_bar_but_does_not_enforce_it(self):
        found = coverage([module(item(1, "Ana"))])
        assert not found.enforced and found.short == () and found.ok
        assert "short by 3" in str(found.needs[0])

    def test_a_shared_name_fails_even_in_a_small_course(self):
        found = coverage([module(item(1, "Ana")), module(item(2, "Ana"))])
        assert not found.ok and [s.name for s in found.shared] == ["Ana"]


class TestReportLines:
    def test_prints_counts_each_need_and_names(self):
        lines = report_lines(coverage([padded(*meeting_the_bar())]))
        text = "\n".join(lines)
        assert "drop_in 0" in text and "older_adult 3" in text and "lgbtq 3" in text
        assert f"at least {MIN_SCENARIOS} scenarios each:" in text
        assert sum(need.name in text for need in BAR) == len(BAR)
        assert lines[-1] == "  First names: each person's name belongs to one item; ok"

    def test_shared_names_are_listed_with_their_items(self):
        text = "\n".join(report_lines(coverage([module(item(1, "Ana"), item(2, "Ana"))])))
        assert "Ana is the person of 2 items: t-1, t-2" in text
        assert "not enforced: fewer than" in text

    def test_lines_stay_within_the_width_and_keep_item_ids_whole(self):
        found = coverage(MODULES)
        lines = report_lines(found, width=100)
        assert all(len(line) <= 100 for line in lines)
        words = {word.strip("(),;") for line in lines for word in line.split()}
        assert {i for need in found.needs for i in need.items} <= words


class TestTheCourse:
    def test_the_content_meets_the_bar(self):
        """Issue 18: at least MIN_SCENARIOS scenarios for every part of the bar, over all modules."""
        found = coverage(MODULES)
        assert found.enforced
        assert [str(n) for n in found.short] == []

    def test_every_persons_name_belongs_to_one_item(self):
        assert [str(s) for s in coverage(MODULES).shared] == []
