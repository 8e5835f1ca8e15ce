"""Head-office bulk work: the demo seed, the CSV job import, and a bulk loader for load tests."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, NamedTuple, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sync.server import auth, checklist_templates, company, dispatch, gate, store
from sync.server import tables as t
from sync.server.cards import card_for_sheet
from sync.server.csv_text import EncodingProblem, read_sheet
from sync.server.db import next_seq, now, read_transaction, write_transaction
from sync.server.office_input import (
    parse_job_type,
    parse_priority,
    parse_sheet_moment,
    parse_visit_mode,
)
from sync.server.sheet_columns import CSV_COLUMNS, REQUIRED_COLUMNS
from tech_app.errors import TechAppError, ValidationError
from tech_app.records import Asset, Customer, Job, JobAsset, ServiceCard, Site
from tech_app.records.codec import from_row, table_of, to_row

_NS = uuid.UUID("2f8e4d1a-6c3b-4e57-9a0d-5b1c7e9f3a21")


class ImportFailed(TechAppError):
    def __init__(self, line: int, reason: str, *, imported: int = 0) -> None:
        self.line = line
        self.reason = reason
        self.imported = imported
        if imported:
            outcome = (
                f"the {imported} job(s) before it were imported; "
                "import the file again once fixed (nothing is doubled)"
            )
        else:
            outcome = "nothing was imported"
        super().__init__(f"line {line}: {reason}; {outcome}")


def rekey(records: tuple[object, ...], technician: str, prefix: str | None = None) -> list[object]:
    """The same demo day with ids and job numbers of its own.

    ``build_demo`` derives every id from stable names (uuid5), so building it for a
    second technician gives the very same customer, site, asset and job ids: loading
    it as is would reassign liu's jobs. The shared catalogue (parts, templates) keeps
    its ids; everything else gets a uuid5 of the technician and the old id, and job
    numbers a technician-specific prefix.
    """
    shared = {"parts", "checklist_templates", "van_stock", "company_settings"}
    mapping = {
        str(r.id): str(uuid.uuid5(_NS, f"{technician}:{r.id}"))
        for r in cast(tuple[Any, ...], records)
        if table_of(r) not in shared
    }
    out: list[object] = []
    for record in records:
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(record):  # type: ignore[arg-type]
            value = getattr(record, f.name)
            if (f.name == "id" or f.name.endswith("_id")) and value in mapping:
                changes[f.name] = mapping[value]
        label = prefix or technician[:2].upper()
        if isinstance(record, Job):
            changes["number"] = record.number.replace("SV-", f"{label}-", 1)
        if isinstance(record, ServiceCard):  # card numbers are unique like job numbers
            changes["number"] = f"{record.number}-{label}"
        out.append(dataclasses.replace(record, **changes))  # type: ignore[type-var]
    return out


def seed_demo(conn: Connection, today: date, password: str) -> int:
    """Both demo technicians, liu's demo day as built, and a re-keyed copy for tom; and
    the office user ``dispatcher`` for the web console.

    Each day comes with the ring's signed registration form, and head office keeps its
    signature image as if the counter's laptop had uploaded it.
    The seed-demo command is the demo itself: the only place head office reads the demo
    set (imported here, so nothing else at head office loads it).
    """
    from sync.server import blobs
    from tech_app.demo import DEMO_OFFICE_USER, DEMO_TECHNICIANS, build_demo, build_demo_intake

    for name in DEMO_TECHNICIANS:
        auth.add_technician(conn, name, password)
    auth.add_technician(conn, DEMO_OFFICE_USER, password, "office")
    count = 0
    first, _second = DEMO_TECHNICIANS
    for technician in DEMO_TECHNICIANS:
        signed = build_demo_intake(today, technician)
        records: tuple[object, ...] = (*build_demo(today, technician).records, signed.intake)
        png = signed.signature_png
        blobs.put(conn, signed.intake.signature_sha256, technician, png, 0, len(png))
        for record in records if technician == first else rekey(records, technician):
            dispatch.put_record(conn, record)
            count += 1
    return count


# -- CSV import -------------------------------------------------------------------
# The sheet's columns live in sheet_columns.py, so --help lists them without the database.


def _key(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "|".join(parts)))


def _time(column: str, text: str, zone: tzinfo) -> str | None:
    # ISO or as Chinese Excel writes it; the company's time zone when the sheet gives none.
    moment = parse_sheet_moment(column, text, zone)
    return moment.isoformat() if moment else None


def _records_of_row(
    conn: Connection, row: dict[str, str], templates: dict[str, str]
) -> list[object]:
    cell = {k: (row.get(k) or "").strip() for k in CSV_COLUMNS}
    zone = company.zone(conn)
    for name in REQUIRED_COLUMNS:
        if not cell[name]:
            raise ValidationError(name, "is required")
    customer = from_row(
        Customer,
        {
            "id": _key("customer", cell["customer_name"], cell["customer_phone"]),
            "name": cell["customer_name"],
            "phone": cell["customer_phone"],
            "customer_class": cell["customer_class"] or "B",
        },
    )
    site = from_row(
        Site,
        {
            "id": _key("site", customer.id, cell["site_address"]),
            "customer_id": customer.id,
            "address": cell["site_address"],
            "contact_name": cell["contact_name"],
            "contact_phone": cell["contact_phone"],
        },
    )
    assignee = cell["assignee"]
    if (
        assignee
        and conn.execute(
            sa.select(t.technicians.c.name).where(t.technicians.c.name == assignee)
        ).first()
        is None
    ):
        raise ValidationError("assignee", f"no technician {assignee!r}")
    job = from_row(
        Job,
        {
            "id": _key("job", cell["job_number"]),
            "number": cell["job_number"],
            "job_type": parse_job_type("job_type", cell["job_type"]),
            "customer_id": customer.id,
            "site_id": site.id,
            "problem": cell["problem"],
            "reported_at": _time("reported_at", cell["reported_at"], zone),
            "window_start": _time("window_start", cell["window_start"], zone),
            "window_end": _time("window_end", cell["window_end"], zone),
            "assignee": assignee,
            "status": "assigned" if assignee else "new",
            "priority": parse_priority("priority", cell["priority"]),
            "sla_policy": cell["sla_policy"],
            "visit_mode": parse_visit_mode("visit_mode", cell["visit_mode"]),
            "card_id": (
                card_for_sheet(conn, customer.id, cell["card_number"]).id
                if cell["card_number"]
                else None
            ),
        },
    )
    out: list[object] = [customer, site]
    if cell["asset_serial"]:
        asset = from_row(
            Asset,
            {
                "id": _key("asset", cell["asset_make"], cell["asset_model"], cell["asset_serial"]),
                "customer_id": customer.id,
                "site_id": site.id,
                "category": cell["asset_category"],
                "make": cell["asset_make"],
                "model": cell["asset_model"],
                "serial": cell["asset_serial"],
                "purchased_on": cell["asset_purchased_on"] or None,
                "warranty_terms": cell["warranty_terms"],
            },
        )
        template_id = None
        if cell["template"]:
            if cell["template"] not in templates:
                raise ValidationError("template", f"no checklist template {cell['template']!r}")
            template_id = templates[cell["template"]]
        out += [
            asset,
            job,
            JobAsset(
                id=_key("job-asset", job.id, asset.id),
                job_id=job.id,
                asset_id=asset.id,
                template_id=template_id,
            ),
        ]
    else:
        out.append(job)
    return out


# Rows written per transaction: short enough that a technician's push waiting behind a
# batch on SQLite (one writer at a time) waits well under a second.
IMPORT_BATCH_ROWS = 200


def _sheet_rows(conn: Connection, path: Path, encoding: str | None) -> list[_SheetRow]:
    """Every row of the sheet turned into its records and checked, writing nothing.

    Raises ``ImportFailed`` naming the first bad line: a bad value, a job number given
    twice, or a change the write gate would refuse (a signed job).
    """
    # A code names its latest revision.
    templates = {code: str(row["id"]) for code, row in checklist_templates.latest(conn).items()}
    try:
        sheet = read_sheet(Path(path), encoding)
    except OSError as exc:
        raise ImportFailed(0, f"cannot read {path}: {exc.strerror}") from None
    except EncodingProblem as exc:
        raise ImportFailed(exc.line, str(exc)) from None
    rows: list[_SheetRow] = []
    numbers: set[str] = set()
    planned: set[tuple[str, str]] = set()  # what earlier rows will write: later ones may name it
    with io.StringIO(sheet.text, newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ImportFailed(1, f"missing columns: {', '.join(missing)}")
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except (UnicodeDecodeError, csv.Error) as exc:
                raise ImportFailed(reader.line_num + 1, f"unreadable: {exc}") from None
            line = reader.line_num
            try:
                if None in cells:
                    raise ValidationError("row", "has more cells than the header")
                if cells["job_number"].strip() in numbers:
                    raise ValidationError("job_number", f"{cells['job_number']!r} appears twice")
                numbers.add(cells["job_number"].strip())
                records = _records_of_row(conn, cells, templates)
                checked = []
                for record in records:
                    plain = dispatch.plain_row(record)
                    table = table_of(record)
                    checked.append((table, gate.check_office_write(conn, table, plain, planned)))
                    planned.add((table, str(plain["id"])))
                writes = tuple(checked)
            except ValidationError as exc:
                raise ImportFailed(line, f"{exc.field}: {exc.reason}") from None
            except (ValueError, TypeError, TechAppError) as exc:
                # NotFoundError, and the write gate refusing a change (a signed job).
                raise ImportFailed(line, str(exc)) from None
            rows.append(_SheetRow(line, records, writes))
    return rows


class _SheetRow(NamedTuple):
    line: int
    records: list[object]
    writes: tuple[tuple[str, gate.OfficeWrite], ...]  # per record: its table, what it does


@dataclasses.dataclass(frozen=True)
class SheetChange:
    """One record a sheet's row would write: new, changed (which fields) or as it is."""

    line: int
    table: str
    record_id: str
    label: str  # the job number, customer name, address or serial the office knows it by
    new: bool
    fields: tuple[str, ...]


def _label(record: object) -> str:
    for name in ("number", "name", "address", "serial"):
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            return value
    return str(getattr(record, "id", ""))


def sheet_changes(conn: Connection, path: Path, encoding: str | None = None) -> list[SheetChange]:
    """What importing the sheet would write, record by record, writing nothing: the same
    check ``import_jobs`` makes first (``ImportFailed`` names the first bad line)."""
    return [
        SheetChange(
            row.line, table, str(getattr(record, "id", "")), _label(record), w.new, w.fields
        )
        for row in _sheet_rows(conn, path, encoding)
        for record, (table, w) in zip(row.records, row.writes, strict=True)
    ]


def import_jobs(
    engine: Engine,
    path: Path,
    encoding: str | None = None,
    *,
    batch_rows: int = IMPORT_BATCH_ROWS,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Import a CSV of jobs (one row per job); returns the number of jobs.

    The whole file is read and checked first (``_sheet_rows``): a bad row imports
    nothing. Then it is written in batches of ``batch_rows``, each its own transaction,
    so technicians' pushes go on between batches instead of waiting for the whole
    file. Rows are keyed by job number (uuid5), so should a batch fail after the check
    (a technician signed one of its jobs in the meantime), importing the same file again
    finishes it without doubling anything. ``progress(done, total)`` follows each batch.

    The encoding is detected (``csv_text.read_sheet``: UTF-8 with or without BOM,
    UTF-16, GB18030/GBK) unless ``encoding`` names it.
    """
    with read_transaction(engine) as conn:
        rows = _sheet_rows(conn, path, encoding)
    done = 0
    for start in range(0, len(rows), max(1, batch_rows)):
        batch = rows[start : start + max(1, batch_rows)]
        try:
            with write_transaction(engine) as conn:
                for row in batch:
                    line = row.line
                    for record in row.records:
                        dispatch.put_record(conn, record)
        except (ValueError, TypeError, TechAppError) as exc:
            reason = f"{exc.field}: {exc.reason}" if isinstance(exc, ValidationError) else str(exc)
            raise ImportFailed(line, reason, imported=done) from None
        done += len(batch)
        if progress is not None:
            progress(done, len(rows))
    return done


# -- bulk loading, for load tests and benchmarks -----------------------------------------
def bulk_jobs(conn: Connection, technician: str, count: int, *, prefix: str = "BULK") -> list[str]:
    """Add ``count`` jobs for one technician in a few statements (one customer and site).

    Bypasses per-record writes for speed but keeps every invariant a pull relies on:
    sequence numbers (customer and site before the jobs), owner, refs and grants.
    """
    customer = Customer(
        id=_key(prefix, technician, "customer"), name="批量客户 Bulk", phone="021 5555 0000"
    )
    site = Site(
        id=_key(prefix, technician, "site"), customer_id=customer.id, address="上海市测试路 1 号"
    )
    dispatch.put_record(conn, customer)
    dispatch.put_record(conn, site)
    # Granted before the jobs take their numbers: a device receives customer and site
    # (feed entries at the grant's number) before the jobs that refer to them.
    for table, record_id in (("customers", customer.id), ("sites", site.id)):
        store.grant(conn, technician, table, record_id)
    first = next_seq(conn, count)
    reported = datetime(2026, 1, 1, 9, tzinfo=company.zone(conn))
    stamp = now()
    rows, refs, assigned, ids = [], [], [], []
    for n in range(count):
        job = Job(
            id=_key(prefix, technician, "job", str(n)),
            number=f"{prefix}-{technician}-{n:06d}",
            job_type="repair",  # type: ignore[arg-type]
            customer_id=customer.id,
            site_id=site.id,
            problem=f"批量测试 job {n}",
            reported_at=reported,
            window_start=reported + timedelta(hours=n % 48),
            window_end=reported + timedelta(hours=n % 48 + 1),
            assignee=technician,
            status="assigned",  # type: ignore[arg-type]
        )
        data = json.loads(json.dumps(to_row(job), ensure_ascii=False))
        ids.append(job.id)
        rows.append(
            store.first_version_row("jobs", data, owner=technician, seq=first + n, updated_at=stamp)
        )
        refs += [
            {"job_id": job.id, "table_name": "customers", "record_id": customer.id},
            {"job_id": job.id, "table_name": "sites", "record_id": site.id},
        ]
        assigned.append({"job_id": job.id, "technician": technician})
    for start in range(0, count, 2000):
        store.insert_first_versions(conn, rows[start : start + 2000])
        conn.execute(t.job_refs.insert(), refs[2 * start : 2 * (start + 2000)])
        conn.execute(t.assignments.insert(), assigned[start : start + 2000])
    return ids
