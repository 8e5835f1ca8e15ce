"""The wire's record schema moves with the local store's schema."""

from __future__ import annotations

from tech_app.records.codec import RECORD_SCHEMA
from tech_app.store.schema import SCHEMA_VERSION


def test_record_schema_is_the_local_store_schema() -> None:
    # A local migration changes what records hold; the version the outbox and the
    # protocol carry (tech_app.records.codec.RECORD_SCHEMA) must be bumped with it.
    assert RECORD_SCHEMA == SCHEMA_VERSION, (
        f"local schema is {SCHEMA_VERSION}: set RECORD_SCHEMA in tech_app/records/codec.py"
    )
