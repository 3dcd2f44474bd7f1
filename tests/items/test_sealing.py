"""Sealed conversation turns: unreadable on disk, opened exactly by the package."""

from __future__ import annotations

import pytest

from course_utils.items.sealing import TOKEN, seal, turn_token, unseal

DATA = {"peer_says": "I keep thinking everyone would be better off.", "replies": [
    {"id": "a", "text": "Are you thinking about suicide?", "next": "end"}]}


class TestSeal:
    def test_round_trip_gives_the_data_back(self):
        token = turn_token("cr-1", "open")
        assert unseal("cr-1", token, seal("cr-1", token, DATA)) == DATA

    def test_sealed_text_shows_no_word_of_the_turn(self):
        sealed = seal("cr-1", turn_token("cr-1", "open"), DATA)
        for word in ("thinking", "suicide", "better", "peer_says", "replies"):
            assert word not in sealed

    def test_wrong_item_cannot_open_it(self):
        token = turn_token("cr-1", "open")
        with pytest.raises(ValueError, match="could not be opened"):
            unseal("cr-2", token, seal("cr-1", token, DATA))

    def test_damaged_text_raises_a_clear_error(self):
        with pytest.raises(ValueError, match="cr-1"):
            unseal("cr-1", "t000000000000", "not base64!")


class TestTurnToken:
    def test_token_is_opaque_and_stable(self):
        token = turn_token("ss-1", "shuts-down")
        assert TOKEN.match(token) and "shut" not in token
        assert token == turn_token("ss-1", "shuts-down") != turn_token("ss-1", "opens-up")
