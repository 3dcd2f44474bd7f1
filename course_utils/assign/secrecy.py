"""Find graded answers that would reach learners: in release/, the wheel or the sdist."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course_utils.core.folders import folder
from course_utils.core.vocab import ITEMS_FILE
from course_utils.items.model import Item, Module
from course_utils.items.public import to_public
from course_utils.items.sealing import TOKEN

MIN_SECRET = 25
HIDDEN_MARKER = "### BEGIN HIDDEN TESTS"
ARCHIVES = (".whl", ".zip", ".tar.gz", ".tgz")
UNKNOWN = "(unknown)"


@dataclass(frozen=True)
class Leak:
    """One graded answer found where learners can read it."""

    file: str
    item: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: item '{self.item}': {self.what}"


def find_leaks(paths: Iterable[Path | str], modules: Iterable[Module]) -> list[Leak]:
    """Every graded answer of these modules found in the files under these folders or archives.

    Secrets are the option and reply explanations, example reply and debrief of graded items,
    and their hidden test code; each is also matched in its JSON-escaped form. Strings shorter
    than MIN_SECRET characters are skipped (they match ordinary text), as are roadblock tags
    (single words used in the readings), reply qualities (bare numbers), strings that learners
    see anyway (readings, practice items, prompts, options, rubrics), and the hidden-test
    marker inside Python files (the package writes it). Items files must hold no key, example,
    debrief, explanation, roadblock or quality of a graded item; a graded conversation's turns
    must be sealed, with opaque ids and no mood, line or reply in plain text, and a graded
    role-play's states sealed whole.
    """
    modules = list(modules)
    secrets = _secrets(modules)
    graded = {i.id for m in modules for i in m.items if i.graded}
    hidden = {i.id: _hidden_test_pattern(i.id) for m in modules for i in m.items if i.auto_graded}
    leaks: dict[Leak, None] = {}
    for name, text in iter_files(paths):
        for item_id, what, forms in secrets:
            if any(form in text for form in forms):
                leaks[Leak(name, item_id, what)] = None
        found = [item_id for item_id, pattern in hidden.items() if pattern.search(text)]
        for item_id in found:
            leaks[Leak(name, item_id, "hidden test code")] = None
        if not found and HIDDEN_MARKER in text and not name.endswith(".py"):
            leaks[Leak(name, UNKNOWN, "hidden test code")] = None
        if Path(name).name == ITEMS_FILE:
            for leak in _items_file_leaks(name, text, graded):
                leaks[leak] = None
    return list(leaks)


def iter_files(paths: Iterable[Path | str]) -> Iterator[tuple[str, str]]:
    """(name, text) of every file under these folders, and of every member of archives met."""
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.name.endswith(ARCHIVES):
                yield from _archive_members(file)
            else:
                yield str(file), file.read_bytes().decode("utf-8", errors="replace")


@dataclass(frozen=True)
class SecretsCheck:
    """What `cpsw check-secrets` found: the leaks and what was scanned, or why nothing could be."""

    leaks: tuple[Leak, ...] = ()
    files: int = 0
    scanned: tuple[str, ...] = ()  # "release/", "wheel", "sdist": the kinds of place scanned
    problem: str = ""  # why nothing was scanned, with what to do

    @property
    def code(self) -> int:
        """The exit code: 0 when clean, 4 with a leak, 2 when nothing could be scanned."""
        return 2 if self.problem else 4 if self.leaks else 0


def check_secrets(course: Path, release: Path | None = None, dist: Path | None = None) -> SecretsCheck:
    """Scan release/ and the wheel and sdist of a course for graded answers.

    Without dist, builds the wheel and sdist of the course into a temporary folder first. The
    result holds a problem instead when there is nothing to scan or the build fails.
    """
    from course_utils.content.loader import load_course

    release = release if release is not None else folder(course, "release")
    if not release.is_dir():
        return SecretsCheck(problem=f"{release} is not a folder: run `make build` first, or name it "
                                    "with --release.")
    modules = load_course(course / "content")
    with tempfile.TemporaryDirectory(prefix="cpsw-dist-") as tmp:
        if dist is None:
            dist = Path(tmp)
            done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--sdist", "--no-isolation",
                                   "--outdir", tmp, str(course)], capture_output=True, text=True)
            if done.returncode:
                return SecretsCheck(problem=f"{done.stdout[-2000:] + done.stderr[-2000:]}\n"
                                            f"Could not build the wheel and sdist of {course}.")
        archives = sorted(p for p in dist.iterdir() if p.name.endswith(ARCHIVES)) if dist.is_dir() else []
        if not archives:
            return SecretsCheck(problem=f"No .whl or .tar.gz in {dist}: build them, or leave out --dist.")
        paths = [release, *archives]
        leaks = find_leaks(paths, modules)
        count = sum(1 for _ in iter_files(paths))
    kinds = [f"{release.name}/"] + [k for k, ext in (("wheel", ".whl"), ("sdist", ".tar.gz"))
                                     if any(a.name.endswith(ext) for a in archives)]
    return SecretsCheck(tuple(leaks), count, tuple(kinds))


def _secrets(modules: list[Module]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(item id, what, forms to look for) of every graded text learners must not see."""
    public = "\0".join(s for m in modules for s in [m.title, m.reading, m.triad, *_public_strings(m.items)])
    found = []
    for module in modules:
        for item in module.items:
            if not item.graded:
                continue
            texts = [(f"explanation of option {o.id}", o.explanation) for o in item.options]
            texts += [(f"explanation of reply {r.id} at turn {t.id}", r.explanation)
                      for t in item.turns for r in t.replies]
            texts += [("example reply", item.example), ("debrief", item.debrief)]
            # A graded conversation's lines are sealed in the release: none may show as text.
            texts += [(f"peer's line at turn {t.id}", t.peer_says) for t in item.turns]
            texts += [(f"text of reply {r.id} at turn {t.id}", r.text)
                      for t in item.turns for r in t.replies]
            # So are a graded role-play's: where a move leads and how the peer takes it.
            if item.roleplay is not None:
                texts += [(f"peer's line after a {move} move in state {st.id}", line)
                          for st in item.roleplay.states for move, r in st.on for line in r.lines]
                texts += [(f"cue after a {move} move in state {st.id}", r.cue)
                          for st in item.roleplay.states for move, r in st.on]
            for what, text in texts:
                text = text.strip()
                if len(text) >= MIN_SECRET and text not in public:
                    forms = {text, json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}
                    found.append((item.id, what, tuple(sorted(forms))))
    return found


def _public_strings(items: Iterable[Item]) -> Iterator[str]:
    """Every string of the items as learners get them (practice items whole)."""
    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                yield from walk(v)

    for item in items:
        yield from walk(to_public(item))


def _hidden_test_pattern(item_id: str) -> re.Pattern[str]:
    """A hidden test of this item as in source/: grade_sealed("id", ...) or grade_item({"id": ...}).

    Python or JSON-escaped quotes.
    """
    q = r"""\\?['"]"""
    item = re.escape(item_id)
    return re.compile(rf"grade_sealed\(\s*{q}{item}{q}|grade_item\(\s*\{{\s*{q}id{q}\s*:\s*{q}{item}{q}")


def _items_file_leaks(name: str, text: str, graded: set[str]) -> Iterator[Leak]:
    """Fields of graded items in an items file that only the key should hold."""
    try:
        items = json.loads(text)["items"]
    except (ValueError, KeyError, TypeError):
        return
    for item in items:
        if not isinstance(item, dict) or (item.get("mode") != "graded" and item.get("id") not in graded):
            continue
        item_id = str(item.get("id", UNKNOWN))
        for field in ("key", "example", "debrief"):
            if field in item:
                yield Leak(name, item_id, field)
        for option in item.get("options", ()):
            for field in ("explanation", "roadblock"):
                if option.get(field):
                    yield Leak(name, item_id, f"{field} of option {option.get('id')}")
        yield from _turn_leaks(name, item_id, item.get("turns", ()))
        play = item.get("roleplay")
        if isinstance(play, dict) and set(play) - {"sealed"}:
            yield Leak(name, item_id, "role-play states in plain text (seal them)")


def _turn_leaks(name: str, item_id: str, turns: Any) -> Iterator[Leak]:
    """What a graded conversation's turns show in plain text: only opaque ids and sealed data may."""
    for turn in turns:
        if not isinstance(turn, dict):
            continue
        turn_id = str(turn.get("id"))
        if not TOKEN.match(turn_id):
            yield Leak(name, item_id, f"turn id {turn_id!r} that is not an opaque token")
        for field in sorted(set(turn) - {"id", "sealed"}):
            yield Leak(name, item_id, f"{field} of turn {turn_id} in plain text (seal it)")
        for reply in turn.get("replies", ()) if isinstance(turn.get("replies"), list) else ():
            for field in ("explanation", "roadblock", "quality"):
                if reply.get(field) not in (None, ""):
                    yield Leak(name, item_id, f"{field} of reply {reply.get('id')} at turn "
                                              f"{turn.get('id')}")


def _archive_members(archive: Path) -> Iterator[tuple[str, str]]:
    """(archive/member, text) of every file in a wheel, zip or tar.gz."""
    if archive.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                data = tar.extractfile(member) if member.isfile() else None
                if data is not None:
                    yield f"{archive}/{member.name}", data.read().decode("utf-8", errors="replace")
    else:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if not info.is_dir():
                    yield f"{archive}/{info.filename}", zf.read(info).decode("utf-8", errors="replace")
