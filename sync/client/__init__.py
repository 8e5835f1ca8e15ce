"""The sync client (requests): one round is blobs up, push the outbox, pull changes.

``sync_once(store, blobs)`` is what the desktop worker and ``tech-app sync`` call;
it never raises for network trouble, it reports it in ``SyncReport.errors``.
"""

from sync.client.http import SyncClient, SyncError
from sync.client.round import SyncReport, client_for, sync_once

__all__ = ["SyncClient", "SyncError", "SyncReport", "client_for", "sync_once"]
