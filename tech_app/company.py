"""The company's settings as this device holds them (head office sends them down)."""

from __future__ import annotations

from tech_app.errors import NotFoundError
from tech_app.records import CompanySettings
from tech_app.records.settings import SETTINGS_ID
from tech_app.store.local import LocalStore


def company_settings(store: LocalStore) -> CompanySettings:
    """The settings head office last sent; before the first sync, the empty settings
    (no name, no rates): nothing is ever billed at a rate the company did not set."""
    # Read by every price and every slip, changed by head office now and then.
    try:
        return store.get_parsed_once(CompanySettings, SETTINGS_ID)
    except NotFoundError:
        return CompanySettings()
