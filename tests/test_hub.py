"""The course on a real JupyterHub with real local accounts, driven through the hub.

deploy/provision.py prepares the machine (accounts, exchange, single-user environment, grader
account with the course); JupyterHub starts from deploy/jupyterhub_config.py with only the
authenticator and an admin service for the test changed. Then, through the hub's proxy and each
person's own token and kernel: the instructor releases the assignment from the shared grading
server; three learners fetch it, answer through the widgets and submit; the instructor collects,
autogrades in parallel and releases feedback; each learner fetches their feedback. Learners are
refused others' files and the instructor's. Prints the wall time of every stage.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import subprocess
import time
from html import unescape
from pathlib import Path

import pytest
import requests
from helpers import ASSIGNMENT, REPO, python_bin
from hub import CHP, COURSE_ID, SH, Hub, HubCourse, Kernel, free_port

from course_utils.instructor.simulate import Learner, simulate_answers
from course_utils.items.scoring import score_item

pytestmark = [pytest.mark.hub, pytest.mark.slow]

INSTRUCTOR = "cpsw-instructor"
GRADER = "cpsw-grader"
LEARNERS = ("cpsw-learner1", "cpsw-learner2", "cpsw-learner3")
HUB = HubCourse(Path("/srv/cpsw-hub-test"), INSTRUCTOR, GRADER, LEARNERS)
ACCOUNTS = HUB.accounts
ABILITIES = (-1.0, 0.5, 2.5)
# A word only this learner writes: it must be in their feedback and in nobody else's.
CODE_WORDS = dict(zip(LEARNERS, ("marigold-4417", "juniper-2093", "saffron-8861"), strict=True))
REFLECTION = "I would like to get better at staying with someone's feelings without fixing them."
ROOT = HUB.root
EXCHANGE = HUB.exchange
COURSE = HUB.course

ANSWER = '''
from course_utils.items.public import load_items
from course_utils.core.storage import AnswerStore
from course_utils.items.widgets import make_view
folder = Path.home() / {course!r} / {assignment!r}
items, store = load_items(folder), AnswerStore(folder)
for item_id, value in json.loads({answers!r}).items():
    make_view(items[item_id], store).set_answer(value)  # what the learner's clicks do
print(json.dumps(AnswerStore(folder).answers()))
'''

READ_FEEDBACK = '''
pages = glob.glob(str(Path.home() / {course!r} / {assignment!r} / "feedback" / "*" / "*.html"))
found = {{}}
for page in pages:
    text = Path(page).read_text()
    found[page] = [w for w in {words!r} if w in text]
print(json.dumps(found))
'''

TRY_OTHERS = '''
def attempt(action):
    try:
        action()
    except OSError as err:
        return type(err).__name__
    return "allowed"
other, course, exchange = {other!r}, {course_dir!r}, {exchange!r}
tries = {{
    "list another learner's home": lambda: os.listdir(f"/home/{{other}}"),
    "read another learner's answers": lambda: open(
        f"/home/{{other}}/{course_id}/{assignment}/answers.json").read(),
    "list the exchange's submissions": lambda: os.listdir(f"{{exchange}}/{course_id}/inbound"),
    "list the exchange's released feedback": lambda: os.listdir(f"{{exchange}}/{course_id}/feedback"),
    "list the course folder": lambda: os.listdir(course),
    "read the instructor's source notebook": lambda: open(
        f"{{course}}/source/{assignment}/{assignment}.ipynb").read(),
    "read another learner's collected submission": lambda: open(
        f"{{course}}/submitted/{{other}}/{assignment}/answers.json").read(),
    "read another learner's feedback in the course": lambda: open(
        f"{{course}}/feedback/{{other}}/{assignment}/{assignment}.html").read(),
    "read the gradebook": lambda: open(f"{{course}}/gradebook.db", "rb").read(),
}}
result = {{name: attempt(action) for name, action in tries.items()}}
result["submissions of another learner found"] = len(
    glob.glob(f"{{exchange}}/{course_id}/inbound/{{other}}+*"))
print(json.dumps(result))
'''


ATTEMPT = '''
p = subprocess.run({args!r}, cwd=Path.home(), capture_output=True, text=True)
print(json.dumps([p.returncode, p.stdout + p.stderr]))
'''


def plan(module) -> tuple[dict[str, dict], dict[str, dict[str, float]]]:
    """Each learner's answers (simulated, with their own reflection) and the score each
    auto-graded item must get."""
    learners = [Learner(name, ability) for name, ability in zip(LEARNERS, ABILITIES, strict=True)]
    _, simulated = simulate_answers(module, learners, seed=5)
    answers, expected = {}, {}
    for name, given in zip(LEARNERS, simulated, strict=True):
        for item in module.items:
            if item.kind == "reflection":
                given[item.id] = f"{REFLECTION} My code word is {CODE_WORDS[name]}."
        answers[name] = given
        expected[name] = {item.id: score_item(item, given[item.id]).earned
                          for item in module.items if item.auto_graded}
    return answers, expected


def timed(times: dict[str, float], name: str, started: float) -> None:
    times[name] = round(time.monotonic() - started, 2)


async def learner_turn(kernel: Kernel, name: str, answers: dict, times: dict) -> dict:
    """Fetch, answer every item through the widgets, submit."""
    started = time.monotonic()
    await kernel.run(f"sh('nbgrader', 'fetch_assignment', {ASSIGNMENT!r})")
    timed(times, f"{name}: fetch", started)
    started = time.monotonic()
    saved = await kernel.run_json(ANSWER.format(course=COURSE_ID, assignment=ASSIGNMENT,
                                                answers=json.dumps(answers)))
    timed(times, f"{name}: answer every item", started)
    started = time.monotonic()
    await kernel.run(f"sh('nbgrader', 'submit', {ASSIGNMENT!r})")
    timed(times, f"{name}: submit", started)
    return saved


async def fetch_feedback(kernel: Kernel, name: str, times: dict) -> dict:
    started = time.monotonic()
    await kernel.run(f"sh('nbgrader', 'fetch_feedback', {ASSIGNMENT!r})")
    timed(times, f"{name}: fetch feedback", started)
    return await kernel.run_json(READ_FEEDBACK.format(course=COURSE_ID, assignment=ASSIGNMENT,
                                                      words=list(CODE_WORDS.values())))


async def drive(hub: Hub, tokens: dict[str, str], answers: dict, times: dict) -> dict:
    """The whole cycle through the hub, each person in their own kernel."""
    url, started = hub.url, time.monotonic()
    grading, *learner_kernels = await asyncio.gather(
        Kernel(f"{url}/services/{COURSE_ID}", tokens[INSTRUCTOR]).start(),
        *(Kernel(f"{url}/user/{name}", tokens[name]).start() for name in LEARNERS))
    kernels = dict(zip(LEARNERS, learner_kernels, strict=True))
    await asyncio.gather(*(k.run(SH) for k in (grading, *learner_kernels)))
    timed(times, "kernels start (4, in parallel)", started)
    result: dict = {}
    try:
        def grade(*args: str) -> str:
            return f"sh({', '.join(map(repr, args))}, cwd={str(COURSE)!r})"

        started = time.monotonic()
        await grading.run(grade("nbgrader", "generate_assignment", ASSIGNMENT, "--force"))
        timed(times, "instructor: generate_assignment (gradebook)", started)

        cycle = time.monotonic()
        started = time.monotonic()
        await grading.run(grade("nbgrader", "release_assignment", ASSIGNMENT))
        timed(times, "instructor: release_assignment", started)
        started = time.monotonic()
        saved = await asyncio.gather(*(learner_turn(kernels[n], n, answers[n], times)
                                       for n in LEARNERS))
        result["saved"] = dict(zip(LEARNERS, saved, strict=True))
        timed(times, "3 learners: fetch, answer, submit (in parallel)", started)
        for step, args in (("collect", ("nbgrader", "collect", ASSIGNMENT)),
                           ("cpsw autograde --jobs 2", ("cpsw", "autograde", ASSIGNMENT,
                                                         "--jobs", "2")),
                           ("generate_feedback", ("nbgrader", "generate_feedback", ASSIGNMENT)),
                           ("release_feedback", ("nbgrader", "release_feedback", ASSIGNMENT))):
            started = time.monotonic()
            result[step] = await grading.run(grade(*args), timeout=600)
            timed(times, f"instructor: {step}", started)
        started = time.monotonic()
        feedback = await asyncio.gather(*(fetch_feedback(kernels[n], n, times) for n in LEARNERS))
        result["feedback"] = dict(zip(LEARNERS, feedback, strict=True))
        timed(times, "3 learners: fetch feedback (in parallel)", started)
        timed(times, "FULL CYCLE: release -> feedback fetched, 3 learners", cycle)

        result["tries"] = await kernels[LEARNERS[0]].run_json(TRY_OTHERS.format(
            other=LEARNERS[1], course_dir=str(COURSE), exchange=str(EXCHANGE),
            course_id=COURSE_ID, assignment=ASSIGNMENT))
        # Out of the course: nbgrader asks the hub, which no longer lists the learner.
        leaver = LEARNERS[2]
        await asyncio.to_thread(hub.api, "DELETE", f"/groups/nbgrader-{COURSE_ID}/users",
                                json={"users": [leaver]})
        result["submit after leaving"] = await kernels[leaver].run_json(
            ATTEMPT.format(args=["nbgrader", "submit", ASSIGNMENT]))
    finally:
        await asyncio.gather(*(k.shutdown() for k in (grading, *learner_kernels)),
                             return_exceptions=True)
    return result


def http_status(url: str, token: str) -> int:
    return requests.get(url, headers={"Authorization": f"token {token}"}, allow_redirects=False,
                        timeout=60).status_code


@pytest.fixture(scope="module")
def run(module):
    """Provision, start the hub, run the whole cycle, stop everything; what happened."""
    if os.geteuid() != 0:
        pytest.fail("The hub test creates local accounts and starts servers as them: run it as "
                    "root (CI does).")
    if not os.access(CHP, os.X_OK):
        pytest.fail(f"configurable-http-proxy is missing at {CHP}: run `make browser-deps`.")
    times: dict[str, float] = {}
    HUB.prepare()
    ports = {k: free_port() for k in ("public", "hub", "proxy_api", "service")}
    env = HUB.environment(ports)
    started = time.monotonic()
    provision, report = HUB.provision(env)
    timed(times, "provision (accounts, exchange, single-user environment, course)", started)
    assert provision.returncode == 0, provision.stdout[-3000:] + provision.stderr[-5000:]

    token = secrets.token_hex(32)
    config = HUB.config(token)
    hub = Hub(f"http://127.0.0.1:{ports['public']}", token, ROOT / "hub.log")
    proxy_pid = 0
    url = hub.url
    result: dict = {"times": times, "provision": report}
    try:
        started = time.monotonic()
        hub.start(python_bin("jupyterhub"), config, env, ROOT / "hub")
        timed(times, "hub start", started)
        proxy_pid = int((ROOT / "hub" / "jupyterhub-proxy.pid").read_text())
        tokens = {name: hub.user_token(name) for name in (INSTRUCTOR, *LEARNERS)}
        started = time.monotonic()
        for name in (INSTRUCTOR, *LEARNERS):
            hub.start_server(name)
        hub.wait(lambda: all(hub.server_ready(n) for n in (INSTRUCTOR, *LEARNERS)), 240,
                 "the single-user servers")
        hub.wait(lambda: http_status(f"{url}/services/{COURSE_ID}/api/status",
                                     tokens[INSTRUCTOR]) == 200, 240, "the grading service")
        timed(times, "servers start (4 users + grading service, in parallel)", started)
        result["groups"] = {g["name"]: sorted(g["users"])
                            for g in hub.api("GET", "/groups").json()}
        result.update(asyncio.run(drive(hub, tokens, plan(module)[0], times)))
        learner, other = LEARNERS[0], LEARNERS[1]
        result["http"] = {
            "learner opens another learner's server": http_status(
                f"{url}/user/{other}/api/contents", tokens[learner]),
            "learner opens the grading server": http_status(
                f"{url}/services/{COURSE_ID}/api/contents", tokens[learner]),
            "learner opens the formgrader": http_status(
                f"{url}/services/{COURSE_ID}/formgrader/api/status", tokens[learner]),
            "instructor opens the formgrader": http_status(
                f"{url}/services/{COURSE_ID}/formgrader/api/status", tokens[INSTRUCTOR]),
            "formgrader in a learner's own server": http_status(
                f"{url}/user/{learner}/formgrader/api/status", tokens[learner]),
            "course list in a learner's own server": http_status(
                f"{url}/user/{learner}/formgraders", tokens[learner]),
        }
        page = requests.get(f"{url}/services/{COURSE_ID}/formgrader/manage_assignments",
                            headers={"Authorization": f"token {tokens[INSTRUCTOR]}"}, timeout=60)
        result["formgrader page"] = (page.status_code, {k.lower(): v for k, v in page.headers.items()},
                                     page.text)
        result["course list"] = requests.get(
            f"{url}/user/{INSTRUCTOR}/formgraders", timeout=60,
            headers={"Authorization": f"token {tokens[INSTRUCTOR]}"}).json()
        as_learner = {"Authorization": f"token {tokens[learner]}"}
        page = requests.get(f"{url}/user/{learner}/voila/render/{COURSE_ID}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb",
                            headers=as_learner, timeout=300)
        result["learner page"] = (page.status_code, page.text)
        settings = f"{url}/user/{learner}/lab/api/settings"
        news = requests.get(f"{settings}/@jupyterlab/apputils-extension:notification",
                            headers=as_learner, timeout=60)
        result["learner news setting"] = news.json()["schema"]["properties"]["fetchNews"]["default"]
    finally:
        started = time.monotonic()
        result["stray"] = HUB.stop(hub, proxy_pid)
        timed(times, "hub and servers stop", started)
        print_times(times, report)
    artifacts = REPO / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "hub_times.json").write_text(json.dumps(times, indent=2) + "\n")
    shutil.copyfile(hub.log_path, artifacts / "hub.log")
    shutil.rmtree(ROOT)  # the exchange holds what the test learners wrote
    return result


def print_times(times: dict[str, float], report: list[str]) -> None:
    print("\n\nHub test: wall times (s)")
    for line in report:
        print(f"  {line}")
    for name, seconds in times.items():
        print(f"  {seconds:8.2f}  {name}")


class TestHubSetup:
    def test_groups_are_the_ones_nbgrader_reads(self, run):
        assert run["groups"][f"formgrade-{COURSE_ID}"] == sorted([INSTRUCTOR, GRADER])
        assert run["groups"][f"nbgrader-{COURSE_ID}"] == sorted(LEARNERS)

    def test_only_graders_reach_the_grading_server_and_formgrader(self, run):
        assert run["http"] == {
            "learner opens another learner's server": 403,
            "learner opens the grading server": 403,
            "learner opens the formgrader": 403,
            "instructor opens the formgrader": 200,
            "formgrader in a learner's own server": 404,
            "course list in a learner's own server": 404,
        }

    def test_formgrader_keeps_jupyterhubs_protection_against_framing(self, run):
        """JupyterHub 4.1+ forbids framing single-user pages (nbgrader issue #1870); the deploy
        keeps that, so the formgrader opens in its own browser tab, not in a JupyterLab tab."""
        status, headers, text = run["formgrader page"]
        assert status == 200 and "Manage Assignments" in text
        assert "frame-ancestors 'none'" in headers.get("content-security-policy", ""), headers

    def test_instructor_finds_the_course_formgrader_in_their_course_list(self, run):
        assert run["course list"]["success"], run["course list"]
        (course,) = run["course list"]["value"]
        assert course["course_id"] == COURSE_ID and course["kind"] == "jupyterhub"
        assert course["url"].endswith(f"/services/{COURSE_ID}/lab?formgrader=true")

    def test_a_learner_opens_a_module_as_a_page_that_ran_with_no_code(self, run):
        status, html = run["learner page"]
        assert status == 200, html[-2000:]
        assert html.count("application/vnd.jupyter.widget-view+json") >= 14  # every exercise ran
        assert "show_item(" not in html and "from course_utils" not in html

    def test_learners_get_the_learner_settings_staff_do_not(self, run):
        assert run["learner news setting"] == "false"  # provision.py wrote their ~/.jupyter
        assert not (Path("/home") / INSTRUCTOR / ".jupyter" / "custom" / "custom.css").exists()

    def test_nothing_is_left_running(self, run):
        assert run["stray"] == {}


class TestHubCycle:
    def test_every_learner_saved_every_answer(self, run, module):
        answers, _ = plan(module)
        for name in LEARNERS:
            assert run["saved"][name] == json.loads(json.dumps(answers[name])), name

    def test_autograde_gives_each_learner_the_scores_their_answers_earn(self, run, module):
        from nbgrader.api import Gradebook

        _, expected = plan(module)
        with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gb:
            for name in LEARNERS:
                sub = gb.find_submission(ASSIGNMENT, name)
                grades = {g.name: g for nb in sub.notebooks for g in nb.grades}
                for item_id, score in expected[name].items():
                    grade = grades[f"{item_id}-grade"]
                    assert grade.auto_score == pytest.approx(score, abs=0.01), (name, item_id)
                    assert not grade.needs_manual_grade, (name, item_id)
        totals = [sum(expected[n].values()) for n in LEARNERS]
        assert len(set(totals)) == len(LEARNERS), "learners must differ to tell them apart"

    def test_each_learner_gets_their_own_feedback_and_nobody_elses(self, run):
        for name in LEARNERS:
            pages = run["feedback"][name]
            assert len(pages) == 1, (name, pages)
            ((page, words),) = pages.items()
            assert words == [CODE_WORDS[name]], name
            assert REFLECTION in unescape(Path(page).read_text())

    def test_feedback_in_the_exchange_is_their_own_page(self, run):
        for name in LEARNERS:
            (page,) = run["feedback"][name]
            assert page.startswith(f"/home/{name}/{COURSE_ID}/{ASSIGNMENT}/feedback/")
            assert Path(page).stat().st_uid == int(subprocess.check_output(["id", "-u", name]))

    def test_parallel_autograde_grades_all_three_and_flags_none(self, run):
        assert "3 graded, 0 flagged" in run["cpsw autograde --jobs 2"]


class TestLearnerIsRefused:
    def test_other_learners_files_the_course_and_the_exchange_are_refused(self, run):
        tries = dict(run["tries"])
        assert tries.pop("submissions of another learner found") == 0
        assert tries == dict.fromkeys(tries, "PermissionError"), tries
        assert len(tries) == 9

    def test_a_learner_taken_out_of_the_course_group_cannot_submit(self, run):
        code, log = run["submit after leaving"]
        assert code != 0 and "You do not have access to this course." in log, log

