"""The `cpsw` command: one subcommand per course job."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from course_utils.assign.nbgrader_run import NbgraderError
from course_utils.items.model import ContentError


def main(argv: list[str] | None = None) -> int:
    """Entry point of `cpsw`; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except ContentError as err:
        print(err, file=sys.stderr)
        print("Nothing was changed. Fix the fields named above and run the command again.",
              file=sys.stderr)
        return 2
    except NbgraderError as err:
        print(err, file=sys.stderr)
        return 3


def parser() -> argparse.ArgumentParser:
    """The `cpsw` argument parser: each subcommand names its handler."""
    top = argparse.ArgumentParser(prog="cpsw", description="Being Present course tools.")
    top.add_argument("--course", type=Path, default=Path.cwd(),
                     help="the course folder (default: the current folder)")
    sub = top.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="validate content, then regenerate source/ and release/")
    b.add_argument("--no-release", action="store_true", help="regenerate source/ only")
    b.set_defaults(handler=_build)
    sub.add_parser("check", help="validate content only; change nothing").set_defaults(
        handler=lambda args: _check(args.course))
    c = sub.add_parser("cues", help="every cue figure with its items, each test-wise strategy's share "
                                    "and the items it answers fully right")
    c.add_argument("assignment", nargs="*",
                   help="only these assignments, each on its own, unenforced figures included "
                        "(default: the whole course and every module, as `cpsw check` does)")
    c.set_defaults(handler=_cues)
    d = sub.add_parser("demo", help="build, simulate a cohort, autograde, feedback, export")
    d.add_argument("--learners", type=int, default=25, help="size of the simulated cohort")
    d.add_argument("--seed", type=int, default=7, help="random seed of the simulation")
    d.set_defaults(handler=_demo)
    a = sub.add_parser("autograde", help="autograde all submissions in parallel through nbgrader")
    a.add_argument("assignment", help="the assignment to grade, e.g. being_present")
    a.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    a.add_argument("--student", action="append", help="grade only this student (repeatable)")
    a.add_argument("--sandbox", action="store_true",
                   help="run each kernel in a bubblewrap sandbox: it sees only its own submission, "
                        "with a memory limit and a 30 s cell timeout (see README, Security)")
    a.add_argument("--regrade", action="store_true",
                   help="grade again submissions this tool already graded (after a content fix); "
                        "scores graders set stay, and any whose automatic score changed are listed")
    a.set_defaults(handler=lambda args: _autograde(args.course, args.assignment, args.jobs,
                                                   args.student, args.sandbox, args.regrade))
    rp = sub.add_parser("roleplay", help="play a role-play's persona in the terminal: a reply per "
                                         "line, the peer's answers, then the outcome and debrief")
    rp.add_argument("item", help="the role-play's item id, e.g. bp-roleplay-letter")
    rp.add_argument("--script", type=Path, help="a file of replies, one per line, played in turn "
                                                "(default: type them; Ctrl-D ends)")
    rp.add_argument("--seed", type=int, default=0, help="which variant of the peer's lines to start from")
    rp.set_defaults(handler=_roleplay)
    e = sub.add_parser("export", help="grades CSV through nbgrader; written text only on request")
    e.add_argument("--to", type=Path, default=Path("grades.csv"), help="the grades CSV to write")
    e.add_argument("--include-text", action="store_true",
                   help="also write written replies and reflections to written_text.csv "
                        "(they may hold lived experience: share with care)")
    e.set_defaults(handler=_export)
    f = sub.add_parser("feedback", help="write every feedback page again from the gradebook (nbgrader "
                                         "generate_feedback --force) and say whose pages changed")
    f.add_argument("assignment", help="the assignment, e.g. being_present")
    f.add_argument("--student", action="append", help="only this learner's page (repeatable)")
    f.set_defaults(handler=_feedback)
    r = sub.add_parser("report", help="item analysis from final gradebook scores: a page and plots per "
                                       "assignment and reports/index.html across them")
    r.add_argument("assignment", nargs="?", help="one assignment (default: all with submissions)")
    r.add_argument("--out", type=Path, default=Path("reports"), help="where to write the reports")
    r.set_defaults(handler=_report)
    s = sub.add_parser("check-secrets",
                       help="scan release/ and the built wheel and sdist for graded keys, before you release")
    s.add_argument("--release", type=Path, help="the learner folder to scan (default: course/release)")
    s.add_argument("--dist", type=Path,
                   help="a folder of built .whl/.tar.gz to scan (default: build them in a temp folder)")
    s.set_defaults(handler=_check_secrets)
    lab = sub.add_parser("lab", help="the learner's path on this machine: release to a local exchange, "
                                     "then JupyterLab as a learner, opening on Start here")
    lab.add_argument("--dir", type=Path, default=Path(".lab"),
                     help="where the exchange, the learner's home and configuration go (default: .lab)")
    lab.add_argument("--setup-only", action="store_true", help="prepare everything, start nothing")
    lab.set_defaults(handler=_lab)
    co = sub.add_parser("collect", help="collect what learners submitted to the local exchange "
                                        "(`cpsw lab`) into submitted/, for `cpsw autograde`")
    co.add_argument("--dir", type=Path, default=Path(".lab"), help="the folder `cpsw lab` used")
    co.set_defaults(handler=_collect)
    ls = sub.add_parser("learner-settings", help="write a learner's Jupyter configuration (no editing "
                                                 "shortcuts, no staff tools, code hidden) into a folder")
    ls.add_argument("dir", type=Path, help="the learner's Jupyter configuration folder, e.g. ~/.jupyter")
    ls.add_argument("--course-id", default="being-present", help="the nbgrader course id")
    ls.add_argument("--start-page", default=None,
                    help="the page the server opens on (default: Start here as a page)")
    ls.set_defaults(handler=_learner_settings)
    bk = sub.add_parser("backup", help="copy the gradebook, safely while grading runs (SQLite's online "
                                       "backup, or pg_dump for PostgreSQL)")
    bk.add_argument("--to", type=Path, required=True, help="the backup file to write")
    bk.set_defaults(handler=_backup)
    rs = sub.add_parser("restore", help="put a gradebook backup back as this course's gradebook")
    rs.add_argument("backup", type=Path, help="a file `cpsw backup` wrote")
    rs.add_argument("--force", action="store_true", help="replace an existing SQLite gradebook")
    rs.set_defaults(handler=_restore)
    return top


def _backup(args: argparse.Namespace) -> int:
    """`cpsw backup`: the gradebook copied whole, or a message and exit status 1."""
    from course_utils.instructor.backup import backup

    return _gradebook_copy("Backed up", "Not backed up", lambda: backup(args.course, args.to))


def _restore(args: argparse.Namespace) -> int:
    """`cpsw restore`: a backup put back as the gradebook, or a message and exit status 1."""
    from course_utils.instructor.backup import restore

    return _gradebook_copy("Restored", "Not restored",
                           lambda: restore(args.course, args.backup, force=args.force))


def _gradebook_copy(done: str, failed: str, copy: Callable[[], str]) -> int:
    """Run a backup or restore; say what it copied, or why not (exit status 1)."""
    from course_utils.instructor.backup import BackupError

    try:
        print(f"{done}: {copy()}")
    except (BackupError, OSError) as err:
        print(f"{failed}: {err}", file=sys.stderr)
        return 1
    return 0


def _learner_settings(args: argparse.Namespace) -> int:
    """`cpsw learner-settings`: the learner configuration files, written into one folder."""
    from course_utils.learner.learner_settings import START_PAGE, write_learner_config

    for path in write_learner_config(args.dir, course_id=args.course_id,
                                     start_page=args.start_page or START_PAGE):
        print(path)
    return 0


def _lab(args: argparse.Namespace) -> int:
    """`cpsw lab`: a local exchange and a learner's JupyterLab that opens on Start here."""
    import subprocess

    from course_utils.instructor.local_course import prepare

    local = prepare(args.course, args.course / args.dir)  # an absolute --dir stays as it is
    print(f"Exchange: {local.exchange}\nLearner's home: {local.home}\n"
          f"Learner's settings: {local.config}")
    if args.setup_only:
        return 0
    jupyter = Path(sys.executable).with_name("jupyter")
    print("Starting JupyterLab as a learner; it opens on Start here. Stop it with Ctrl+C.")
    # nbgrader's Assignment List fetches into the server's working folder: the learner's home.
    return subprocess.call([str(jupyter), "lab", f"--ServerApp.root_dir={local.home}"],
                           env=local.learner_env(), cwd=local.home)


def _collect(args: argparse.Namespace) -> int:
    """`cpsw collect`: nbgrader collect for every assignment, from the local exchange."""
    from course_utils.instructor.local_course import LocalCourse, collect

    for line in collect(args.course, LocalCourse((args.course / args.dir).resolve()).exchange):
        print(line)
    return 0


def _build(args: argparse.Namespace) -> int:
    """`cpsw build`: validate content, then write source/ (and release/); say what changed."""
    from course_utils.assign.build import build_course
    from course_utils.assign.guard import ReleasedChangeError

    try:
        result = build_course(args.course, release=not args.no_release, log=print)
    except ReleasedChangeError as err:
        print(err, file=sys.stderr)
        print("Nothing was changed: source/ and release/ are as they were.", file=sys.stderr)
        return 2
    print("What changed:")
    for change in result.changes:
        print(f"  {change}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    """`cpsw demo`: the whole cycle on a simulated cohort."""
    from course_utils.instructor.demo import run_demo

    result = run_demo(args.course, learners=args.learners, seed=args.seed, log=print)
    return 0 if result.ok else 1


def _export(args: argparse.Namespace) -> int:
    """`cpsw export`: nbgrader's grades CSV, private; written text only when asked."""
    from course_utils.assign.nbgrader_run import run_nbgrader
    from course_utils.instructor.exports import export_text, make_private

    target = args.to.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    run_nbgrader(["export", "--to", str(target)], args.course)
    make_private(target)
    print(f"Grades (scores only): {args.to}")
    if args.include_text:
        text = target.with_name("written_text.csv")
        count = export_text(args.course, text)
        print(f"Written replies and reflections ({count} rows): {text}")
    return 0


def _feedback(args: argparse.Namespace) -> int:
    """`cpsw feedback`: every page written again from the gradebook; which learners' changed."""
    from course_utils.instructor.feedback_pages import regenerate_feedback

    run = regenerate_feedback(args.course, args.assignment, args.student)
    print(run.summary())
    for status in ("new", "changed"):
        if run.students(status):
            print(f"  {status}: {', '.join(run.students(status))}")
    print(f"Release them with: nbgrader release_feedback {args.assignment}")
    return 0


def _report(args: argparse.Namespace) -> int:
    """`cpsw report`: the item-analysis page of one assignment, or of all and their index."""
    from course_utils.content.loader import load_course
    from course_utils.instructor.cohort_report import write_report, write_reports

    modules = [m for m in load_course(args.course / "content")
               if args.assignment in (None, m.assignment)]
    if not modules:
        print(f"No assignment called {args.assignment!r} in content/.", file=sys.stderr)
        return 2
    if args.assignment is None:
        index, summaries = write_reports(args.course, modules, args.out)
        for s in summaries:
            print(f"{s.assignment}: {args.out / s.page}" if s.page else f"Skipped: {s.note}")
        print(f"Index of all assignments: {index}")
        return 0
    try:
        page = write_report(args.course, modules[0], args.out / modules[0].assignment)
    except ValueError as err:
        print(f"Skipped: {err}")
        return 0
    print(f"{modules[0].assignment}: {page}")
    return 0


def _check_secrets(args: argparse.Namespace) -> int:
    """`cpsw check-secrets`: scan what learners receive for graded keys."""
    from course_utils.assign.secrecy import check_secrets

    found = check_secrets(args.course, args.release, args.dist)
    if found.problem:
        print(found.problem, file=sys.stderr)
    elif found.leaks:
        for leak in found.leaks:
            print(f"LEAK: {leak}", file=sys.stderr)
        print(f"Do not release: {len(found.leaks)} graded answer(s) would reach learners. Rebuild "
              "release/ with `make build`, keep content/ and source/ out of the package, and run "
              "`cpsw check-secrets` again.", file=sys.stderr)
    else:
        print(f"No graded key found in {found.files} files ({', '.join(found.scanned)}).")
    return found.code


def _autograde(course: Path, assignment: str, jobs: int, students: list[str] | None,
               sandbox: bool = False, regrade: bool = False) -> int:
    from nbgrader.api import Gradebook

    from course_utils.autograde.decisions import closed_decisions, reopened
    from course_utils.autograde.gradebook import db_url
    from course_utils.autograde.parallel_autograde import autograde_all, forget_done, load_done, progress_bar

    if regrade:
        forget_done(course, assignment, students)
    before = load_done(course, assignment)
    decisions = closed_decisions(db_url(course), assignment)
    if sandbox:
        from course_utils.preprocessors.sandbox import ENV_FLAG, SandboxError, check_available

        try:
            check_available()
        except SandboxError as err:
            print(err, file=sys.stderr)
            return 2
        os.environ[ENV_FLAG] = "1"  # the spawned workers read it through nbgrader_config.py
    try:
        outcomes = autograde_all(course, assignment, jobs, students, progress_bar())
    finally:
        if sandbox:
            os.environ.pop(ENV_FLAG, None)
    if not outcomes:
        print(f"Nothing to do: every submission of {assignment} is already autograded "
              f"({len(before)} recorded in .cpsw/). To grade them again (after a content fix): "
              f"cpsw autograde {assignment} --regrade")
        return 0
    print(f"\n{'student':24} result")
    with Gradebook(db_url(course)) as gb:
        for o in sorted(outcomes, key=lambda o: o.student):
            if not o.ok:
                print(f"{o.student:24} FLAGGED: {o.reason}")
                continue
            sub = gb.find_submission(assignment, o.student)
            manual = " (needs hand-grading)" if sub.needs_manual_grade else ""
            notes = "".join(f"; note: {n}" for n in o.notes)
            print(f"{o.student:24} graded {sub.score:g} of {sub.max_score:g}{manual}{notes}")
    flagged = sum(not o.ok for o in outcomes)
    print(f"{len(outcomes) - flagged} graded, {flagged} flagged, "
          f"{len(before)} already done before this run.")
    opened = reopened(db_url(course), assignment, decisions)
    if decisions:
        print(f"Scores set by graders: {len(decisions) - len(opened)} kept as they were; "
              f"{len(opened)} opened again for review because their automatic score changed"
              + "".join(f"\n  {line}" for line in opened))
    return 1 if flagged else 0


def _roleplay(args: argparse.Namespace) -> int:
    """`cpsw roleplay ITEM`: play a persona on typed or scripted replies; 1 if the item is unknown."""
    from course_utils.instructor.roleplay_terminal import (
        NoSuchRolePlay,
        find_roleplay,
        play_in_terminal,
        script_lines,
    )

    try:
        item = find_roleplay(args.course / "content", args.item)
    except NoSuchRolePlay as err:
        print(err, file=sys.stderr)
        return 1
    if args.script is not None:
        try:
            replies: Iterable[str] = script_lines(args.script)
        except (OSError, UnicodeError) as err:
            print(f"{args.script}: the script could not be read ({err}); give a text file with one "
                  "reply per line.", file=sys.stderr)
            return 1
    else:
        if sys.stdin.isatty():
            print("Type a reply and press Enter; Ctrl-D stops.")
        replies = sys.stdin
    play_in_terminal(item, replies, print, args.seed)
    return 0


def _check(course: Path) -> int:
    """`cpsw check`: validate content, print cue figures, test-wise shares and coverage; 1 if any fails."""
    from course_utils.content.loader import load_course
    from course_utils.instructor.coverage import coverage, report_lines
    from course_utils.instructor.cue_audit import audit_course
    from course_utils.instructor.testwise import BOUND, best_shares

    modules = load_course(course / "content")
    print(f"Content is valid: {len(modules)} module(s), {sum(len(m.items) for m in modules)} items.")
    print("\nSurface cues in the options (display order is shuffled per learner):")
    figures = audit_course(modules)
    for figure in figures:
        print(f"  {figure}")
        if not figure.ok and figure.items:
            print(f"      items: {', '.join(figure.items)}")
    print(f"\nBest test-wise strategy per graded assignment (never reads the scenario; bound {BOUND:.0%}):")
    best = best_shares(modules)
    for share in best:
        print(f"  {share}{'' if share.share <= BOUND else '  TOO HIGH'}")
    print("\nWho the scenarios are about and where (content/README.md, 'People and settings'):")
    people = coverage(modules)
    for line in report_lines(people):
        print(line)
    failed = [f for f in figures if not f.ok] + [s for s in best if s.share > BOUND]
    if failed:
        print(f"\n{len(failed)} figure(s) out of bounds. Vary the listed items' option lengths, "
              "questions and wording (content/README.md, 'Options without cues'), then run "
              "`make check` again.", file=sys.stderr)
    for name in people.shared:
        print(f"\nA name of two people: {name}. Rename the person in all but one of these items "
              "(situation, peer_says, cues, prompt, options, explanations, turns) and in "
              "scenario.person.", file=sys.stderr)
    if people.short:
        print(f"\nCoverage short: {'; '.join(str(n) for n in people.short)}. Tag the scenarios that "
              "show it, or add or adapt some (content/README.md, 'People and settings').",
              file=sys.stderr)
    return 1 if failed or not people.ok else 0


def _cues(args: argparse.Namespace) -> int:
    """`cpsw cues`: cue figures with their items, every test-wise share and hit; 1 if a figure fails."""
    from course_utils.content.loader import load_course
    from course_utils.instructor.cue_audit import audit_course, audit_modules
    from course_utils.instructor.testwise import BOUND, hits, shares

    modules = load_course(args.course / "content")
    if args.assignment:
        unknown = sorted(set(args.assignment) - {m.assignment for m in modules})
        if unknown:
            print(f"No assignment called {', '.join(map(repr, unknown))} in content/.", file=sys.stderr)
            return 2
        modules = [m for m in modules if m.assignment in args.assignment]
    figures = audit_modules(modules) if args.assignment else audit_course(modules)
    for figure in figures:
        print(figure)
        if figure.items:
            print("    " + ", ".join(figure.items))
    for module in modules:
        print(f"\nTest-wise strategies on {module.assignment} (graded auto-graded points; "
              f"bound {BOUND:.0%}):")
        for share in sorted(shares(module), key=lambda s: -s.share):
            print(f"  {share}")
        print("  Items a text strategy answers fully right in over half of learners' orders "
              "(fix these first; see the strategies in course_utils/instructor/testwise.py):")
        for item_id, names in hits(module):
            print(f"    {item_id}: {', '.join(names)}")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
