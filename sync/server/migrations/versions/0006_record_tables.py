"""One table per kind of record, with a typed column per field.

Until now every record was the codec's JSON text in ``records.data``. Each kind gets
its own table (``sync.server.record_tables`` explains the column types), every record
is copied into it through the shared codec (which fills fields that older versions
of a record did not have with their defaults, exactly as a device reading the row
would), and ``records`` keeps only what syncing needs.

The schema below is frozen as it stood at this revision; later record changes come
with their own migrations (tests/sync/test_record_tables.py compares the migrated
database with the tables the code queries).

Foreign keys are checked from now on, not against rows carried over: on PostgreSQL
they are added NOT VALID, on SQLite the copy runs with foreign-key checks off
(``db.migrate``). A row that an earlier bug left pointing at nothing is kept, not lost.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from sync.server.record_tables import ExactDecimal, IsoDate

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# (column, type, may be NULL, table it refers to)
KINDS: dict[str, tuple[tuple[str, str, bool, str | None], ...]] = {
    "customers": (
        ("id", "text", False, None),
        ("name", "text", False, None),
        ("phone", "text", False, None),
        ("customer_class", "text", False, None),
        ("notes", "text", False, None),
    ),
    "sites": (
        ("id", "text", False, None),
        ("customer_id", "text", False, "customers"),
        ("address", "text", False, None),
        ("contact_name", "text", False, None),
        ("contact_phone", "text", False, None),
    ),
    "assets": (
        ("id", "text", False, None),
        ("customer_id", "text", False, "customers"),
        ("site_id", "text", False, "sites"),
        ("category", "text", False, None),
        ("make", "text", False, None),
        ("model", "text", False, None),
        ("serial", "text", False, None),
        ("purchased_on", "date", True, None),
        ("purchased_at", "text", False, None),
        ("warranty_terms", "text", False, None),
        ("hour_meter", "int", True, None),
    ),
    "contracts": (
        ("id", "text", False, None),
        ("customer_id", "text", False, "customers"),
        ("name", "text", False, None),
        ("visits_per_year", "int", True, None),
        ("interval_hours", "int", True, None),
        ("visit_fee", "int", False, None),
        ("out_of_scope_per_hour", "int", False, None),
        ("waiting_per_hour", "int", False, None),
        ("starts_on", "date", False, None),
        ("term_months", "int", False, None),
        ("notice_days", "int", False, None),
        ("ended_on", "date", True, None),
    ),
    "service_cards": (
        ("id", "text", False, None),
        ("customer_id", "text", False, "customers"),
        ("asset_id", "text", True, "assets"),
        ("number", "text", False, None),
        ("plan", "text", False, None),
        ("visits", "int", False, None),
        ("job_type", "text", False, None),
        ("starts_on", "date", False, None),
        ("ends_on", "date", False, None),
    ),
    "company_settings": (
        ("id", "text", False, None),
        ("company_name", "text", False, None),
        ("address", "text", False, None),
        ("phone", "text", False, None),
        ("tax_id", "text", False, None),
        ("logo_sha256", "text", False, None),
        ("currency", "text", False, None),
        ("tax_rate", "decimal", False, None),
        ("time_zone", "text", False, None),
        ("call_out_fee", "int", False, None),
        ("labour_per_hour", "int", False, None),
        ("labour_rates", "text", False, None),
        ("waiting_per_hour", "int", False, None),
        ("travel_per_hour", "int", False, None),
        ("free_entitlements", "text", False, None),
        ("free_servicing_categories", "text", False, None),
        ("receipt_prefix", "text", False, None),
        ("consent_margin", "decimal", False, None),
    ),
    "checklist_templates": (
        ("id", "text", False, None),
        ("code", "text", False, None),
        ("revision", "int", False, None),
        ("title", "text", False, None),
        ("title_zh", "text", False, None),
        ("items", "text", False, None),
    ),
    "jobs": (
        ("id", "text", False, None),
        ("number", "text", False, None),
        ("job_type", "text", False, None),
        ("customer_id", "text", False, "customers"),
        ("site_id", "text", False, "sites"),
        ("problem", "text", False, None),
        ("reported_at", "text", False, None),
        ("window_start", "text", True, None),
        ("window_end", "text", True, None),
        ("assignee", "text", False, None),
        ("status", "text", False, None),
        ("sla_policy", "text", False, None),
        ("contract_id", "text", True, "contracts"),
        ("outcome", "text", True, None),
        ("findings", "text", False, None),
        ("work_done", "text", False, None),
        ("priority", "int", False, None),
        ("flagged", "text", False, None),
        ("responded_at", "text", True, None),
        ("on_site_at", "text", True, None),
        ("completed_at", "text", True, None),
        ("visit_mode", "text", False, None),
        ("card_id", "text", True, "service_cards"),
        ("fault_cause", "text", False, None),
        ("payment_method", "text", True, None),
        ("receipt_number", "text", False, None),
    ),
    "job_assets": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("asset_id", "text", False, "assets"),
        ("template_id", "text", True, "checklist_templates"),
        ("position", "int", False, None),
        ("hour_meter", "int", True, None),
    ),
    "checklist_answers": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("asset_id", "text", True, "assets"),
        ("template_id", "text", False, "checklist_templates"),
        ("item_key", "text", False, None),
        ("value", "text", False, None),
        ("out_of_range", "bool", False, None),
        ("answered_at", "text", False, None),
    ),
    "parts": (
        ("id", "text", False, None),
        ("number", "text", False, None),
        ("name", "text", False, None),
        ("name_zh", "text", False, None),
        ("unit", "text", False, None),
        ("unit_price", "int", False, None),
        ("warranty_months", "int", True, None),
        ("component", "text", False, None),
    ),
    "van_stock": (
        ("id", "text", False, None),
        ("technician", "text", False, None),
        ("part_id", "text", False, "parts"),
        ("quantity", "decimal", False, None),
    ),
    "stock_movements": (
        ("id", "text", False, None),
        ("technician", "text", False, None),
        ("part_id", "text", False, "parts"),
        ("quantity", "decimal", False, None),
        ("kind", "text", False, None),
        ("job_id", "text", True, "jobs"),
        ("part_usage_id", "text", True, "part_usage"),
        ("moved_by", "text", False, None),
        ("note", "text", False, None),
        ("moved_at", "text", False, None),
    ),
    "part_usage": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("asset_id", "text", True, "assets"),
        ("part_id", "text", False, "parts"),
        ("quantity", "decimal", False, None),
        ("unit_price", "int", False, None),
        ("coverage", "text", False, None),
        ("technician", "text", False, None),
        ("serial_out", "text", False, None),
        ("serial_in", "text", False, None),
        ("stock_override", "bool", False, None),
        ("used_at", "text", False, None),
        ("removed_at", "text", True, None),
    ),
    "time_entries": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("kind", "text", False, None),
        ("started_at", "text", False, None),
        ("ended_at", "text", True, None),
        ("technician", "text", False, None),
        ("out_of_scope", "bool", False, None),
    ),
    "estimates": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("total", "int", False, None),
        ("breakdown", "text", False, None),
        ("created_at", "text", False, None),
    ),
    "consents": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("estimate_id", "text", False, "estimates"),
        ("consented_by", "text", False, None),
        ("consented_at", "text", False, None),
    ),
    "signatures": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("signer_name", "text", False, None),
        ("signed_at", "text", False, None),
        ("image_sha256", "text", False, None),
        ("rating", "int", True, None),
        ("comment", "text", False, None),
        ("on_paper", "bool", False, None),
        ("paper_photo_id", "text", True, "photos"),
    ),
    "photos": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("asset_id", "text", True, "assets"),
        ("item_key", "text", False, None),
        ("sha256", "text", False, None),
        ("caption", "text", False, None),
        ("taken_at", "text", False, None),
    ),
    "slips": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("revision", "int", False, None),
        ("content_hash", "text", False, None),
        ("pdf_sha256", "text", False, None),
        ("created_at", "text", False, None),
    ),
    "feedback": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("problem_solved", "bool", True, None),
        ("on_time", "bool", True, None),
        ("attitude", "int", True, None),
        ("skill", "int", True, None),
        ("amount_charged", "int", True, None),
        ("comment", "text", False, None),
        ("recorded_at", "text", False, None),
    ),
    "follow_ups": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("kind", "text", False, None),
        ("due_at", "text", False, None),
        ("done_at", "text", True, None),
    ),
    "amendments": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("revision", "int", False, None),
        ("reason", "text", False, None),
        ("text", "text", False, None),
        ("created_at", "text", False, None),
    ),
    "jewellery_intakes": (
        ("id", "text", False, None),
        ("job_id", "text", False, "jobs"),
        ("counterfoil_number", "text", False, None),
        ("product", "text", False, None),
        ("material", "text", False, None),
        ("stone_size", "decimal", True, None),
        ("stone_grade", "text", False, None),
        ("services", "text", False, None),
        ("service_note", "text", False, None),
        ("other_problems", "text", False, None),
        ("received_by", "text", False, None),
        ("signer_name", "text", False, None),
        ("signature_sha256", "text", False, None),
        ("handed_in_at", "text", False, None),
    ),
    "intake_steps": (
        ("id", "text", False, None),
        ("intake_id", "text", False, "jewellery_intakes"),
        ("job_id", "text", False, "jobs"),
        ("state", "text", False, None),
        ("stepped_at", "text", False, None),
        ("staff", "text", False, None),
        ("counterfoil_number", "text", False, None),
    ),
}
INDEXES: dict[str, tuple[tuple[str, ...], ...]] = {
    "customers": (("phone",),),
    "sites": (("customer_id",),),
    "assets": (("customer_id",), ("site_id",)),
    "contracts": (("customer_id",),),
    "service_cards": (("asset_id",), ("customer_id",)),
    "company_settings": (),
    "checklist_templates": (("code",),),
    "jobs": (
        ("assignee",),
        ("card_id",),
        ("contract_id",),
        ("customer_id",),
        ("number",),
        ("site_id",),
        ("status",),
        ("window_start",),
    ),
    "job_assets": (("asset_id",), ("job_id",), ("template_id",)),
    "checklist_answers": (("asset_id",), ("job_id",), ("template_id",)),
    "parts": (("number",),),
    "van_stock": (("part_id",), ("technician",)),
    "stock_movements": (("job_id",), ("part_id",), ("part_usage_id",), ("technician",)),
    "part_usage": (("asset_id",), ("job_id",), ("part_id",)),
    "time_entries": (("job_id",),),
    "estimates": (("job_id",),),
    "consents": (("estimate_id",), ("job_id",)),
    "signatures": (("job_id",), ("paper_photo_id",)),
    "photos": (("asset_id",), ("job_id",)),
    "slips": (("job_id",),),
    "feedback": (("job_id",),),
    "follow_ups": (("job_id",),),
    "amendments": (("job_id",),),
    "jewellery_intakes": (("job_id",),),
    "intake_steps": (("intake_id",), ("job_id",)),
}


_TYPES: dict[str, Any] = {
    "text": sa.Text,
    "int": sa.BigInteger,
    "bool": sa.Boolean,
    "decimal": ExactDecimal,
    "date": IsoDate,
}
_CHUNK = 500


def _table(metadata: sa.MetaData, name: str, *, with_keys: bool) -> sa.Table:
    columns = []
    for column, kind, nullable, target in KINDS[name]:
        keys = (
            [
                sa.ForeignKey(
                    f"{target}.id",
                    name=f"fk_{name}_{column}",
                    deferrable=True,
                    initially="DEFERRED",
                )
            ]
            if with_keys and target
            else []
        )
        columns.append(
            sa.Column(column, _TYPES[kind](), *keys, primary_key=column == "id", nullable=nullable)
        )
    return sa.Table(name, metadata, *columns)


def _complete(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """The row as today's codec reads it: fields added since it was written get their
    defaults. A row the codec cannot read is carried over as it was."""
    from tech_app.records.codec import RECORD_FOR_TABLE, from_row, to_row

    try:
        row = json.loads(
            json.dumps(to_row(from_row(RECORD_FOR_TABLE[name], data)), ensure_ascii=False)
        )
    except Exception:  # keep the record as written rather than lose it
        row = data
    return {column: row.get(column) for column, *_ in KINDS[name]}


def upgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    metadata = sa.MetaData()
    tables = {name: _table(metadata, name, with_keys=not postgres) for name in KINDS}
    for name, table in tables.items():
        table.create(bind)
        for columns in INDEXES[name]:
            op.create_index(f"ix_{name}_{'_'.join(columns)}", name, list(columns))
    for name, table in tables.items():
        batch: list[dict[str, Any]] = []
        for record_id, data in bind.execute(
            sa.text("SELECT id, data FROM records WHERE table_name = :name ORDER BY seq"),
            {"name": name},
        ):
            batch.append({**_complete(name, json.loads(data)), "id": record_id})
            if len(batch) == _CHUNK:
                bind.execute(table.insert(), batch)
                batch = []
        if batch:
            bind.execute(table.insert(), batch)
    if postgres:
        for name in KINDS:
            for column, _kind, _nullable, target in KINDS[name]:
                if target:
                    op.execute(
                        f"ALTER TABLE {name} ADD CONSTRAINT fk_{name}_{column} "
                        f"FOREIGN KEY ({column}) REFERENCES {target} (id) "
                        "DEFERRABLE INITIALLY DEFERRED NOT VALID"
                    )
    op.execute("ALTER TABLE records DROP COLUMN data")


def downgrade() -> None:
    """Back to one JSON column: each record's fields as the codec row they are."""
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    op.execute("ALTER TABLE records ADD COLUMN data TEXT NOT NULL DEFAULT '{}'")
    metadata = sa.MetaData()
    for name in KINDS:
        table = _table(metadata, name, with_keys=False)
        rows = [dict(row._mapping) for row in bind.execute(sa.select(table))]
        for start in range(0, len(rows), _CHUNK):
            bind.execute(
                sa.text("UPDATE records SET data = :data WHERE table_name = :name AND id = :id"),
                [
                    {
                        "data": json.dumps(row, ensure_ascii=False, sort_keys=True),
                        "name": name,
                        "id": row["id"],
                    }
                    for row in rows[start : start + _CHUNK]
                ],
            )
    for name in KINDS:
        op.execute(f"DROP TABLE {name}{' CASCADE' if postgres else ''}")
