"""Which head office this profile syncs with: one setting of the local store.

Kept apart from ``tech_app.store.remote`` (the outbox, pulls, restores) so the app can
ask whether a profile is logged in before its first paint without importing the sync
side of the store, nor the store itself (``tech_app.first_page`` answers it then);
``remote`` re-exports these names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tech_app.store.plain import ProfileReads

if TYPE_CHECKING:
    from tech_app.store.local import LocalStore

SERVER_URL = "sync.server_url"


def server_url(store: ProfileReads) -> str | None:
    """Asked of the full store or, before the first paint, of ``tech_app.first_page``."""
    return store.setting(SERVER_URL)


def set_server_url(store: LocalStore, url: str) -> None:
    store.set_setting(SERVER_URL, url)


__all__ = ["SERVER_URL", "server_url", "set_server_url"]
