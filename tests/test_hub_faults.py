"""Faults during a session on the real hub (issue 19): nothing a learner gave may be lost.

- The hub process is killed (SIGKILL) and started again while learners are working: their
  servers keep running and keep their answers, the proxy routes to them again, and the learner
  goes on and submits.
- A learner's server and kernel are killed while answers are being saved: the answers file is
  whole (one of the values given, never half a file), the server starts again through the hub and
  the page restores that answer.
- The exchange is not writable when a learner presses Submit: a message says so, nothing of
  theirs is half-submitted, and Submit works once the exchange is writable again.
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import shutil
import signal
import time
from pathlib import Path

import pytest
import requests
from helpers import ASSIGNMENT, python_bin
from hub import COURSE_ID, SH, Hub, HubCourse, Kernel, in_course, processes_of, wait_for_grading_service

from course_utils.instructor.simulate import Learner, simulate_answers

pytestmark = [pytest.mark.hub, pytest.mark.slow]

STAYS, CRASHES = "cpsw-fault1", "cpsw-fault2"
HUB = HubCourse(Path("/srv/cpsw-fault-test"), "cpsw-fault-teacher", "cpsw-fault-grader", (STAYS, CRASHES))
FOLDER = f"Path.home() / {COURSE_ID!r} / {ASSIGNMENT!r}"

ANSWER_SOME = f'''
os.chdir({FOLDER})
from course_utils.core.storage import AnswerStore
from course_utils.items.public import load_items
from course_utils.items.widgets import make_view
items, store = load_items({FOLDER}), AnswerStore({FOLDER})
for item_id, value in json.loads(%r).items():
    make_view(items[item_id], store).set_answer(value)  # what the learner's clicks do
print(json.dumps(AnswerStore({FOLDER}).answers()))
'''

# Drafts of one written reply saved one after another, as a learner typing: each printed once saved.
TYPE_DRAFTS = f'''
from course_utils.core.storage import AnswerStore
from course_utils.items.public import load_items
from course_utils.items.widgets import make_view
view = make_view(load_items({FOLDER})[%r], AnswerStore({FOLDER}))
for n in range(100000):
    view.text.value = f"draft {{n}}: it sounds like the waiting has worn you down"
    print(n, flush=True)
'''

SUBMIT = f'''
from course_utils.learner.exchange import submit
result = submit({FOLDER})
print(json.dumps([result.ok, result.message]))
'''


def saved_answers(name: str) -> dict:
    path = Path("/home") / name / COURSE_ID / ASSIGNMENT / "answers.json"
    return {k: v["value"] for k, v in json.loads(path.read_text())["answers"].items()}


def server_started(hub: Hub, name: str) -> str:
    return hub.api("GET", f"/users/{name}").json()["servers"][""]["started"]


async def learner_kernel(hub: Hub, name: str, token: str) -> Kernel:
    kernel = await Kernel(f"{hub.url}/user/{name}", token).start()
    await kernel.run(SH)
    return kernel


@pytest.fixture(scope="module")
def faults(module):
    """Provision, start the hub, run the three faults; what each left behind."""
    _, (given, _) = simulate_answers(module, [Learner(STAYS, 1.0), Learner(CRASHES, 0.0)], seed=7)
    hub, config, env = HUB.hub_to_start("The hub fault test")
    out: dict = {"given": given}
    proxy_pid = 0
    try:
        hub.start(python_bin("jupyterhub"), config, env, HUB.root / "hub")
        tokens = {n: hub.user_token(n) for n in (HUB.instructor, STAYS, CRASHES)}
        for name in (HUB.instructor, STAYS, CRASHES):
            hub.start_server(name)
        hub.wait(lambda: all(hub.server_ready(n) for n in (HUB.instructor, STAYS, CRASHES)), 240, "servers")
        wait_for_grading_service(hub, tokens[HUB.instructor])
        asyncio.run(in_course(hub, tokens[HUB.instructor], HUB.course, [
            ("nbgrader", "generate_assignment", ASSIGNMENT, "--force"),
            ("nbgrader", "release_assignment", ASSIGNMENT)]))
        out.update(asyncio.run(hub_killed(hub, config, env, tokens[STAYS], given)))
        out.update(asyncio.run(server_killed(hub, tokens[CRASHES], module)))
        out.update(asyncio.run(exchange_closed(hub, tokens[STAYS])))
        asyncio.run(in_course(hub, tokens[HUB.instructor], HUB.course, [("nbgrader", "collect", ASSIGNMENT)]))
        proxy_pid = int((HUB.root / "hub" / "jupyterhub-proxy.pid").read_text())
    finally:
        out["stray"] = HUB.stop(hub, proxy_pid)
    out["collected"] = {n: _collected(n) for n in (STAYS, CRASHES)}
    shutil.rmtree(HUB.root)  # the exchange holds what the test learners wrote
    return out


def managed_services(hub_pid: int) -> list[int]:
    """The hub's managed services (the grading server, the idle culler): its children that are
    not a learner's or instructor's server and not the proxy."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == hub_pid and ("jupyterhub_idle_culler" in command
                                          or entry.stat().st_uid == pwd.getpwnam(HUB.grader).pw_uid):
            found.append(int(entry.name))
    return found


async def hub_killed(hub: Hub, config: Path, env: dict, token: str, given: dict) -> dict:
    """Half the answers, the hub killed and restarted, the other half, submit."""
    ids = list(given)
    first, second = {i: given[i] for i in ids[::2]}, {i: given[i] for i in ids[1::2]}
    kernel = await learner_kernel(hub, STAYS, token)
    await kernel.run(f"sh('nbgrader', 'fetch_assignment', {ASSIGNMENT!r})")
    await kernel.run(ANSWER_SOME % json.dumps(first))
    await kernel.shutdown()
    started_before, pids_before = server_started(hub, STAYS), set(processes_of(STAYS))
    services = managed_services(hub.proc.pid)
    os.kill(hub.proc.pid, signal.SIGKILL)  # the hub dies; its servers, proxy and services do not
    hub.proc.wait(30)
    for pid in services:  # the recovery step docs/deploy.md gives: stop the orphaned services
        os.kill(pid, signal.SIGTERM)
    answers_while_down = saved_answers(STAYS)
    restart = time.monotonic()
    hub.start(python_bin("jupyterhub"), config, env, HUB.root / "hub")
    hub.wait(lambda: requests.get(f"{hub.url}/user/{STAYS}/api/status", timeout=30,
                                  headers={"Authorization": f"token {token}"}).ok, 120,
             "the proxy to route to the learner's server again")
    back_after = time.monotonic() - restart
    kernel = await learner_kernel(hub, STAYS, token)
    await kernel.run(ANSWER_SOME % json.dumps(second))
    submitted = await kernel.run_json(SUBMIT)
    await kernel.shutdown()
    return {"answers while the hub was down": answers_while_down, "first half": first,
            "same server": (server_started(hub, STAYS) == started_before,
                            bool(pids_before & set(processes_of(STAYS)))),
            "back after s": back_after, "submit after the restart": submitted,
            "orphaned services": len(services)}


async def server_killed(hub: Hub, token: str, module) -> dict:
    """Drafts of a reply saved in a loop; the learner's server and kernel killed mid-loop."""
    item_id = next(i.id for i in module.items if i.kind == "written_reply")
    kernel = await learner_kernel(hub, CRASHES, token)
    await kernel.run(f"sh('nbgrader', 'fetch_assignment', {ASSIGNMENT!r})")
    typing = asyncio.ensure_future(kernel.run(TYPE_DRAFTS % item_id, timeout=120))
    await asyncio.sleep(3.0)
    for pid in processes_of(CRASHES):  # the server and its kernel, at once
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(Exception):  # noqa: B017 (the websocket closes in whatever way it closes)
        await typing
    folder = Path("/home") / CRASHES / COURSE_ID / ASSIGNMENT
    after_kill = saved_answers(CRASHES)[item_id]
    leftovers = sorted(p.name for p in folder.iterdir() if p.name.startswith(".answers"))
    hub.wait(lambda: not hub.server_ready(CRASHES), 120, "the hub to notice the dead server")
    hub.start_server(CRASHES)
    hub.wait(lambda: hub.server_ready(CRASHES), 240, "the learner's server to start again")
    kernel = await learner_kernel(hub, CRASHES, token)
    restored = await kernel.run_json(
        f"from course_utils.core.storage import AnswerStore\n"
        f"print(json.dumps(AnswerStore({FOLDER}).get({item_id!r})))")
    submitted = await kernel.run_json(SUBMIT)
    await kernel.shutdown()
    return {"draft after kill": after_kill, "restored draft": restored, "leftovers": leftovers,
            "submit after the crash": submitted, "draft item": item_id}


async def exchange_closed(hub: Hub, token: str) -> dict:
    """Submit while the exchange's inbound folder is not writable, then again once it is."""
    inbound = HUB.exchange / COURSE_ID / "inbound"
    mode = inbound.stat().st_mode & 0o7777
    before = sorted(p.name for p in inbound.iterdir() if p.name.startswith(f"{STAYS}+"))
    kernel = await learner_kernel(hub, STAYS, token)
    try:
        inbound.chmod(0o755)  # root's folder: learners cannot write in it
        refused = await kernel.run_json(SUBMIT)
        during = sorted(p.name for p in inbound.iterdir() if p.name.startswith(f"{STAYS}+"))
    finally:
        inbound.chmod(mode)
    again = await kernel.run_json(SUBMIT)
    await kernel.shutdown()
    after = sorted(p.name for p in inbound.iterdir() if p.name.startswith(f"{STAYS}+"))
    return {"refused submit": refused, "inbound before": before, "inbound during": during,
            "inbound after": after, "submit once writable": again}


def _collected(name: str) -> dict | None:
    path = HUB.course / "submitted" / name / ASSIGNMENT / "answers.json"
    try:
        return {k: v["value"] for k, v in json.loads(path.read_text())["answers"].items()}
    except (OSError, ValueError, KeyError):
        return None


class TestHubKilled:
    def test_the_server_kept_running_and_kept_the_answers(self, faults):
        assert faults["same server"] == (True, True)
        first = json.loads(json.dumps(faults["first half"]))
        assert faults["answers while the hub was down"] == first

    def test_its_grading_server_and_idle_culler_were_left_running_and_were_stopped(self, faults):
        assert faults["orphaned services"] == 2

    def test_the_learner_goes_on_and_every_answer_is_collected(self, faults):
        assert faults["submit after the restart"][0], faults["submit after the restart"]
        assert faults["collected"][STAYS] == json.loads(json.dumps(faults["given"]))


class TestServerKilledMidSave:
    def test_the_answers_file_is_whole_and_holds_one_of_the_drafts(self, faults):
        assert faults["draft after kill"].startswith("draft ")
        # a save cut short may leave its temporary file (swept later), never a half answers.json
        assert all(n.endswith((".tmp", ".lock")) for n in faults["leftovers"]), faults["leftovers"]

    def test_the_restarted_page_restores_that_draft_and_it_is_collected(self, faults):
        assert faults["restored draft"] == faults["draft after kill"]
        assert faults["submit after the crash"][0], faults["submit after the crash"]
        assert faults["collected"][CRASHES][faults["draft item"]] == faults["draft after kill"]


class TestExchangeNotWritable:
    def test_submit_says_so_and_leaves_nothing_half_submitted(self, faults):
        ok, message = faults["refused submit"]
        assert not ok and message.startswith("Not submitted:") and "try again" in message, message
        assert faults["inbound during"] == faults["inbound before"]

    def test_submit_works_once_the_exchange_is_writable_again(self, faults):
        assert faults["submit once writable"][0], faults["submit once writable"]
        assert len(faults["inbound after"]) == len(faults["inbound before"]) + 1

    def test_nothing_is_left_running(self, faults):
        assert faults["stray"] == {}
