"""The wire's record schema moves with the local store's schema."""

from __future__ import annotations

from tech_app.records.codec import RECORD_SCHEMA
from tech_app.store.schema import BOOKKEEPING_ONLY, SCHEMA_VERSION, migrations


def test_record_schema_is_the_local_store_schema() -> None:
    # A local migration changes what records hold; the version the outbox and the
    # protocol carry (tech_app.records.codec.RECORD_SCHEMA) must be bumped with it.
    # Migrations of the laptop's own bookkeeping (schema.BOOKKEEPING_ONLY) do not count.
    names = [m.name for m in migrations._migrations]
    assert set(BOOKKEEPING_ONLY) <= set(names)
    changing = SCHEMA_VERSION - len(BOOKKEEPING_ONLY)
    assert changing == RECORD_SCHEMA, (
        f"{changing} local migrations change records: set RECORD_SCHEMA in "
        "tech_app/records/codec.py"
    )
