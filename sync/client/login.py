"""Logging a profile in to head office: shared by ``tech-app login`` and ``tech-app demo``."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

from sync.client.http import SyncClient
from sync.client.round import CA_BUNDLE
from sync.tokens import TokenStore
from tech_app.errors import ValidationError
from tech_app.store import remote
from tech_app.store.local import LocalStore


def server_address(typed: str) -> str:
    """The head-office URL for what someone typed: ``127.0.0.1:8470`` means http://127.0.0.1:8470.

    Without a scheme, a loopback or private-network address gets http:// (the
    ``tech-app server`` on the office LAN speaks plain HTTP); any other name gets
    https://, so a password never goes over the internet in clear by guesswork.
    """
    text = typed.strip()
    if not text:
        raise ValidationError(
            "--server", "give the head office address, e.g. http://127.0.0.1:8470"
        )
    if "://" not in text:
        host = urlsplit(f"//{text}").hostname or ""
        text = f"{'http' if _on_this_network(host) else 'https'}://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            "--server", f"{typed!r} is not a head office address; use e.g. http://127.0.0.1:8470"
        )
    try:
        parts.port  # noqa: B018 - reading it is what checks the port number
    except ValueError:
        raise ValidationError("--server", f"{typed!r} has no valid port number") from None
    return text.rstrip("/")


def _on_this_network(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def log_in(
    store: LocalStore, server: str, user: str, password: str, ca_bundle: str | None = None
) -> str:
    """Get tokens for ``user`` and remember the server, technician and CA on the profile.

    Returns the server URL as understood (``server_address``), for the confirmation line.
    """
    server = server_address(server)
    profile = store.path.parent if store.path else Path(".")
    trusted = ca_bundle or store.setting(CA_BUNDLE)
    client = SyncClient(server, token_store=TokenStore(profile), ca_bundle=trusted)
    client.login(user, password)
    remote.set_server_url(store, server)
    store.set_setting(remote.TECHNICIAN, user)
    if ca_bundle:
        store.set_setting(CA_BUNDLE, str(Path(ca_bundle).resolve()))
    return server
