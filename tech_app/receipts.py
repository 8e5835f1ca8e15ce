"""Receipt and counterfoil numbers: gapless sequences per device that work offline.

Every charge gets a receipt (seed 003), and every piece left at a jewellery counter a
counterfoil (回执联, seed 001). A laptop issues both without asking head office, so each
device numbers its own: the company's prefix, a device code fixed at the first number,
and the device's next number in that series. A number is taken inside the transaction
that records what it is for (the signature, ``tech_app.signoff.sign_job``; the signed
registration form, ``tech_app.intake.hand_in``), so a refused or failed one takes none
and neither sequence has gaps.
"""

from __future__ import annotations

import uuid
from typing import Final

from tech_app.records import CompanySettings
from tech_app.store.local import LocalStore

# Local-only settings (never synced): the device's code and its next receipt number.
DEVICE_SETTING: Final = "receipt.device"
NEXT_SETTING: Final = "receipt.next"
# The counterfoils' own series, so receipts stay gapless; "C" marks one on paper.
NEXT_COUNTERFOIL_SETTING: Final = "counterfoil.next"
COUNTERFOIL_MARK: Final = "C"


def device_code(store: LocalStore) -> str:
    """Six hex digits naming this device on its receipts, chosen once."""
    code = store.setting(DEVICE_SETTING)
    if not code:
        code = uuid.uuid4().hex[:6].upper()
        store.set_setting(DEVICE_SETTING, code)
    return code


def take_receipt_number(store: LocalStore, settings: CompanySettings) -> str:
    """The next receipt number of this device ("AX-3F9A1C-000001"); call it inside the
    transaction that records what the receipt is for."""
    return _take(store, settings, NEXT_SETTING, "")


def take_counterfoil_number(store: LocalStore, settings: CompanySettings) -> str:
    """The next counterfoil number of this device ("AX-3F9A1C-C000001"); call it inside
    the transaction that records the signed registration form."""
    return _take(store, settings, NEXT_COUNTERFOIL_SETTING, COUNTERFOIL_MARK)


def _take(store: LocalStore, settings: CompanySettings, series: str, mark: str) -> str:
    with store.transaction():
        number = int(store.setting(series) or "1")
        store.set_setting(series, str(number + 1))
        prefix = f"{settings.receipt_prefix}-" if settings.receipt_prefix else ""
        return f"{prefix}{device_code(store)}-{mark}{number:06d}"
