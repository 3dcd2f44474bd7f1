"""Sealed conversation turns: a graded conversation's lines, unreadable as plain text on disk.

This is an encoding, not encryption: the package that shows the turns can open them, so a
learner who reads its code could too (README, "What the release gives away"). What it stops is
the key being read off items.json by opening it in JupyterLab or searching it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib
from typing import Any

TOKEN = re.compile(r"^t[0-9a-f]{12}$")


def turn_token(item_id: str, turn_id: str) -> str:
    """An opaque id for a turn, the same on every build, that says nothing about the turn."""
    return "t" + hashlib.sha256(f"turn\0{item_id}\0{turn_id}".encode()).hexdigest()[:12]


def seal(item_id: str, token: str, data: Any) -> str:
    """Encode JSON-able data so that none of its text shows in the file."""
    raw = zlib.compress(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"), 9)
    return base64.b64encode(_xor(raw, _pad(item_id, token, len(raw)))).decode("ascii")


def unseal(item_id: str, token: str, sealed: str) -> Any:
    """The data sealed for this item and turn; ValueError when it cannot be opened."""
    try:
        raw = base64.b64decode(sealed.encode("ascii"), validate=True)
        return json.loads(zlib.decompress(_xor(raw, _pad(item_id, token, len(raw)))).decode("utf-8"))
    except (ValueError, zlib.error, UnicodeError) as err:
        raise ValueError(f"turn {token} of item {item_id!r} could not be opened ({err})") from None


def _pad(item_id: str, token: str, size: int) -> bytes:
    blocks = -(-size // 32)  # SHA-256 digests of 32 bytes, enough to cover size
    return b"".join(hashlib.sha256(f"{item_id}\0{token}\0{n}".encode()).digest()
                    for n in range(blocks))[:size]


def _xor(data: bytes, pad: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, pad, strict=True))
