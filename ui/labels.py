"""What the core's stable vocabulary values look like on screen, in the user's language.

The core stores ``en_route``; the technician reads "En route" or "在途中".
``QT_TRANSLATE_NOOP`` marks the words for ``pyside6-lupdate``; ``translate``
looks them up at run time, so switching language needs no code change.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from tech_app.money import format_money
from tech_app.vocab import ChargeKind, ItemKind

if TYPE_CHECKING:  # pricing and warranty are not imported before the first paint
    from tech_app.records import ChecklistItem
    from tech_app.rules.pricing import ChargeLine
    from tech_app.rules.warranty import WarrantyDecision

_CONTEXT = "Vocab"

# QT_TRANSLATE_NOOP returns its text unchanged; the stubs call it object.
_WORDS: dict[str, object] = {
    # job status
    "new": QT_TRANSLATE_NOOP("Vocab", "New"),
    "assigned": QT_TRANSLATE_NOOP("Vocab", "Assigned"),
    "en_route": QT_TRANSLATE_NOOP("Vocab", "En route"),
    "on_site": QT_TRANSLATE_NOOP("Vocab", "On site"),
    "waiting_parts": QT_TRANSLATE_NOOP("Vocab", "Waiting for parts"),
    "completed": QT_TRANSLATE_NOOP("Vocab", "Completed"),
    "signed": QT_TRANSLATE_NOOP("Vocab", "Signed"),
    "cancelled": QT_TRANSLATE_NOOP("Vocab", "Cancelled"),
    # where a piece left at a jewellery counter is (tech_app.vocab.IntakeState)
    "handed_in": QT_TRANSLATE_NOOP("Vocab", "Handed in"),
    "ready": QT_TRANSLATE_NOOP("Vocab", "Ready for collection"),
    "collected": QT_TRANSLATE_NOOP("Vocab", "Collected"),
    # job type
    "installation": QT_TRANSLATE_NOOP("Vocab", "Installation"),
    "repair": QT_TRANSLATE_NOOP("Vocab", "Repair"),
    "maintenance": QT_TRANSLATE_NOOP("Vocab", "Maintenance"),
    "inspection": QT_TRANSLATE_NOOP("Vocab", "Inspection"),
    "cleaning": QT_TRANSLATE_NOOP("Vocab", "Cleaning"),
    "follow_up": QT_TRANSLATE_NOOP("Vocab", "Follow-up"),
    "guidance": QT_TRANSLATE_NOOP("Vocab", "Guidance"),
    "oil_testing": QT_TRANSLATE_NOOP("Vocab", "Oil test"),
    "complaint": QT_TRANSLATE_NOOP("Vocab", "Complaint"),
    "training": QT_TRANSLATE_NOOP("Vocab", "Operator training"),
    # complaint types (tech_app.vocab.ComplaintType, seed 001)
    "total_denial": QT_TRANSLATE_NOOP("Vocab", "Total denial"),
    "lack_of_trust": QT_TRANSLATE_NOOP("Vocab", "Lack of trust"),
    "endless_talker": QT_TRANSLATE_NOOP("Vocab", "Endless talker"),
    "wants_it_now": QT_TRANSLATE_NOOP("Vocab", "Wants it fixed now"),
    "shifts_blame": QT_TRANSLATE_NOOP("Vocab", "Shifts blame"),
    "venting": QT_TRANSLATE_NOOP("Vocab", "Venting"),
    # coverage
    "warranty": QT_TRANSLATE_NOOP("Vocab", "Warranty"),
    "contract": QT_TRANSLATE_NOOP("Vocab", "Contract"),
    "charged": QT_TRANSLATE_NOOP("Vocab", "Charged"),
    "card": QT_TRANSLATE_NOOP("Vocab", "Prepaid card"),
    "free_entitlement": QT_TRANSLATE_NOOP("Vocab", "Free"),
    # payment methods (tech_app.vocab.PaymentMethod)
    "cash": QT_TRANSLATE_NOOP("Vocab", "Cash"),
    "wechat": QT_TRANSLATE_NOOP("Vocab", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("Vocab", "Alipay"),
    "bank_card": QT_TRANSLATE_NOOP("Vocab", "Bank card"),
    "transfer": QT_TRANSLATE_NOOP("Vocab", "Bank transfer"),
    "invoice": QT_TRANSLATE_NOOP("Vocab", "Invoice (pay later)"),
    # charge line kinds (tech_app.vocab.ChargeKind) besides the time kinds
    "call_out": QT_TRANSLATE_NOOP("Vocab", "Call-out fee"),
    "visit_fee": QT_TRANSLATE_NOOP("Vocab", "Contract visit fee"),
    "out_of_scope": QT_TRANSLATE_NOOP("Vocab", "Work outside the agreement"),
    # time kinds
    "travel": QT_TRANSLATE_NOOP("Vocab", "Travel"),
    "labour": QT_TRANSLATE_NOOP("Vocab", "Labour"),
    "waiting": QT_TRANSLATE_NOOP("Vocab", "Waiting"),
    # SLA states
    "on_track": QT_TRANSLATE_NOOP("Vocab", "On track"),
    "at_risk": QT_TRANSLATE_NOOP("Vocab", "At risk"),
    "met": QT_TRANSLATE_NOOP("Vocab", "Met"),
    "breached": QT_TRANSLATE_NOOP("Vocab", "Breached"),
    # SLA promises (tech_app.rules.sla)
    "reply": QT_TRANSLATE_NOOP("Vocab", "Reply"),
    "plan": QT_TRANSLATE_NOOP("Vocab", "Solution plan"),
    "resolved": QT_TRANSLATE_NOOP("Vocab", "Problem solved"),
    "phone_response": QT_TRANSLATE_NOOP("Vocab", "Phone response"),
    "on_site_promise": QT_TRANSLATE_NOOP("Vocab", "Technician on site"),
    "repaired_or_replaced": QT_TRANSLATE_NOOP("Vocab", "Repaired or replaced"),
    "follow_up_promise": QT_TRANSLATE_NOOP("Vocab", "Follow-up call"),
    # checklist answers
    "yes": QT_TRANSLATE_NOOP("Vocab", "Yes"),
    "no": QT_TRANSLATE_NOOP("Vocab", "No"),
    # warranty exclusions (tech_app.rules.warranty.Exclusion)
    "user_dismantling": QT_TRANSLATE_NOOP("Vocab", "dismantled by the user"),
    "unauthorised_repair": QT_TRANSLATE_NOOP("Vocab", "repaired by a non-authorised repairer"),
    "user_transport_storage": QT_TRANSLATE_NOOP(
        "Vocab", "damaged in the user's transport or storage"
    ),
    "misuse": QT_TRANSLATE_NOOP("Vocab", "used against the manual"),
    "part_past_period": QT_TRANSLATE_NOOP("Vocab", "the part is past its own warranty"),
    "force_majeure": QT_TRANSLATE_NOOP("Vocab", "force majeure"),
}

# Units of parts and readings as the catalogue and templates store them.
_UNITS: dict[str, object] = {
    "pc": QT_TRANSLATE_NOOP("Units", "pc"),
    "m": QT_TRANSLATE_NOOP("Units", "m"),
    "L": QT_TRANSLATE_NOOP("Units", "L"),
    "kg": QT_TRANSLATE_NOOP("Units", "kg"),
    "g": QT_TRANSLATE_NOOP("Units", "g"),
    "h": QT_TRANSLATE_NOOP("Units", "h"),
    "set": QT_TRANSLATE_NOOP("Units", "set"),
}


def unit(code: str) -> str:
    """A unit in the user's language ("pc" is 个); a unit not listed is shown as stored."""
    source = _UNITS.get(code)
    return QCoreApplication.translate("Units", str(source)) if source else code


# Promise names that are also status or type words get their own key above.
_PROMISE_KEYS = {"on_site": "on_site_promise", "follow_up": "follow_up_promise"}


def word(value: str | None) -> str:
    """The label of a vocabulary value; unknown values are shown as they are."""
    if not value:
        return ""
    source = _WORDS.get(str(value))
    if source is None:
        return str(value)
    return QCoreApplication.translate(_CONTEXT, str(source))


def promise_name(name: str) -> str:
    return word(_PROMISE_KEYS.get(name, name))


def warranty_headline(decision: WarrantyDecision) -> str:
    """The verdict in the user's language, from the decision's stable code and dates."""
    kind, _, detail = decision.code.partition(":")
    day = decision.expires_on.isoformat() if decision.expires_on else ""
    if kind == "in_warranty":
        if day:
            return QCoreApplication.translate("Vocab", "In warranty until {date}").format(date=day)
        return QCoreApplication.translate("Vocab", "In warranty")
    if kind == "expired":
        return QCoreApplication.translate("Vocab", "Warranty ended on {date}").format(date=day)
    if kind == "hours_exceeded":
        return QCoreApplication.translate("Vocab", "Over the warranty's operating hours")
    return QCoreApplication.translate("Vocab", "Not covered: {why}").format(why=word(detail))


def charge_line(line: ChargeLine) -> str:
    """A priced line's name: its kind, quantity and rate ("Labour 45 min @ ¥120.00/h")."""
    if line.kind is ChargeKind.PART:
        return QCoreApplication.translate("Vocab", "{part} × {qty} @ {price}").format(
            part=line.part_number,
            qty=format(line.quantity.normalize(), "f"),
            price=money(line.unit_price),
        )
    if line.per_hour:
        return QCoreApplication.translate("Vocab", "{kind} {minutes} min @ {rate}/h").format(
            kind=word(line.kind.value), minutes=int(line.quantity), rate=money(line.unit_price)
        )
    if line.kind is ChargeKind.VISIT_FEE:
        return QCoreApplication.translate("Vocab", "{kind} {units} × {rate}").format(
            kind=word(line.kind.value), units=int(line.quantity), rate=money(line.unit_price)
        )
    return word(line.kind.value)


def money(minor: int) -> str:
    return format_money(minor)


def duration(delta: timedelta) -> str:
    """A short length of time: "1 h 05 min", "3 d 4 h", "12 min"."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("Vocab", "{d} d {h} h").format(d=days, h=hours)
    if hours:
        return QCoreApplication.translate("Vocab", "{h} h {m:02d} min").format(h=hours, m=mins)
    return QCoreApplication.translate("Vocab", "{m} min").format(m=mins)


def clock_time(moment: datetime | None, zone: tzinfo | None = None) -> str:
    """HH:MM in the visit's time zone (the site's clock, not the laptop's)."""
    if moment is None:
        return ""
    return (moment.astimezone(zone) if zone else moment).strftime("%H:%M")


def date_time(moment: datetime | None, zone: tzinfo | None = None) -> str:
    if moment is None:
        return ""
    return (moment.astimezone(zone) if zone else moment).strftime("%Y-%m-%d %H:%M")


def short_date_time(moment: datetime | None, zone: tzinfo | None = None) -> str:
    """ "11-28 09:45": the year goes without saying for a deadline this week."""
    if moment is None:
        return ""
    return (moment.astimezone(zone) if zone else moment).strftime("%m-%d %H:%M")


def window(start: datetime | None, end: datetime | None, *, with_date: bool = True) -> str:
    """A visit window as "11-28 09:00–11:00" ("09:00–11:00" today); unscheduled: a dash."""
    if start is None:
        return "—"
    text = start.strftime("%m-%d %H:%M" if with_date else "%H:%M")
    if end is not None:
        text += "–" + end.astimezone(start.tzinfo).strftime("%H:%M")
    return text


def decimal_comma() -> bool:
    """Whether the user's locale writes one and a half as 1,5 (German, French, …).

    The core reads typed numbers (``tech_app.numbers``); only the UI knows the locale.
    """
    return QLocale().decimalPoint() == ","


def answer(item: ChecklistItem, value: str, chinese: bool) -> str:
    """A stored answer as the technician reads it: yes/no and choices in words."""
    if item.kind is ItemKind.YES_NO:
        return word(value)
    if item.kind is ItemKind.CHOICE:
        return item.choice_label(value, chinese)
    return value
