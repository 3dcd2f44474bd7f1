"""Fault injection for answer storage: real processes and kernels killed mid-save, and saving at once.

After any kill, answers.json parses and is one complete version: every item saved before is still
there, the long reply matches its counter, and the counter never goes back. A temporary file
(.answers-*.tmp) from a killed writer may be left over; it is never answers.json itself, the next
load ignores it, and a load once it is a minute old deletes it. Nothing here is mocked.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import course_utils.core.storage
from course_utils.core.storage import AnswerStore

pytestmark = pytest.mark.slow

PHRASE, REPEAT = "I hear how hard this is, and I am here with you. ", 400  # a ~20 KB reply: slow saves
# Saves "q" -> i, then a long reply that carries i, until killed. Items saved by earlier writers are
# only saved again when missing, so a kill that lost them would show.
KILL_SAVER = f"""
from course_utils.core.storage import AnswerStore

def reply(i):
    return f"Reply {{i}}: " + {PHRASE!r} * {REPEAT} + f"(end {{i}})"

store = AnswerStore(".")
for k in range(5):
    if store.get(f"fixed-{{k}}") is None:
        store.set(f"fixed-{{k}}", ["a", "c"] if k % 2 else f"kept {{k}}")
i = store.get("q", 0)
store.set("text", reply(i))  # the last writer may have died between saving "q" and the reply
print("ready", i, flush=True)
while True:
    i += 1
    store.set("q", i)
    store.set("text", reply(i))
"""
# Saves its own items (and, if shared, one item both write) from `start` for `seconds`; prints the
# last value it saved for each item.
MERGE_SAVER = """
import json, time
from course_utils.core.storage import AnswerStore

store, last, i = AnswerStore("."), {{}}, 0
while time.time() < {start}:
    time.sleep(0.001)
while time.time() < {start} + {seconds}:
    i += 1
    last[f"{prefix}-{{i % 7}}"] = i
    store.set(f"{prefix}-{{i % 7}}", i)
    if {shared}:
        last["shared"] = f"{prefix} {{i}}"
        store.set("shared", last["shared"])
print(json.dumps({{"last": last, "saves": i}}))
"""
REPO = Path(course_utils.core.storage.__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
       "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
ENV.pop("NBGRADER_EXECUTION", None)
FIXED = {f"fixed-{k}": ["a", "c"] if k % 2 else f"kept {k}" for k in range(5)}


def reply(i: int) -> str:
    return f"Reply {i}: " + PHRASE * REPEAT + f"(end {i})"


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".answers-*.tmp"))


def assert_complete(folder: Path, before: int) -> int:
    """The answers file is one whole version at least as new as `before`; return its counter."""
    others = {p.name for p in folder.iterdir()} - {p.name for p in temp_files(folder)}
    assert others == {"answers.json", ".answers.json.lock"}, others  # nothing was ever kept aside
    answers = {k: v["value"] for k, v in json.loads((folder / "answers.json").read_text())["answers"].items()}
    q = answers.get("q", 0)
    assert {k: answers[k] for k in FIXED} == FIXED
    if "text" in answers:
        n = int(answers["text"].split()[1].rstrip(":"))
        assert answers["text"] == reply(n) and n in (q, q - 1), (q, answers["text"][:30])
    assert q >= before, f"the counter went back from {before} to {q}"
    store = AnswerStore(folder)  # the next session restores it, ignoring any temporary file
    assert not store.problem and store.get("q", 0) == q, store.status
    return q


def assert_stale_temp_files_are_removed(folder: Path) -> int:
    """Age leftover temporary files past a minute; the next load deletes them. Return how many."""
    left = temp_files(folder)
    for tmp in left:
        os.utime(tmp, (time.time() - 120, time.time() - 120))
    AnswerStore(folder)
    assert temp_files(folder) == []
    return len(left)


def ready_line(child: subprocess.Popen) -> str:
    """The child's first line, or a failure with its errors if it does not come within 30 s."""
    readable, _, _ = select.select([child.stdout], [], [], 30)
    line = child.stdout.readline() if readable else ""
    if not line.startswith("ready"):
        child.kill()
        pytest.fail(f"the saver did not start: {child.communicate()[1]}")
    return line


def kill_processes(folder: Path, seed: int, iterations: int) -> dict[str, int]:
    """Start a saver, SIGKILL it 0-30 ms after it is ready, check the file; repeat."""
    rng, q, idle = random.Random(seed), 0, 0
    folder.mkdir()
    for _ in range(iterations):
        child = subprocess.Popen([sys.executable, "-c", KILL_SAVER], cwd=folder, env=ENV, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            ready_line(child)
            time.sleep(rng.uniform(0, 0.030))
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.communicate()
        new = assert_complete(folder, q)
        idle += new == q
        q = new
    return {"kills": iterations, "saves": q, "killed_before_a_save": idle,
            "temp_files_left": assert_stale_temp_files_are_removed(folder)}


async def start_kernel(folder: Path):
    from jupyter_client import AsyncKernelManager

    km = AsyncKernelManager(kernel_name="python3")
    await km.start_kernel(cwd=str(folder), env=ENV)
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=60)
    return km, kc


async def stop_kernel(km, kc) -> None:
    kc.stop_channels()
    await km.shutdown_kernel(now=True)


async def run_code(kc, code: str, until: str | None = None, timeout: float = 60) -> str:
    """Run code in a kernel; return its output once `until` appears in it, or once it finishes."""
    msg_id, out = kc.execute(code), ""
    deadline = time.monotonic() + timeout
    while True:
        msg = await kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out += content["text"]
        elif kind == "error":
            pytest.fail("\n".join(content["traceback"]))
        if (until and until in out) or (kind == "status" and content["execution_state"] == "idle"):
            return out


async def kill_kernels(folder: Path, seed: int, iterations: int) -> dict[str, int]:
    """Start a kernel saving in a loop, SIGKILL it 0-50 ms after it is ready, check the file; repeat."""
    rng, q, idle = random.Random(seed), 0, 0
    folder.mkdir()
    for _ in range(iterations):
        km, kc = await start_kernel(folder)
        try:
            await run_code(kc, KILL_SAVER, until="ready")
            await asyncio.sleep(rng.uniform(0, 0.050))
            os.kill(km.provisioner.pid, signal.SIGKILL)
        finally:
            await stop_kernel(km, kc)
        new = assert_complete(folder, q)
        idle += new == q
        q = new
    return {"kills": iterations, "saves": q, "killed_before_a_save": idle,
            "temp_files_left": assert_stale_temp_files_are_removed(folder)}


def merge_code(prefix: str, start: float, seconds: float, shared: bool) -> str:
    return MERGE_SAVER.format(prefix=prefix, start=start, seconds=seconds, shared=shared)


def run_savers(folder: Path, shared: bool, seconds: float = 1.5) -> list[dict]:
    """Two processes saving to one folder at the same moment; what each says it saved last."""
    start = time.time() + 0.5
    children = [subprocess.Popen([sys.executable, "-c", merge_code(p, start, seconds, shared)], cwd=folder,
                                 env=ENV, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for p in ("one", "two")]
    outputs = [child.communicate(timeout=60) for child in children]
    assert all(child.returncode == 0 for child in children), [err for _, err in outputs]
    return [json.loads(out) for out, _ in outputs]


def saved(folder: Path) -> dict:
    return {k: v["value"] for k, v in json.loads((folder / "answers.json").read_text())["answers"].items()}


class TestKilledWriter:
    def test_process_killed_mid_save_leaves_a_complete_file(self, tmp_path):
        """300 savers SIGKILLed at random moments, in two folders at once; every file stays whole."""
        began = time.monotonic()
        with ThreadPoolExecutor(2) as pool:
            lanes = list(pool.map(lambda n: kill_processes(tmp_path / f"lane-{n}", 1000 + n, 150), (0, 1)))
        print(f"\nkilled processes: {lanes} in {time.monotonic() - began:.1f} s")
        assert sum(lane["kills"] for lane in lanes) >= 300
        assert sum(lane["saves"] for lane in lanes) >= 100  # the kills did land among saves

    def test_kernel_killed_mid_save_leaves_a_complete_file(self, tmp_path):
        """20 real Jupyter kernels saving in a loop, SIGKILLed at random moments, two folders at once."""
        async def both():
            return await asyncio.gather(*(kill_kernels(tmp_path / f"lane-{n}", 2000 + n, 10) for n in (0, 1)))

        began = time.monotonic()
        lanes = asyncio.run(both())
        print(f"\nkilled kernels: {lanes} in {time.monotonic() - began:.1f} s")
        assert sum(lane["kills"] for lane in lanes) >= 20


class TestConcurrentSaves:
    def test_two_processes_saving_different_items_keep_all(self, tmp_path):
        """Concurrent saves merge item by item: each process's items hold the last value it saved."""
        one, two = run_savers(tmp_path, shared=False)
        print(f"\nsaves: one {one['saves']}, two {two['saves']}")
        assert one["saves"] > 10 and two["saves"] > 10  # they did overlap
        assert saved(tmp_path) == {**one["last"], **two["last"]}

    def test_two_processes_saving_one_item_last_writer_wins(self, tmp_path):
        """For the same item the last writer wins: its value is one of the two final ones, never a mix."""
        one, two = run_savers(tmp_path, shared=True)
        print(f"\nsaves: one {one['saves']}, two {two['saves']}")
        answers = saved(tmp_path)
        assert answers.pop("shared") in (one["last"].pop("shared"), two["last"].pop("shared"))
        assert answers == {**one["last"], **two["last"]}

    def test_two_kernels_saving_different_items_keep_all(self, tmp_path):
        async def both():
            kernels = await asyncio.gather(start_kernel(tmp_path), start_kernel(tmp_path))
            start = time.time() + 1.0
            try:
                return await asyncio.gather(*(run_code(kc, merge_code(p, start, 1.5, False))
                                              for p, (_, kc) in zip(("one", "two"), kernels, strict=True)))
            finally:
                await asyncio.gather(*(stop_kernel(km, kc) for km, kc in kernels))

        one, two = (json.loads(out) for out in asyncio.run(both()))
        print(f"\nkernel saves: one {one['saves']}, two {two['saves']}")
        assert one["saves"] > 10 and two["saves"] > 10  # they did overlap
        assert saved(tmp_path) == {**one["last"], **two["last"]}
