"""A whole cohort at once on one hub (issue 19): 30 learners, each with a real single-user server
and kernel, at the same time.

Every learner's server is spawned at once; each learner, in their own kernel through the hub's
proxy, fetches the module, opens it (runs the notebook's cells, as Run All does), answers every
item through the widgets the page made, and submits. Meanwhile the test times each answer save
and a hub API call every half second, and samples each learner's memory. Then the instructor
collects and runs `cpsw autograde`. Nothing may be lost: every collected answers file equals what
that learner gave. Last, jupyterhub-idle-culler (configured as deploy/jupyterhub_config.py
configures it, with a short timeout) stops the idle servers.

The figures go to tests/artifacts/load.json and are printed; benchmarks/hub_load.py runs this
and prints them.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import statistics
import threading
import time
from pathlib import Path

import pytest
import requests
from helpers import ASSIGNMENT, REPO, python_bin
from hub import (
    COURSE_ID,
    SH,
    Hub,
    HubCourse,
    Kernel,
    in_course,
    processes_of,
    wait_for_grading_service,
)

from course_utils.instructor.simulate import Learner, simulate_answers
from course_utils.items.scoring import score_item

pytestmark = [pytest.mark.load, pytest.mark.hub, pytest.mark.slow]

COUNT = int(os.environ.get("CPSW_LOAD_LEARNERS", "30"))
LEARNERS = tuple(f"cpsw-load{n:02d}" for n in range(1, COUNT + 1))
IDLE_TIMEOUT = 60  # seconds: short, so the test sees the culler work; a deployment keeps 3600
# With so short a timeout the hub must hear of activity often (by default every 5 minutes, from
# the servers and the proxy), or a busy learner's server would look idle and be stopped.
ACTIVITY = """
c.JupyterHub.last_activity_interval = 10
c.Spawner.environment = {**c.Spawner.environment, "JUPYTERHUB_ACTIVITY_INTERVAL": "10"}
"""
HUB = HubCourse(Path("/srv/cpsw-load-test"), "cpsw-load-teacher", "cpsw-load-grader", LEARNERS,
                extra_env=(("CPSW_IDLE_TIMEOUT", str(IDLE_TIMEOUT)), ("CPSW_CULL_EVERY", "10")),
                extra_config=ACTIVITY)
ARTIFACT = REPO / "tests" / "artifacts" / "load.json"

# Open the module as Run All does, then answer through the widgets the page shows; time each save.
OPEN_AND_ANSWER = '''
folder = Path.home() / {course!r} / {assignment!r}
os.chdir(folder)
notebook = json.loads((folder / "{assignment}.ipynb").read_text())
for cell in notebook["cells"]:
    if cell["cell_type"] == "code":
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if not get_ipython().run_cell(source).success:
            raise RuntimeError(f"a cell of the module failed: {{source[:200]}}")
from course_utils.learner.exercise import active_views
from course_utils.core.storage import AnswerStore
seconds = []
for item_id, value in json.loads({answers!r}).items():
    started = time.perf_counter()
    active_views[item_id].set_answer(value)  # what the learner's clicks do: saved at once
    seconds.append(time.perf_counter() - started)
print(json.dumps({{"saved": AnswerStore(folder).answers(), "seconds": seconds}}))
'''


def plan(module) -> tuple[dict[str, dict], dict[str, dict[str, float]]]:
    """Each learner's simulated answers, and the score each auto-graded item must get."""
    rng = random.Random(19)
    learners = [Learner(name, rng.uniform(-2, 2.5)) for name in LEARNERS]
    _, simulated = simulate_answers(module, learners, seed=19)
    answers = dict(zip(LEARNERS, simulated, strict=True))
    expected = {name: {i.id: score_item(i, answers[name][i.id]).earned
                       for i in module.items if i.auto_graded} for name in LEARNERS}
    return answers, expected


class Sampler:
    """A thread doing one thing every `every` seconds until stopped, keeping what it returns."""

    def __init__(self, every: float, action) -> None:
        self.every, self.action, self.results = every, action, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.results.append(self.action())
            self._stop.wait(self.every)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join(30)


def rss_kib(pids: list[int]) -> int:
    """The resident memory of these processes together (KiB)."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines()
                       if line.startswith("VmRSS:")), 0)
    return total


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def learner(hub: Hub, name: str, token: str, answers: dict) -> dict:
    """One learner's whole turn; what they saved and how long each part took, or the error."""
    timeline: dict = {}
    kernel = Kernel(f"{hub.url}/user/{name}", token)
    try:
        await kernel.start()
        await kernel.run(SH)
        timeline["kernel ready"] = time.monotonic()
        await kernel.run(f"sh('nbgrader', 'fetch_assignment', {ASSIGNMENT!r})", timeout=600)
        done = await kernel.run_json(OPEN_AND_ANSWER.format(
            course=COURSE_ID, assignment=ASSIGNMENT, answers=json.dumps(answers)), timeout=900)
        timeline["answered"] = time.monotonic()
        await kernel.run(f"sh('nbgrader', 'submit', {ASSIGNMENT!r})", timeout=600)
        timeline["submitted"] = time.monotonic()
        return {"saved": done["saved"], "save seconds": done["seconds"], "times": timeline}
    except Exception as err:  # counted as an error of this learner, the wave goes on
        return {"error": f"{type(err).__name__}: {str(err)[-1500:]}", "times": timeline}
    finally:
        await kernel.shutdown()


async def wave(hub: Hub, tokens: dict[str, str], answers: dict) -> list[dict]:
    return await asyncio.gather(*(learner(hub, n, tokens[n], answers[n]) for n in LEARNERS))


def spawn_all(hub: Hub) -> None:
    """Ask the hub for every learner's server at once, as a room clicking Start together."""
    threads = [threading.Thread(target=hub.start_server, args=(n,)) for n in LEARNERS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)


def running(hub: Hub) -> set[str]:
    """The learners whose server the hub lists as running."""
    users = hub.api("GET", "/users", params={"state": "active"}).json()
    return {u["name"] for u in users if u["name"] in LEARNERS}


@pytest.fixture(scope="module")
def load(module):
    """Provision, start the hub, run the wave, grade, watch the culler; every figure."""
    answers, expected = plan(module)
    hub, config, env = HUB.hub_to_start("The load test")
    proxy_pid, out = 0, {"expected": expected, "answers": answers}
    try:
        hub.start(python_bin("jupyterhub"), config, env, HUB.root / "hub")
        proxy_pid = int((HUB.root / "hub" / "jupyterhub-proxy.pid").read_text())
        tokens = {name: hub.user_token(name) for name in (HUB.instructor, *LEARNERS)}
        hub.start_server(HUB.instructor)

        def api_call() -> tuple[float, bool]:
            started = time.perf_counter()
            try:
                ok = hub.session.get(f"{hub.url}/hub/api/users/{random.choice(LEARNERS)}", timeout=60).ok
            except requests.RequestException:
                ok = False
            return time.perf_counter() - started, ok

        peak: dict[str, int] = dict.fromkeys(LEARNERS, 0)

        def memory() -> None:
            for name in LEARNERS:
                peak[name] = max(peak[name], rss_kib(processes_of(name)))

        hub.wait(lambda: hub.server_ready(HUB.instructor), 240, "the instructor's server")
        wait_for_grading_service(hub, tokens[HUB.instructor])
        out["release"] = asyncio.run(in_course(hub, tokens[HUB.instructor], HUB.course, [
            ("nbgrader", "generate_assignment", ASSIGNMENT, "--force"),
            ("nbgrader", "release_assignment", ASSIGNMENT)]))
        with Sampler(0.5, api_call) as calls, Sampler(2.0, memory):
            first_spawn = time.monotonic()
            spawn_all(hub)
            hub.wait(lambda: running(hub) == set(LEARNERS) and all(hub.server_ready(n) for n in LEARNERS),
                     900, f"{COUNT} learners' servers")
            out["all servers ready s"] = time.monotonic() - first_spawn
            results = asyncio.run(wave(hub, tokens, answers))
            last_submission = time.monotonic()
        out["learners"] = dict(zip(LEARNERS, results, strict=True))
        out["first spawn to last submission s"] = last_submission - first_spawn
        out["api calls"] = calls.results
        out["peak rss kib"] = peak
        started = time.monotonic()
        out["grading"] = asyncio.run(in_course(hub, tokens[HUB.instructor], HUB.course, [
            ("nbgrader", "collect", ASSIGNMENT),
            ("cpsw", "autograde", ASSIGNMENT, "--jobs", "2")]))
        out["collect and autograde s"] = time.monotonic() - started
        culled_from = time.monotonic()
        hub.wait(lambda: not running(hub), IDLE_TIMEOUT + 240, "the idle culler to stop idle servers")
        out["culled after s"] = time.monotonic() - culled_from
        out["hub log"] = hub.log_tail(4000)
    finally:
        out["stray"] = HUB.stop(hub, proxy_pid)
    out["collected"] = {name: _collected(name) for name in LEARNERS}
    figures = summary(out)
    out["figures"] = figures
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(figures, indent=2) + "\n")
    shutil.rmtree(HUB.root)  # the exchange holds what the test learners wrote
    return out


def _collected(name: str) -> dict | None:
    path = HUB.course / "submitted" / name / ASSIGNMENT / "answers.json"
    try:
        return {k: v["value"] for k, v in json.loads(path.read_text())["answers"].items()}
    except (OSError, ValueError, KeyError):
        return None


def summary(out: dict) -> dict:
    """The figures an operator asks for, from one run."""
    learners = out["learners"].values()
    saves = [s for r in learners for s in r.get("save seconds", [])]
    calls = out["api calls"]
    call_seconds = [s for s, _ in calls]
    peaks = [kib / 1024 for kib in out["peak rss kib"].values()]
    # Lost: saved in the learner's server (the page said "Saved") but not in the collected file.
    lost = sum(1 for name, r in out["learners"].items() for item_id, value in r.get("saved", {}).items()
               if (out["collected"].get(name) or {}).get(item_id, "missing") != value)
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    return {
        "machine": f"{os.cpu_count()} cores, {memory_gib} GiB",
        "learners at once": COUNT,
        "answers given": sum(len(a) for a in out["answers"].values()),
        "answers saved": sum(len(r.get("saved", {})) for r in learners),
        "answers lost": lost,
        "learner errors": sum(1 for r in learners if "error" in r),
        "hub API errors": sum(1 for _, ok in calls if not ok),
        "answer save p50 ms": round(1000 * statistics.median(saves), 1) if saves else None,
        "answer save p95 ms": round(1000 * percentile(saves, 0.95), 1) if saves else None,
        "hub API call p50 ms": round(1000 * statistics.median(call_seconds), 1),
        "hub API call p95 ms": round(1000 * percentile(call_seconds, 0.95), 1),
        "hub API calls during the wave": len(calls),
        "peak memory per learner MiB (median, max)": [round(statistics.median(peaks)), round(max(peaks))],
        "all servers ready s": round(out["all servers ready s"], 1),
        "first spawn to last submission s": round(out["first spawn to last submission s"], 1),
        "collect and autograde s": round(out["collect and autograde s"], 1),
        "idle servers culled within s": round(out["culled after s"], 1),
    }


class TestCohortAtOnce:
    def test_the_figures(self, load, capsys):
        with capsys.disabled():
            print("\n\nLoad test, one run:")
            for name, value in load["figures"].items():
                print(f"  {name}: {value}")
        assert load["figures"]["learners at once"] >= 30 or "CPSW_LOAD_LEARNERS" in os.environ

    def test_every_learner_finished_without_an_error(self, load):
        errors = {n: r["error"] for n, r in load["learners"].items() if "error" in r}
        assert errors == {}, errors

    def test_no_answer_is_lost(self, load):
        """Every collected answers file equals what that learner gave, item by item."""
        for name in LEARNERS:
            assert load["collected"][name] == json.loads(json.dumps(load["answers"][name])), name
        assert load["figures"]["answers lost"] == 0

    def test_the_hub_answered_every_api_call_during_the_wave(self, load):
        assert load["figures"]["hub API errors"] == 0
        assert load["figures"]["hub API calls during the wave"] >= 10

    def test_autograde_grades_every_learner_with_the_scores_their_answers_earn(self, load):
        from nbgrader.api import Gradebook

        assert f"{COUNT} graded, 0 flagged" in load["grading"]["autograde"], load["grading"]["autograde"]
        with Gradebook(f"sqlite:///{HUB.course / 'gradebook.db'}") as gb:
            for name in LEARNERS:
                grades = {g.name: g.auto_score for nb in gb.find_submission(ASSIGNMENT, name).notebooks
                          for g in nb.grades}
                for item_id, score in load["expected"][name].items():
                    assert grades[f"{item_id}-grade"] == pytest.approx(score, abs=0.01), (name, item_id)

    def test_the_idle_culler_stopped_the_idle_servers(self, load):
        assert "idle-culler" in load["hub log"] and "Culling server" in load["hub log"]

    def test_nothing_is_left_running(self, load):
        assert load["stray"] == {}
