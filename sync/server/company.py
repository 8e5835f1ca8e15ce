"""The company's settings at head office: read, and changed by the office through the gate.

Settings are one head-office record (``tech_app.records.CompanySettings``) shared with
every device like the parts catalogue; a technician's push of them is refused by the
gate's ownership rule. ``update`` takes ``KEY=VALUE`` text as typed on the command line
and turns each value into its field's type, naming the key when a value is wrong.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Connection

from sync.server import blobs, gate, store
from tech_app.errors import ValidationError
from tech_app.images import check_logo
from tech_app.money import format_money, parse_money, to_major
from tech_app.records import CompanySettings, Entitlement, LabourRate
from tech_app.records.codec import from_row, to_row
from tech_app.records.settings import SETTINGS_ID
from tech_app.vocab import JobType

TABLE = "company_settings"
# Fields typed as an amount of money ("50.00"), kept in minor units.
MONEY_FIELDS = frozenset({"call_out_fee", "labour_per_hour", "waiting_per_hour", "travel_per_hour"})
# Fields typed as a fraction or a percentage ("0.13" or "13%").
FRACTION_FIELDS = frozenset({"tax_rate", "consent_margin"})
KEYS = tuple(f.name for f in dataclasses.fields(CompanySettings) if f.name != "id")


def current(conn: Connection) -> CompanySettings:
    """The stored settings, or the empty ones before the office set any."""
    found = store.load(conn, TABLE, SETTINGS_ID)
    if found is None or found.deleted:
        return CompanySettings()
    return from_row(CompanySettings, found.data)


def zone(conn: Connection) -> ZoneInfo:
    """The company's time zone, the one its days (visits, reports, follow-ups) count in."""
    return current(conn).zone


def _fraction(key: str, text: str) -> Decimal:
    value = text.strip()
    percent = value.endswith("%")
    try:
        number = Decimal(value.rstrip("%").strip())
    except InvalidOperation:
        raise ValidationError(key, f"{text!r} is not a number (give 0.13 or 13%)") from None
    return number / 100 if percent else number


def _job_type(key: str, text: str) -> JobType:
    try:
        return JobType(text.strip())
    except ValueError:
        names = ", ".join(t.value for t in JobType)
        raise ValidationError(key, f"{text!r} is not a job type ({names})") from None


def _labour_rates(key: str, text: str) -> tuple[LabourRate, ...]:
    """``repair=120.00,installation=100.00``."""
    rates = []
    for item in filter(None, (p.strip() for p in text.split(","))):
        name, sep, amount = item.partition("=")
        if not sep:
            raise ValidationError(key, f"{item!r} is not JOB_TYPE=AMOUNT")
        rates.append(
            LabourRate(job_type=_job_type(key, name), per_hour=parse_money(key, amount.strip()))
        )
    return tuple(rates)


def _entitlements(key: str, text: str) -> tuple[Entitlement, ...]:
    """``solar_water_heater:maintenance:2,forklift:maintenance:4:within_warranty``."""
    found = []
    for item in filter(None, (p.strip() for p in text.split(","))):
        parts = [p.strip() for p in item.split(":")]
        if len(parts) not in (3, 4) or (len(parts) == 4 and parts[3] != "within_warranty"):
            raise ValidationError(
                key, f"{item!r} is not TERMS:JOB_TYPE:VISITS_PER_YEAR[:within_warranty]"
            )
        if not parts[2].isdigit():
            raise ValidationError(key, f"{parts[2]!r} is not a whole number of visits")
        found.append(
            Entitlement(
                warranty_terms=parts[0],
                job_type=_job_type(key, parts[1]),
                visits_per_year=int(parts[2]),
                within_warranty=len(parts) == 4,
            )
        )
    return tuple(found)


def parse_value(key: str, text: str) -> Any:
    """A value typed for ``key``, in the type the settings record holds."""
    if key not in KEYS:
        raise ValidationError("settings", f"{key!r} is not a setting (known: {', '.join(KEYS)})")
    if key in MONEY_FIELDS:
        return parse_money(key, text)
    if key in FRACTION_FIELDS:
        return _fraction(key, text)
    if key == "labour_rates":
        return _labour_rates(key, text)
    if key == "free_entitlements":
        return _entitlements(key, text)
    if key == "free_servicing_categories":
        return tuple(filter(None, (p.strip() for p in text.split(","))))
    return text.strip()


def parse_assignments(items: Iterable[str]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValidationError("settings", f"{item!r} is not KEY=VALUE")
        changes[key.strip()] = parse_value(key.strip(), value)
    return changes


def update(conn: Connection, changes: dict[str, Any]) -> CompanySettings:
    """Change the named settings (the rest stay) through the write gate; devices get
    them on their next pull."""
    settings = dataclasses.replace(current(conn), **changes)
    row = json.loads(json.dumps(to_row(settings), ensure_ascii=False))
    gate.write(conn, gate.OFFICE, TABLE, row)
    return settings


def set_logo(conn: Connection, data: bytes) -> CompanySettings:
    """Make ``data`` (a PNG or JPEG, checked whole) the logo on every slip.

    The bytes are kept as a blob that every technician may read, and laptops fetch it
    with the settings, so slips printed offline carry it too.
    """
    check_logo("logo", data)
    return update(conn, {"logo_sha256": blobs.keep(conn, data)})


def shown(settings: CompanySettings) -> dict[str, Any]:
    """The settings as the command prints them: money as amounts, fractions as text."""
    out: dict[str, Any] = {}
    for key in KEYS:
        value = getattr(settings, key)
        if key in MONEY_FIELDS:
            out[key] = str(to_major(value))
        elif key == "labour_rates":
            out[key] = {r.job_type.value: str(to_major(r.per_hour)) for r in value}
        elif key == "free_entitlements":
            out[key] = [
                {
                    "warranty_terms": e.warranty_terms,
                    "job_type": e.job_type.value,
                    "visits_per_year": e.visits_per_year,
                    "within_warranty": e.within_warranty,
                }
                for e in value
            ]
        elif isinstance(value, tuple):
            out[key] = list(value)
        elif isinstance(value, Decimal):
            out[key] = str(value)
        else:
            out[key] = value
    return out


def typed_values(settings: CompanySettings) -> dict[str, str]:
    """Each setting as the office types it (``parse_value`` reads it back): what the
    command prints and what the console's settings form is filled with."""
    data = shown(settings)
    typed = {}
    for key in KEYS:
        value = data[key]
        if key in MONEY_FIELDS:
            value = format_money(getattr(settings, key), symbol="")
        elif key == "labour_rates":
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        elif key == "free_entitlements":
            value = ", ".join(
                f"{e['warranty_terms']}:{e['job_type']}:{e['visits_per_year']}"
                + (":within_warranty" if e["within_warranty"] else "")
                for e in value
            )
        elif isinstance(value, list):
            value = ", ".join(value)
        typed[key] = str(value)
    return typed


def shown_lines(settings: CompanySettings) -> list[str]:
    return [f"{key:<26} {value}" for key, value in typed_values(settings).items()]
