"""Receipt numbers: a gapless sequence per device that works offline.

Every charge gets a receipt (seed 003). A laptop issues them without asking head
office, so each device numbers its own: the company's prefix, a device code fixed at
the first receipt, and the device's next number. The number is taken inside the
signature's transaction (``tech_app.signoff.sign_job``), so a refused or failed
signature takes none and the sequence has no gaps.
"""

from __future__ import annotations

import uuid
from typing import Final

from tech_app.records import CompanySettings
from tech_app.store.local import LocalStore

# Local-only settings (never synced): the device's code and its next receipt number.
DEVICE_SETTING: Final = "receipt.device"
NEXT_SETTING: Final = "receipt.next"


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
    with store.transaction():
        number = int(store.setting(NEXT_SETTING) or "1")
        store.set_setting(NEXT_SETTING, str(number + 1))
        prefix = f"{settings.receipt_prefix}-" if settings.receipt_prefix else ""
        return f"{prefix}{device_code(store)}-{number:06d}"
