"""Whether the customer agreed to what they are about to sign for: a pure rule.

The seeds: before repairing a charged job the technician shows the fee schedule and
gets the customer's consent; a bill that grows past the consented estimate needs
consent again before signature. ``margin`` (a company setting) is how far past the
estimate a bill may go, as a fraction of it.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from tech_app.errors import ConsentError


def allowed_total(consented_total: int, margin: Decimal) -> int:
    """The highest bill (minor units) the consent covers; rounded down, never up."""
    return int((Decimal(consented_total) * (1 + margin)).to_integral_value(ROUND_FLOOR))


def check_consent(
    bill_total: int, consented_total: int | None, margin: Decimal, *, needed: bool = True
) -> None:
    """Raise ``ConsentError`` unless a bill of ``bill_total`` may be signed.

    ``needed`` is False when nothing is charged beyond what an agreement fixed
    (``Bill.needs_consent``); a bill of nothing needs no consent either.
    ``consented_total`` is the total of the latest estimate the customer consented
    to, None when there is none.
    """
    if not needed or bill_total <= 0:
        return
    if consented_total is None:
        raise ConsentError(ConsentError.MISSING, bill_total=bill_total)
    limit = allowed_total(consented_total, margin)
    if bill_total > limit:
        raise ConsentError(
            ConsentError.EXCEEDED,
            bill_total=bill_total,
            consented_total=consented_total,
            allowed_total=limit,
        )
