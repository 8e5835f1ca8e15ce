"""Logging a profile in to head office: shared by ``tech-app login`` and ``tech-app demo``."""

from __future__ import annotations

from pathlib import Path

from sync.client.http import SyncClient
from sync.client.round import CA_BUNDLE
from sync.tokens import TokenStore
from tech_app.store import remote
from tech_app.store.local import LocalStore


def log_in(
    store: LocalStore, server: str, user: str, password: str, ca_bundle: str | None = None
) -> None:
    """Get tokens for ``user`` and remember the server, technician and CA on the profile."""
    profile = store.path.parent if store.path else Path(".")
    trusted = ca_bundle or store.setting(CA_BUNDLE)
    client = SyncClient(server, token_store=TokenStore(profile), ca_bundle=trusted)
    client.login(user, password)
    remote.set_server_url(store, server.rstrip("/"))
    store.set_setting(remote.TECHNICIAN, user)
    if ca_bundle:
        store.set_setting(CA_BUNDLE, str(Path(ca_bundle).resolve()))
