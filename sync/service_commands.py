"""``tech-app office`` commands of the service systems: refunds, ratings, customer files,
complaints and spare pools (``sync.server.service_office`` does the work)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from tech_app.money import format_money, parse_money

Add = Callable[[str, str], argparse.ArgumentParser]


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def cmd_refund(args: argparse.Namespace) -> int:
    from sync.commands import _now, _office_engine
    from sync.server.db import write_transaction
    from sync.server.service_office import record_refund

    amount = parse_money("--amount", args.amount)
    with _office_engine(args) as engine, write_transaction(engine) as conn:
        result = record_refund(
            conn, args.job, amount, args.method, args.by, _now(args, conn), args.note
        )
    if args.json:
        _print_json(result)
        return 0
    print(
        f"refund of {format_money(amount)} by {result['method']} on job {result['job_number']} "
        f"recorded ({result['refunded_by']}); {format_money(result['left_to_refund'])} "
        "of the overcharge left to refund"
    )
    return 0


def _read(args: argparse.Namespace, query: Callable[[Any], Any]) -> Any:
    """One read transaction on the office database, ``query(conn)`` its result."""
    from sync.commands import _office_engine
    from sync.server.db import read_transaction

    with _office_engine(args) as engine, read_transaction(engine) as conn:
        return query(conn)


def _listing(
    rows: list[dict[str, Any]], as_json: bool, empty: str, line: Callable[[dict[str, Any]], str]
) -> int:
    """A list as JSON, or a line a row (``empty`` when there is none)."""
    if as_json:
        _print_json(rows)
        return 0
    if not rows:
        print(empty)
    for row in rows:
        print(line(row))
    return 0


def _rating_line(row: dict[str, Any]) -> str:
    return (
        f"{row['technician']:<14} done {row['jobs_done']:>3}  follow-ups "
        f"{row['follow_ups_answered']:>3}  solved {row['problem_solved']:>3}  on time "
        f"{row['on_time']:>3}  attitude {row['attitude_average'] or '-':>4}  skill "
        f"{row['skill_average'] or '-':>4}  overcharges {row['overcharges']} "
        f"({format_money(row['overcharged_amount'])}, refunded "
        f"{format_money(row['refunded_amount'])})  SLA met {row['sla_met']} breached "
        f"{row['sla_breached']}"
    )


def cmd_ratings(args: argparse.Namespace) -> int:
    from sync.commands import _now
    from sync.server.service_office import ratings_csv, technician_ratings

    rows = _read(
        args, lambda conn: technician_ratings(conn, args.first, args.last, _now(args, conn))
    )
    if args.csv:
        sys.stdout.write(ratings_csv(rows))
        return 0
    return _listing(rows, args.json, "no visits completed in that period", _rating_line)


def cmd_customers(args: argparse.Namespace) -> int:
    from sync.server.service_office import customers_by_class

    return _listing(
        _read(args, lambda conn: customers_by_class(conn, args.customer_class)),
        args.json,
        "no customers",
        lambda row: (
            f"{row['class']}  {row['name']:<28} {row['phone']:<16} units {row['units']:>2}  "
            f"contracts {row['contracts']}  visits {row['visits']:>2}  complaints "
            f"{row['complaints']}  satisfaction {row['satisfaction'] or '-'}"
        ),
    )


def cmd_customer_file(args: argparse.Namespace) -> int:
    from sync.commands import _office_engine
    from sync.server.db import write_transaction
    from sync.server.service_office import customer_file, update_customer_file
    from tech_app.cli import print_customer_file

    changes = {
        "purchase_reason": args.purchase_reason,
        "promises": args.promises,
        "customer_class": args.customer_class,
    }
    if any(value is not None for value in changes.values()):
        with _office_engine(args) as engine, write_transaction(engine) as conn:
            found = update_customer_file(conn, args.customer, **changes)
    else:
        found = _read(args, lambda conn: customer_file(conn, args.customer))
    print_customer_file(found, args.json)
    return 0


def _complaint_line(row: dict[str, Any]) -> str:
    agreed = f"agreed by {row['agreed_by']}" if row["agreed"] else "not yet agreed"
    return (
        f"{row['job_number']:<18} {row['complaint_type']:<15} {row['customer']}  "
        f"plan by {row['deadline'][:16]} ({agreed}): {row['key_points']}"
    )


def cmd_complaints(args: argparse.Namespace) -> int:
    from sync.server.service_office import list_complaints

    return _listing(_read(args, list_complaints), args.json, "no complaints", _complaint_line)


def cmd_spare_pool(args: argparse.Namespace) -> int:
    from sync.commands import _office_engine
    from sync.server.db import write_transaction
    from sync.server.service_office import pool_json, pool_of, replenish_pool

    added = None
    if args.replenish:
        with _office_engine(args) as engine, write_transaction(engine) as conn:
            name, pool, added = replenish_pool(
                conn, args.contract, by="office", at=datetime.now(UTC)
            )
    else:
        name, pool = _read(args, lambda conn: pool_of(conn, args.contract))
    shown = pool_json(name, pool)
    if added is not None:
        shown["added"] = str(added)
    if args.json:
        _print_json(shown)
        return 0
    print(
        f"{name}: spare pool {shown['held']} of {shown['target']} held by "
        f"{shown['holder'] or 'nobody'}, short {shown['shortfall']}"
        + (f"; restocked {added}" if added is not None else "")
    )
    return 0


def register_service_commands(add: Add, at_help: str) -> None:
    from sync.commands import period_report_options

    refund = add("refund", "record the refund of an overcharge a follow-up found")
    refund.add_argument("job", metavar="JOB")
    refund.add_argument("--amount", required=True, metavar="AMOUNT", help="e.g. 30.00")
    refund.add_argument(
        "--method",
        required=True,
        choices=("cash", "wechat", "alipay", "bank_card", "transfer"),
    )
    refund.add_argument("--by", required=True, metavar="NAME", help="who paid it back")
    refund.add_argument("--note", default="")
    refund.add_argument("--at", help=at_help)
    refund.add_argument("--json", action="store_true", help="print the result as JSON")
    refund.set_defaults(run=cmd_refund)

    ratings = add("ratings", "technician ratings: follow-up answers, overcharges, SLA")
    period_report_options(ratings, at_help)
    ratings.set_defaults(run=cmd_ratings)

    customers = add("customers", "customer files by class (A first)")
    customers.add_argument("--class", dest="customer_class", choices=("A", "B", "C"))
    customers.add_argument("--json", action="store_true", help="print a JSON array")
    customers.set_defaults(run=cmd_customers)

    file = add("customer-file", "one customer's file: reason, promises, units, visits")
    file.add_argument("customer", metavar="CUSTOMER", help="customer id, phone or exact name")
    file.add_argument("--purchase-reason", metavar="TEXT", help="why they bought (kept)")
    file.add_argument("--promises", metavar="TEXT", help="what was promised to them (kept)")
    file.add_argument("--class", dest="customer_class", choices=("A", "B", "C"))
    file.add_argument("--json", action="store_true", help="print JSON")
    file.set_defaults(run=cmd_customer_file)

    complaints = add("complaints", "complaints recorded: type, key points, plan and agreement")
    complaints.add_argument("--json", action="store_true", help="print a JSON array")
    complaints.set_defaults(run=cmd_complaints)

    pool = add("spare-pool", "an equipment-support contract's spare pool (15 % of delivered)")
    pool.add_argument("contract", metavar="CONTRACT", help="contract id or exact name")
    pool.add_argument(
        "--replenish", action="store_true", help="restock the holder up to the target"
    )
    pool.add_argument("--json", action="store_true", help="print JSON")
    pool.set_defaults(run=cmd_spare_pool)
