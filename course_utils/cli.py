"""The `cpsw` command: one subcommand per course job."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from course_utils.content import ContentError
from course_utils.nbgrader_run import NbgraderError


def main(argv: list[str] | None = None) -> int:
    """Entry point of `cpsw`; returns the exit code."""
    parser = argparse.ArgumentParser(prog="cpsw", description="Being Present course tools.")
    parser.add_argument("--course", type=Path, default=Path.cwd(),
                        help="the course folder (default: the current folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="validate content, then regenerate source/ and release/")
    b.add_argument("--no-release", action="store_true", help="regenerate source/ only")
    sub.add_parser("check", help="validate content only; change nothing")
    d = sub.add_parser("demo", help="build, simulate a cohort, autograde, feedback, export")
    d.add_argument("--learners", type=int, default=25, help="size of the simulated cohort")
    d.add_argument("--seed", type=int, default=7, help="random seed of the simulation")
    a = sub.add_parser("autograde", help="autograde all submissions in parallel through nbgrader")
    a.add_argument("assignment", help="the assignment to grade, e.g. being_present")
    a.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    a.add_argument("--student", action="append", help="grade only this student (repeatable)")
    a.add_argument("--sandbox", action="store_true",
                   help="run each kernel in a bubblewrap sandbox: it sees only its own submission, "
                        "with a memory limit and a 30 s cell timeout (see README, Security)")
    e = sub.add_parser("export", help="grades CSV through nbgrader; written text only on request")
    e.add_argument("--to", type=Path, default=Path("grades.csv"), help="the grades CSV to write")
    e.add_argument("--include-text", action="store_true",
                   help="also write written replies and reflections to written_text.csv "
                        "(they may hold lived experience: share with care)")
    f = sub.add_parser("feedback", help="nbgrader generate_feedback, then say where it is")
    f.add_argument("assignment", help="the assignment, e.g. being_present")
    r = sub.add_parser("report", help="item analysis: HTML page and PNGs per assignment")
    r.add_argument("assignment", nargs="?", help="one assignment (default: all with submissions)")
    r.add_argument("--out", type=Path, default=Path("reports"), help="where to write the reports")
    s = sub.add_parser("check-secrets",
                       help="scan release/ and the built wheel and sdist for graded keys, before you release")
    s.add_argument("--release", type=Path, help="the learner folder to scan (default: course/release)")
    s.add_argument("--dist", type=Path,
                   help="a folder of built .whl/.tar.gz to scan (default: build them in a temp folder)")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.course)
        elif args.command == "build":
            from course_utils.build import build

            build(args.course, release=not args.no_release)
        elif args.command == "autograde":
            return _autograde(args.course, args.assignment, args.jobs, args.student, args.sandbox)
        elif args.command == "export":
            from course_utils.nbgrader_run import run_nbgrader

            args.to.resolve().parent.mkdir(parents=True, exist_ok=True)
            from course_utils.exports import make_private

            run_nbgrader(["export", "--to", str(args.to.resolve())], args.course)
            make_private(args.to.resolve())
            print(f"Grades (scores only): {args.to}")
            if args.include_text:
                from course_utils.exports import export_text

                target = args.to.resolve().with_name("written_text.csv")
                count = export_text(args.course, target)
                print(f"Written replies and reflections ({count} rows): {target}")
        elif args.command == "feedback":
            from course_utils.nbgrader_run import run_nbgrader

            run_nbgrader(["generate_feedback", args.assignment], args.course)
            pages = sorted((args.course / "feedback").glob(f"*/{args.assignment}/*.html"))
            print(f"{len(pages)} feedback page(s) in {args.course / 'feedback'}; release them "
                  f"with: nbgrader release_feedback {args.assignment}")
        elif args.command == "report":
            from course_utils.cohort_report import write_report
            from course_utils.content import load_course

            modules = [m for m in load_course(args.course / "content")
                       if args.assignment in (None, m.assignment)]
            if not modules:
                print(f"No assignment called {args.assignment!r} in content/.", file=sys.stderr)
                return 2
            for module in modules:
                try:
                    page = write_report(args.course, module, args.out / module.assignment)
                except ValueError as err:
                    print(f"Skipped: {err}")
                    continue
                print(f"{module.assignment}: {page}")
        elif args.command == "check-secrets":
            from course_utils.secrecy import check_secrets

            return check_secrets(args.course, args.release, args.dist)
        elif args.command == "demo":
            from course_utils.demo import run_demo

            run_demo(args.course, learners=args.learners, seed=args.seed)
    except ContentError as err:
        print(err, file=sys.stderr)
        print("Nothing was changed. Fix the fields named above and run the command again.",
              file=sys.stderr)
        return 2
    except NbgraderError as err:
        print(err, file=sys.stderr)
        return 3
    return 0


def _autograde(course: Path, assignment: str, jobs: int, students: list[str] | None,
               sandbox: bool = False) -> int:
    from nbgrader.api import Gradebook

    from course_utils.gradebook import db_url
    from course_utils.parallel_autograde import autograde_all, load_done, progress_bar

    before = load_done(course, assignment)
    if sandbox:
        from course_utils.sandbox import ENV_FLAG, SandboxError, check_available

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
              f"({len(before)} recorded in .cpsw/). Delete that file to grade again.")
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
    return 1 if flagged else 0




def _check(course: Path) -> int:
    """`cpsw check`: validate content, print cue figures and test-wise shares; 1 if any fails."""
    from course_utils.content import load_course
    from course_utils.cue_audit import audit_course
    from course_utils.testwise import BOUND, best_shares

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
    failed = [f for f in figures if not f.ok] + [s for s in best if s.share > BOUND]
    if failed:
        print(f"\n{len(failed)} figure(s) out of bounds. Vary the listed items' option lengths, "
              "questions and wording (content/README.md, 'Options without cues'), then run "
              "`make check` again.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
