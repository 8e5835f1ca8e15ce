"""The time now, in UTC: what every record's timestamps start from.

Apart from the store so the app's first screen can have a clock without importing it.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)
