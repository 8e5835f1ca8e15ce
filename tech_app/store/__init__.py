"""The technician's local database: migrations, the one write path with its outbox, search."""

from tech_app.store.local import LocalStore, open_store

__all__ = ["LocalStore", "open_store"]
