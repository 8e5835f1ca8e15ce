"""The ``tech-app slip`` and ``tech-app report`` commands (registered by entry point)."""

from __future__ import annotations

import argparse
from pathlib import Path

from reports.condition_report import write_condition_report
from reports.counterfoil_pdf import write_counterfoil
from reports.issue import issue_slip
from tech_app.cli_support import output_file, profile_blobs, profile_store

LANGUAGES = ("en", "zh_CN", "zh_TW")


def cmd_slip(args: argparse.Namespace) -> int:
    output_file(args.out)
    store = profile_store(args)
    job = store.find_job(args.job)
    slip = issue_slip(
        store, profile_blobs(args), job.id, args.out, layout=args.layout, lang=args.lang
    )
    print(
        f"slip of {job.number} written to {args.out} "
        f"(revision {slip.revision}, content hash {slip.content_hash[:12]})"
    )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    output_file(args.out)
    store = profile_store(args)
    job = store.find_job(args.job)
    write_condition_report(store, profile_blobs(args), job.id, args.out, lang=args.lang)
    print(f"condition report of {job.number} written to {args.out}")
    return 0


def cmd_counterfoil(args: argparse.Namespace) -> int:
    output_file(args.out)
    store = profile_store(args)
    job = store.find_job(args.job)
    data = write_counterfoil(store, profile_blobs(args), job.id, args.out, lang=args.lang)
    print(
        f"registration form and counterfoil {data.counterfoil_number} of {job.number} "
        f"written to {args.out}"
    )
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    slip = commands.add_parser("slip", help="write the service slip PDF of a job")
    slip.add_argument("job", metavar="JOB", help="job number or id")
    slip.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    slip.add_argument("--layout", choices=("a4", "receipt"), default="a4")
    slip.add_argument("--lang", choices=LANGUAGES, default="en")
    slip.set_defaults(run=cmd_slip)

    report = commands.add_parser("report", help="write the condition report of a fleet visit")
    report.add_argument("job", metavar="JOB", help="job number or id")
    report.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    report.add_argument("--lang", choices=LANGUAGES, default="en")
    report.set_defaults(run=cmd_report)

    counterfoil = commands.add_parser(
        "counterfoil",
        help="write the jewellery registration form and its counterfoil (回执联) PDF of a job",
    )
    counterfoil.add_argument("job", metavar="JOB", help="job number or id")
    counterfoil.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    counterfoil.add_argument("--lang", choices=LANGUAGES, default="en")
    counterfoil.set_defaults(run=cmd_counterfoil)
