"""The ``tech-app`` command line: a stable contract that tests, benchmarks and scripts call."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from tech_app.cli_support import profile_blobs, profile_store
from tech_app.errors import StoreError, StoreProblem, TechAppError
from tech_app.store.local import store_error

if TYPE_CHECKING:
    from tech_app.customer_file import CustomerFile

Command = Callable[[argparse.Namespace], int]


def cmd_demo_data(args: argparse.Namespace) -> int:
    from tech_app.demo import load_demo

    store = profile_store(args)
    count = load_demo(store, args.today or date.today(), args.technician, profile_blobs(args))
    print(f"demo set loaded into {store.path}: {count} records")
    return 0


def cmd_jobs(args: argparse.Namespace) -> int:
    from tech_app.job_list import JobFilter, list_jobs

    store = profile_store(args)
    rows = list_jobs(store, JobFilter(text=args.search or "", status=args.status))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no jobs" + (f" match {args.search!r}" if args.search else ""))
        return 0
    for row in rows:
        window = (row["window_start"] or "")[:16].replace("T", " ")
        print(
            f"{row['number']:<14} {window:<16} {row['status']:<13} {row['type']:<12} "
            f"{row['customer']} — {row['address']}"
        )
    return 0


def print_customer_file(found: CustomerFile, as_json: bool) -> None:
    """The file as JSON or as lines (also the laptop's ``tech-app customer-file``)."""
    if as_json:
        print(json.dumps(found.as_json(), ensure_ascii=False, indent=2))
        return
    print(f"{found.name} ({found.phone}), class {found.customer_class}")
    print(f"  purchase reason: {found.purchase_reason or '-'}")
    print(f"  promises made: {found.promises or '-'}")
    print(f"  satisfaction: {found.satisfaction or '-'}")
    for unit in found.units:
        print(f"  unit: {unit.category} {unit.make} {unit.model} {unit.serial}")
    for contract in found.contracts:
        print(f"  contract: {contract.name} from {contract.starts_on}")
    for visit in found.visits:
        score = f" rating {visit.rating}" if visit.rating else ""
        print(f"  visit: {visit.number} {visit.job_type} {visit.status}{score}")
    for complaint in found.complaints:
        agreed = "agreed" if complaint.agreed else "not yet agreed"
        print(
            f"  complaint: {complaint.number} {complaint.complaint_type}: "
            f"{complaint.key_points} → {complaint.plan} by {complaint.deadline[:16]} ({agreed})"
        )


def cmd_customer_file(args: argparse.Namespace) -> int:
    from tech_app.customer_file import find_local_customer, local_customer_file

    store = profile_store(args)
    print_customer_file(
        local_customer_file(store, find_local_customer(store, args.customer)), args.json
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tech-app",
        description="Field service jobs, checklists, parts and signed slips — offline first.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder of the local profile (default: your user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo-data", help="fill the local profile with the demo set")
    demo.add_argument("--technician", default="liu", help="who the demo jobs are assigned to")
    demo.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="the day the demo visits are planned around (YYYY-MM-DD)",
    )
    demo.set_defaults(run=cmd_demo_data)

    jobs = commands.add_parser("jobs", help="list local jobs")
    jobs.add_argument(
        "--search", metavar="TEXT", help="words, Chinese text, a serial or phone fragment"
    )
    jobs.add_argument("--status", help="only jobs in this status")
    jobs.add_argument("--json", action="store_true", help="print a JSON array")
    jobs.set_defaults(run=cmd_jobs)

    file = commands.add_parser("customer-file", help="a customer's file, as this laptop has it")
    file.add_argument("customer", metavar="CUSTOMER", help="customer id, phone or exact name")
    file.add_argument("--json", action="store_true", help="print JSON")
    file.set_defaults(run=cmd_customer_file)

    # Packages beyond the core (reports, ui, sync) add their own commands through the
    # "tech_app.commands" entry point, so the core never imports them.
    missing = []
    for entry in sorted(entry_points(group="tech_app.commands"), key=lambda e: e.name):
        try:
            register = entry.load()
        except ImportError as exc:
            # A head-office server installs no Qt or ReportLab, a laptop no web server:
            # a missing extra hides its commands without taking the others down, and
            # says so in --help only (not on every command a server runs).
            missing.append(f"{entry.name} ({exc.name or exc} is not installed)")
            continue
        register(commands)
    if missing:
        parser.epilog = (
            "commands not available in this install: "
            + ", ".join(missing)
            + "; pip install 'tech-app[app]' or 'tech-app[server]' adds them"
        )
    parser.set_defaults(available_commands=frozenset(commands.choices))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Command | None = getattr(args, "run", None)
    if run is None:
        # With no command, open the desktop app when it is installed.
        if "app" in args.available_commands:
            return main([*(argv or sys.argv[1:]), "app"])
        parser.print_help()
        return 0
    try:
        code = run(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
        return code
    except BrokenPipeError:
        # `tech-app office sla | head`: the reader has all it wanted. Point stdout at
        # devnull so the interpreter's final flush does not complain either
        # (https://docs.python.org/3/library/signal.html#note-on-sigpipe).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    except (TechAppError, sqlite3.Error, OSError) as exc:
        print(f"tech-app: {one_line(exc)}", file=sys.stderr)
        return 1


def one_line(exc: BaseException) -> str:
    """What the command line prints for an expected failure, instead of a traceback."""
    if isinstance(exc, sqlite3.Error):
        exc = store_error(exc)
    if isinstance(exc, OSError) and not isinstance(exc, TechAppError):
        if exc.errno == errno.ENOSPC:
            return str(StoreError(StoreProblem.DISK_FULL))
        where = f" {exc.filename}" if exc.filename else ""
        return f"cannot use{where}: {exc.strerror or exc}"
    return str(exc)


if __name__ == "__main__":
    sys.exit(main())
