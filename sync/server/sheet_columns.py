"""The columns of the office's job sheet (``tech-app office import-jobs``), with what each holds.

Kept apart from the importer so that ``import-jobs --help`` can list them without
loading the database layer.
"""

from __future__ import annotations

# (column, what it holds); the order is the sheet's documented order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("job_number", "the job's number, unique in the sheet (required)"),
    (
        "job_type",
        "installation, repair, maintenance, inspection, cleaning, follow_up, guidance, "
        "oil_testing, complaint, training, or in Chinese: 安装调试, 维修, 保养, 巡检, 清洗, "
        "回访, 技术指导, 油品检测, 投诉, 培训 (required)",
    ),
    ("problem", "what the customer reported"),
    ("reported_at", "when it was reported (required): 2026-12-01 10:00, 2026/12/01 10:00 …"),
    ("window_start", "start of the visit window, same forms"),
    ("window_end", "end of the visit window, same forms"),
    ("assignee", "technician name (empty: not assigned yet)"),
    ("priority", "1 (urgent) to 5; default 3"),
    ("sla_policy", "service promise: stove or equipment_support (empty: none)"),
    ("customer_name", "customer (required)"),
    ("customer_phone", "customer phone (required)"),
    ("customer_class", "A, B or C; default B"),
    ("site_address", "where the visit is (required)"),
    ("contact_name", "person on site"),
    ("contact_phone", "their phone"),
    ("asset_category", "kind of unit, e.g. solar water heater"),
    ("asset_make", "make"),
    ("asset_model", "model"),
    ("asset_serial", "serial number (a unit is linked only when given)"),
    ("asset_purchased_on", "purchase date, YYYY-MM-DD"),
    ("warranty_terms", "warranty terms code"),
    ("template", "checklist template code"),
    (
        "visit_mode",
        "on_site (default), counter (brought in: no call-out) or phone (guidance by phone), "
        "or in Chinese: 上门, 到店, 电话",
    ),
    ("card_number", "the customer's prepaid card this visit uses (office sell-card)"),
)
CSV_COLUMNS: tuple[str, ...] = tuple(name for name, _ in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = (
    "job_number",
    "job_type",
    "reported_at",
    "customer_name",
    "customer_phone",
    "site_address",
)


def columns_help() -> str:
    """The column list for ``--help``."""
    width = max(len(name) for name, _ in COLUMNS)
    lines = ["columns (a header row naming them, in any order; other columns are ignored):"]
    lines += [f"  {name:<{width}}  {what}" for name, what in COLUMNS]
    lines += [
        "",
        "encoding: UTF-8 (with or without BOM), UTF-16 or GB18030/GBK is detected;",
        "          --encoding names another. A bad row aborts the whole file with its",
        "          line and column.",
    ]
    return "\n".join(lines)
