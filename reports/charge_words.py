"""Charge lines in the reader's words: the pricing's codes turned into slip text.

The core prices in codes (``tech_app.vocab.ChargeKind``, ``Coverage``, ``ChargeReason``
and a detail such as the warranty exclusion); this is the one place the slip turns them
into words, so the renderers and the tests read the same sentences.
"""

from __future__ import annotations

from reports.labels import Labels
from reports.slip_data import EstimateLine
from tech_app.money import format_money

# Reasons that say no more than the coverage itself, so the slip leaves them out.
_PLAIN = frozenset({"charged"})


def reason_text(reason: str, detail: str, labels: Labels) -> str:
    """Why a line is covered or charged ("not covered: damage from the user's own …")."""
    if not reason or reason in _PLAIN:
        return ""
    if reason == "excluded":
        why = labels.get(f"exclusion.{detail}", detail)
        return labels.format("reason.excluded", why=why)
    return labels.get(f"reason.{reason}", reason)


def coverage_text(coverage: str, reason: str, detail: str, list_amount: int, labels: Labels) -> str:
    """Who pays and why; a covered line shows what it would have cost."""
    name = labels.get(f"coverage.{coverage}", coverage)
    if coverage != "charged" and list_amount:
        name = f"{name} ({format_money(list_amount)})"
    why = reason_text(reason, detail, labels)
    return f"{name} · {why}" if why else name


def line_name(kind: str, labels: Labels) -> str:
    """The name of a fee or time line by its kind."""
    if kind in ("call_out", "visit_fee"):
        return labels["fee.call_out"] if kind == "call_out" else labels["fee.visit"]
    return labels.get(f"time.{kind}", kind)


def estimate_line_text(line: EstimateLine, labels: Labels) -> str:
    """An estimate line: a part by its number, a fee or time by its kind; an estimate
    kept before lines had codes shows its own words."""
    if not line.kind:
        return line.description
    if line.kind == "part":
        return labels.format("part", number=line.description)
    return line_name(line.kind, labels)
