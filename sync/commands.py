"""``tech-app login | sync | server | office …``, added through the tech_app.commands entry point.

Server-side modules are imported inside the commands that need them, so ``login``
and ``sync`` work on a laptop without the server extras installed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sync.protocol import ROLES
from sync.server.sheet_columns import columns_help
from tech_app.cli_support import profile_blobs, profile_store
from tech_app.errors import TechAppError
from tech_app.money import format_money


def _password(prompt: str) -> str:
    value = os.environ.get("TECH_APP_PASSWORD")
    if value:
        return value
    if not sys.stdin.isatty():
        raise TechAppError("no password: set TECH_APP_PASSWORD or run in a terminal")
    return getpass.getpass(prompt)


# -- technician side --------------------------------------------------------------
def cmd_login(args: argparse.Namespace) -> int:
    from sync.client.login import log_in, server_address

    server_address(args.server)  # a mistyped address is refused before the password prompt
    store = profile_store(args)
    server = log_in(
        store, args.server, args.user, _password(f"password for {args.user}: "), args.ca_bundle
    )
    print(f"logged in to {server} as {args.user}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from sync.client import sync_once
    from tech_app.store import remote

    store = profile_store(args)
    report = sync_once(store, profile_blobs(args))
    print(report.summary())
    for line in report.rejected:
        print(f"  rejected: {line}")
    for line in report.errors:
        print(f"tech-app: sync failed: {line}", file=sys.stderr)
    waiting = remote.unconfirmed_count(store)
    if waiting:
        print(f"{waiting} change(s) not yet confirmed by head office")
    return 0 if report.ok and not report.rejected else 1


# -- head office ------------------------------------------------------------------------
def cmd_server(args: argparse.Namespace) -> int:
    from sync.server.db import default_db_url
    from sync.server.embedded import serve

    serve(args.db or default_db_url(), args.host, args.port, args.workers)
    return 0


def _engine(args: argparse.Namespace) -> Any:
    from sqlalchemy.exc import OperationalError

    from sync.server.db import default_db_url, make_engine, migrate, normalise_url

    url = normalise_url(args.db or default_db_url())
    _refuse_missing_folder(url)
    engine = make_engine(url)
    try:
        migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        raise TechAppError(
            f"the head-office database {args.db} cannot be opened: {exc.orig}"
        ) from exc
    return engine


def _refuse_missing_folder(url: str) -> None:
    """SQLite says only "unable to open database file"; name the folder that is missing."""
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return
    folder = Path(url.removeprefix("sqlite:///").split("?", 1)[0]).parent
    if not folder.is_dir():
        raise TechAppError(
            f"--db: the folder {folder} does not exist; create it or give another path"
        )


@contextmanager
def _office_engine(args: argparse.Namespace) -> Iterator[Any]:
    """The office database for one command; its connections are closed when it is done."""
    engine = _engine(args)
    try:
        yield engine
    finally:
        engine.dispose()


def cmd_add_technician(args: argparse.Namespace) -> int:
    from sync.server import auth
    from sync.server.db import write_transaction

    password = _password(f"new password for {args.name}: ")
    with write_transaction(_engine(args)) as conn:
        auth.add_technician(conn, args.name, password, args.role)
    print(f"{args.role} {args.name} can log in now")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from sync.server.db import write_transaction
    from sync.server.office import seed_demo

    password = os.environ.get("TECH_APP_PASSWORD") or "demo"
    with write_transaction(_engine(args)) as conn:
        count = seed_demo(conn, args.today or date.today(), password)
    print(f"demo set loaded for liu and tom: {count} records")
    return 0


# A sheet this long shows how far it got (on stderr, so stdout stays the one result line).
IMPORT_PROGRESS_FROM = 200


def cmd_import_jobs(args: argparse.Namespace) -> int:
    from sync.server.office import import_jobs

    def progress(done: int, total: int) -> None:
        if total > IMPORT_PROGRESS_FROM:
            print(f"imported {done} of {total} job(s)…", file=sys.stderr, flush=True)

    with _office_engine(args) as engine:
        count = import_jobs(engine, args.file, args.encoding, progress=progress)
    print(f"imported {count} job(s) from {args.file}")
    return 0


def cmd_jobs(args: argparse.Namespace) -> int:
    from sync.server import dispatch
    from sync.server.console.i18n import translator
    from sync.server.console.review_words import notes_shown
    from sync.server.db import read_transaction

    with read_transaction(_engine(args)) as conn:
        rows = dispatch.list_jobs(conn)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no jobs")
    for row in rows:
        flags = []
        if row["flagged"]:
            # The notes are codes; the command line words them as the English console does.
            notes = notes_shown(row["flagged"], translator("en"))
            flags.append(f"REVIEW: {'; '.join(n.text for n in notes)}")
        if row["conflicts"]:
            flags.append(f"{row['conflicts']} conflict(s)")
        print(
            f"{row['number']:<18} {row['assignee'] or '-':<10} {row['status']:<13} "
            f"{row['customer']}{'  [' + '; '.join(flags) + ']' if flags else ''}"
        )
    return 0


def _dispatch(action: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        from sync.server import dispatch
        from sync.server.db import write_transaction

        with write_transaction(_engine(args)) as conn:
            if action == "assign":
                job = dispatch.assign(conn, args.job, args.technician)
                print(f"job {job.number} assigned to {job.assignee}")
            elif action == "schedule":
                from sync.server.company import zone

                here = zone(conn)
                start, end = _aware(args.start, "--start", here), _aware(args.end, "--end", here)
                job = dispatch.schedule(conn, args.job, start, end)
                print(f"job {job.number} scheduled {start:%Y-%m-%d %H:%M}–{end:%H:%M}")
            elif action == "cancel":
                job = dispatch.cancel(conn, args.job)
                print(f"job {job.number} cancelled")
            else:
                dispatch.delete(conn, args.job)
                print(f"job {args.job} deleted")
        return 0

    return run


def _now(args: argparse.Namespace, conn: Any) -> datetime:
    """``--at`` (in the company's time zone when it names none), else now."""
    from datetime import UTC

    from sync.server import company
    from sync.server.office_input import parse_moment

    return parse_moment("--at", args.at, company.zone(conn)) if args.at else datetime.now(UTC)


def _day(name: str) -> Any:
    """An argparse type for a YYYY-MM-DD option whose error names the option."""

    def parse(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None

    parse.__name__ = name
    return parse


def cmd_plan_visits(args: argparse.Namespace) -> int:
    from sync.server import company
    from sync.server.db import write_transaction
    from sync.server.office_input import company_today
    from sync.server.planning import plan_all

    with _office_engine(args) as engine, write_transaction(engine) as conn:
        first = args.first or company_today(_now(args, conn), company.zone(conn))
        result = plan_all(conn, first, args.until, args.assignee or "")
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(
        f"{len(result.visits)} visit(s) owed {first.isoformat()} to {args.until.isoformat()}: "
        f"{len(result.created)} new, {len(result.changed)} changed, "
        f"{len(result.cancelled)} cancelled"
    )
    for visit in result.visits:
        print(
            f"  {visit['due_on']}  {visit['number']:<18} {len(visit['asset_ids'])} unit(s)  "
            f"{visit['basis']:<8} {visit['status']}"
        )
    return 0


def cmd_end_contract(args: argparse.Namespace) -> int:
    from sync.server.db import write_transaction
    from sync.server.planning import end_contract

    with _office_engine(args) as engine, write_transaction(engine) as conn:
        contract, result = end_contract(conn, args.contract, args.notice_given)
    assert contract.ended_on is not None
    print(f"contract {contract.name} ends on {contract.ended_on.isoformat()}")
    for number in result.cancelled:
        print(f"  cancelled planned visit {number}")
    return 0


def cmd_follow_ups(args: argparse.Namespace) -> int:
    from sync.server.db import write_transaction
    from sync.server.follow_ups import list_follow_ups

    with _office_engine(args) as engine, write_transaction(engine) as conn:
        rows = list_follow_ups(conn, _now(args, conn), due_only=args.due)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no follow-ups due" if args.due else "no follow-ups")
    for row in rows:
        what = row["job_number"] or row["item"]
        state = "done" if row["done_at"] else ("OVERDUE" if row["overdue"] else "open")
        extra = f"  overcharge {format_money(row['overcharge'])}" if row["overcharge"] else ""
        print(
            f"{row['due_at'][:16]:<17} {row['kind']:<15} {state:<8} {what}  "
            f"{row['customer']} {row['phone']}{extra}"
        )
    return 0


def cmd_restock(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from sync.server.db import write_transaction
    from sync.server.van_stock import record_movement
    from tech_app.vocab import StockMove

    with _office_engine(args) as engine, write_transaction(engine) as conn:
        held = record_movement(
            conn,
            args.technician,
            args.part,
            args.quantity,
            StockMove(args.kind),
            by="office",
            at=datetime.now(UTC),
            note=args.note,
        )
    print(
        f"{args.kind} of {args.quantity} {args.part} recorded; {args.technician}'s van holds {held}"
    )
    return 0


def cmd_van_stock(args: argparse.Namespace) -> int:
    from sync.server.db import read_transaction
    from sync.server.van_stock import on_hand

    with _office_engine(args) as engine, read_transaction(engine) as conn:
        held = on_hand(conn, args.technician)
    rows = [{"part_id": part, "quantity": str(quantity)} for part, quantity in sorted(held.items())]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['part_id']}  {row['quantity']}")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from sync.server import company
    from sync.server.db import read_transaction, write_transaction

    changes = company.parse_assignments(args.set or [])
    logo = _read_file(args.logo, "--logo") if args.logo else None
    with _office_engine(args) as engine:
        if changes or logo is not None:
            with write_transaction(engine) as conn:
                settings = company.update(conn, changes) if changes else company.current(conn)
                if logo is not None:
                    settings = company.set_logo(conn, logo)
        else:
            with read_transaction(engine) as conn:
                settings = company.current(conn)
    if args.json:
        print(json.dumps(company.shown(settings), ensure_ascii=False, indent=2))
    else:
        print("\n".join(company.shown_lines(settings)))
    return 0


def _card_row(state: Any, today: date) -> dict[str, Any]:
    card = state.card
    return {
        "number": card.number,
        "customer": state.customer,
        "plan": card.plan.value,
        "job_type": card.job_type.value,
        "visits": card.visits,
        "used": state.used,
        "left": state.left,
        "starts_on": card.starts_on.isoformat(),
        "ends_on": card.ends_on.isoformat(),
        "state": state.state(today),
        "id": card.id,
    }


def _print_cards(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        print("no cards sold")
    for row in rows:
        print(
            f"{row['number']:<16} {row['customer']:<12} {row['plan']:<8} "
            f"{row['used']:>3} of {row['visits']:<3} used, {row['left']:>3} left  "
            f"{row['starts_on']}..{row['ends_on']}  {row['state']}"
        )


def cmd_sell_card(args: argparse.Namespace) -> int:
    from sync.server import cards, company
    from sync.server.db import write_transaction
    from sync.server.office_input import company_today, parse_job_type
    from tech_app.vocab import CardPlan

    with _office_engine(args) as engine, write_transaction(engine) as conn:
        card = cards.sell(
            conn,
            args.customer,
            CardPlan(args.plan),
            args.visits,
            args.first,
            number=args.number,
            asset_serial=args.serial,
            job_type=parse_job_type("--job-type", args.job_type),
        )
        state = cards.state_of(conn, card)
        today = company_today(_now(args, conn), company.zone(conn))
    _print_cards([_card_row(state, today)], args.json)
    return 0


def cmd_cards(args: argparse.Namespace) -> int:
    from sync.server import cards, company
    from sync.server.db import read_transaction
    from sync.server.office_input import company_today

    with _office_engine(args) as engine, read_transaction(engine) as conn:
        states = cards.card_states(conn, args.customer)
        today = company_today(_now(args, conn), company.zone(conn))
    _print_cards([_card_row(s, today) for s in states], args.json)
    return 0


def cmd_follow_up_answer(args: argparse.Namespace) -> int:
    from sync.server.db import write_transaction
    from sync.server.follow_ups import record_answers
    from sync.server.office_input import parse_answers

    answers = parse_answers(
        {
            "problem_solved": args.solved,
            "on_time": args.on_time,
            "attitude": args.attitude,
            "skill": args.skill,
            "amount_charged": args.charged,
            "comment": args.comment,
        }
    )
    with _office_engine(args) as engine, write_transaction(engine) as conn:
        result = record_answers(conn, args.job, answers, _now(args, conn))
    print(f"follow-up of job {result['job_number']} recorded")
    if result["overcharge"]:
        print(
            f"OVERCHARGE: {format_money(result['overcharge'])} above the slip's total "
            f"{format_money(result['slip_total'])}, against {result['technician'] or 'no technician'}"
        )
    return 0


def cmd_sla(args: argparse.Namespace) -> int:
    from sync.server.db import read_transaction
    from sync.server.sla_overview import overview_csv, sla_overview

    with _office_engine(args) as engine, read_transaction(engine) as conn:
        overview = sla_overview(conn, args.first, args.last, _now(args, conn))
    if args.csv:
        sys.stdout.write(overview_csv(overview))
        return 0
    if args.json:
        print(json.dumps(overview, ensure_ascii=False, indent=2))
        return 0
    rows = [*overview["by_technician"], *overview["by_promise"]]
    if not rows:
        print("no jobs with an SLA were reported in that period")
    for row in rows:
        print(
            f"{row['technician']:<14} {row['policy']:<18} {row['promise']:<22} "
            f"met {row['met']:>3}  at risk {row['at_risk']:>3}  breached {row['breached']:>3}  "
            f"on track {row['on_track']:>3}"
        )
    return 0


def _read_file(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TechAppError(f"{name}: cannot read {path}: {exc.strerror}") from None


def _aware(text: str, name: str, zone: tzinfo) -> datetime:
    """A date and time typed at head office; without an offset, in the company's zone."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise TechAppError(f"{name} {text!r} is not a date and time (YYYY-MM-DDTHH:MM)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def period_report_options(parser: argparse.ArgumentParser, at_help: str) -> None:
    """--from/--to (company days, both included), --at, and --json or --csv."""
    parser.add_argument("--from", dest="first", required=True, type=_day("--from"), metavar="DATE")
    parser.add_argument("--to", dest="last", required=True, type=_day("--to"), metavar="DATE")
    parser.add_argument("--at", help=at_help)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument("--csv", action="store_true", help="print CSV")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    login = subparsers.add_parser("login", help="log in to head office (password prompted)")
    login.add_argument("--server", required=True, metavar="URL", help="head office address")
    login.add_argument("--user", required=True, metavar="NAME")
    login.add_argument("--ca-bundle", metavar="FILE", help="extra CA certificates to trust")
    login.set_defaults(run=cmd_login)

    sync = subparsers.add_parser("sync", help="one sync round with head office")
    sync.set_defaults(run=cmd_sync)

    server = subparsers.add_parser("server", help="run the head-office service")
    server.add_argument("--db", metavar="URL", help="database URL (default: a SQLite file)")
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=8470)
    server.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    server.set_defaults(run=cmd_server)

    office = subparsers.add_parser("office", help="head-office administration")
    db_help = "database URL or SQLite file (default: the server's SQLite file)"
    # --db before or after the command (README writes `office [--db URL] jobs`); the
    # command's copy is SUPPRESSed so that leaving it out keeps the one given before.
    office.add_argument("--db", metavar="URL", default=None, help=db_help)
    commands = office.add_subparsers(dest="office_command", metavar="COMMAND", required=True)

    at_help = "take this moment as now (YYYY-MM-DDTHH:MM, company time)"

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, help=help_text)
        parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=db_help)
        return parser

    tech = add("add-technician", "add a technician (or reset a password)")
    tech.add_argument("name")
    tech.add_argument("--role", default="technician", choices=ROLES)
    tech.set_defaults(run=cmd_add_technician)

    seed = add("seed-demo", "load the demo day for technicians liu and tom")
    seed.add_argument("--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    seed.set_defaults(run=cmd_seed_demo)

    imports = add("import-jobs", "import customers, sites, assets and jobs from a CSV")
    imports.add_argument("file", type=Path, metavar="FILE.csv")
    imports.add_argument(
        "--encoding", metavar="NAME", help="the file's encoding if not detected (gbk, big5 …)"
    )
    imports.formatter_class = argparse.RawDescriptionHelpFormatter
    imports.epilog = columns_help()
    imports.set_defaults(run=cmd_import_jobs)

    jobs = add("jobs", "list jobs with assignee, status and review flags")
    jobs.add_argument("--json", action="store_true", help="print a JSON array")
    jobs.set_defaults(run=cmd_jobs)

    restock = add("restock", "add to a van's stock ledger (restock, transfer or correction)")
    restock.add_argument("technician")
    restock.add_argument("part", metavar="PART", help="part number or id")
    restock.add_argument("quantity", help="signed: -2 takes two out (transfer, correction)")
    restock.add_argument("--kind", default="restock", choices=("restock", "transfer", "correction"))
    restock.add_argument("--note", default="")
    restock.set_defaults(run=cmd_restock)

    van = add("van-stock", "what a technician's van holds: opening balance plus movements")
    van.add_argument("technician")
    van.add_argument("--json", action="store_true", help="print a JSON array")
    van.set_defaults(run=cmd_van_stock)

    settings = add("settings", "show or change the company settings every device receives")
    settings.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help="change one setting (repeatable), e.g. tax_rate=13%% or call_out_fee=50.00",
    )
    settings.add_argument(
        "--logo", type=Path, metavar="FILE", help="the PNG or JPEG printed at the top of every slip"
    )
    settings.add_argument("--json", action="store_true")
    settings.set_defaults(run=cmd_settings)

    sell = add("sell-card", "sell a prepaid card: N visits of one job type (承包卡)")
    sell.add_argument("customer", metavar="CUSTOMER", help="customer id, phone or exact name")
    sell.add_argument("--plan", required=True, choices=("monthly", "yearly"))
    sell.add_argument("--visits", required=True, type=int, metavar="N")
    sell.add_argument(
        "--from", dest="first", required=True, type=_day("--from"), metavar="YYYY-MM-DD"
    )
    sell.add_argument("--number", default="", help="the card's number (default: C<date>-NNN)")
    sell.add_argument("--serial", default="", help="the one unit it is for, by serial number")
    sell.add_argument("--job-type", default="cleaning", metavar="TYPE", help="default cleaning")
    sell.add_argument("--at", help=at_help)
    sell.add_argument("--json", action="store_true", help="print a JSON array")
    sell.set_defaults(run=cmd_sell_card)

    cards = add("cards", "prepaid cards with the visits used and left")
    cards.add_argument("--customer", metavar="CUSTOMER", help="one customer's cards")
    cards.add_argument("--at", help=at_help)
    cards.add_argument("--json", action="store_true", help="print a JSON array")
    cards.set_defaults(run=cmd_cards)

    assign = add("assign", "assign or reassign a job")
    assign.add_argument("job", metavar="JOB")
    assign.add_argument("technician")
    assign.set_defaults(run=_dispatch("assign"))

    schedule = add("schedule", "set a job's time window")
    schedule.add_argument("job", metavar="JOB")
    schedule.add_argument("--start", required=True)
    schedule.add_argument("--end", required=True)
    schedule.set_defaults(run=_dispatch("schedule"))

    cancel = add("cancel", "cancel a job")
    cancel.add_argument("job", metavar="JOB")
    cancel.set_defaults(run=_dispatch("cancel"))

    delete = add("delete", "delete a job (its technician's device is told)")
    delete.add_argument("job", metavar="JOB")
    delete.set_defaults(run=_dispatch("delete"))

    plan = add("plan-visits", "create the visits contracts owe up to a date (idempotent)")
    plan.add_argument("--until", required=True, type=_day("--until"), metavar="YYYY-MM-DD")
    plan.add_argument("--from", dest="first", type=_day("--from"), metavar="YYYY-MM-DD")
    plan.add_argument("--assignee", metavar="NAME", help="assign the new visits to a technician")
    plan.add_argument("--at", help=at_help)
    plan.add_argument("--json", action="store_true", help="print the result as JSON")
    plan.set_defaults(run=cmd_plan_visits)

    end = add("end-contract", "end a contract with its notice; later planned visits stop")
    end.add_argument("contract", metavar="CONTRACT", help="contract id or exact name")
    end.add_argument(
        "--notice-given", required=True, type=_day("--notice-given"), metavar="YYYY-MM-DD"
    )
    end.set_defaults(run=cmd_end_contract)

    follow = add("follow-ups", "follow-up calls and jewellery check reminders")
    follow.add_argument("--due", action="store_true", help="only those to do now")
    follow.add_argument("--json", action="store_true", help="print a JSON array")
    follow.add_argument("--at", help=at_help)
    follow.set_defaults(run=cmd_follow_ups)

    answer = add("follow-up-answer", "record the follow-up questionnaire of a job")
    answer.add_argument("job", metavar="JOB")
    answer.add_argument("--solved", required=True, metavar="yes|no", help="problem solved?")
    answer.add_argument("--on-time", required=True, metavar="yes|no", help="technician on time?")
    answer.add_argument("--attitude", required=True, metavar="1-5")
    answer.add_argument("--skill", required=True, metavar="1-5")
    answer.add_argument("--charged", required=True, metavar="AMOUNT", help="paid, e.g. 120.00")
    answer.add_argument("--comment", default="")
    answer.add_argument("--at", help=at_help)
    answer.set_defaults(run=cmd_follow_up_answer)

    sla = add("sla", "jobs by SLA state per promise and technician for a period")
    period_report_options(sla, at_help)
    sla.set_defaults(run=cmd_sla)

    from sync.service_commands import register_service_commands

    register_service_commands(add, at_help)
