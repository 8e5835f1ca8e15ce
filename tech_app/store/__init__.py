"""The technician's local database: migrations, the one write path with its outbox, search.

``LocalStore`` and ``open_store`` are imported from ``tech_app.store.local`` when first
asked for, so a light module of this package (``plain``, ``search``) can be imported
without sqlite-utils and the records: the app's first paint needs only those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tech_app.store.local import LocalStore, open_store

__all__ = ["LocalStore", "open_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from tech_app.store import local

        return getattr(local, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
