"""The `cpsw` command: one subcommand per course job."""

from __future__ import annotations

import argparse
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
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            from course_utils.content import load_course

            modules = load_course(args.course / "content")
            print(f"Content is valid: {len(modules)} module(s), "
                  f"{sum(len(m.items) for m in modules)} items.")
        elif args.command == "build":
            from course_utils.build import build

            build(args.course, release=not args.no_release)
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


if __name__ == "__main__":
    sys.exit(main())
