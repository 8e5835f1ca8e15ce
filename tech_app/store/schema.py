"""Ordered migrations of the local database.

Each migration is frozen once released: a later change to a record gets a new
migration, never an edit here, so every laptop in the field upgrades the same way.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from tech_app.store.plain import SCHEMA_VERSION

migrations = Migrations("tech_app.local")

# Every synced record carries these; version counts local and server writes.
_COMMON = "version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL"
# Deferred so a pull page may bring a job before its customer within one transaction.
_FK = "DEFERRABLE INITIALLY DEFERRED"


def _run(db: Database, script: str) -> None:
    # executescript() would COMMIT first and break the migration's transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_records(db: Database) -> None:
    _run(
        db,
        f"""
    CREATE TABLE customers (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL,
        customer_class TEXT NOT NULL, notes TEXT NOT NULL, {_COMMON});
    CREATE TABLE sites (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id) {_FK},
        address TEXT NOT NULL, contact_name TEXT NOT NULL, contact_phone TEXT NOT NULL, {_COMMON});
    CREATE TABLE assets (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id) {_FK},
        site_id TEXT NOT NULL REFERENCES sites(id) {_FK}, category TEXT NOT NULL,
        make TEXT NOT NULL, model TEXT NOT NULL, serial TEXT NOT NULL,
        purchased_on TEXT, purchased_at TEXT NOT NULL, warranty_terms TEXT NOT NULL,
        hour_meter INTEGER, {_COMMON});
    CREATE TABLE contracts (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id) {_FK},
        name TEXT NOT NULL, visits_per_year INTEGER, interval_hours INTEGER,
        visit_fee INTEGER NOT NULL, out_of_scope_per_hour INTEGER NOT NULL,
        waiting_per_hour INTEGER NOT NULL, starts_on TEXT NOT NULL, term_months INTEGER NOT NULL,
        notice_days INTEGER NOT NULL, ended_on TEXT, {_COMMON});
    CREATE TABLE checklist_templates (
        id TEXT PRIMARY KEY, code TEXT NOT NULL, revision INTEGER NOT NULL, title TEXT NOT NULL,
        title_zh TEXT NOT NULL, items TEXT NOT NULL, {_COMMON}, UNIQUE (code, revision));
    CREATE TABLE jobs (
        id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, job_type TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id) {_FK},
        site_id TEXT NOT NULL REFERENCES sites(id) {_FK}, problem TEXT NOT NULL,
        reported_at TEXT NOT NULL, window_start TEXT, window_end TEXT, assignee TEXT NOT NULL,
        status TEXT NOT NULL, sla_policy TEXT NOT NULL,
        contract_id TEXT REFERENCES contracts(id) {_FK}, outcome TEXT,
        findings TEXT NOT NULL, work_done TEXT NOT NULL, priority INTEGER NOT NULL,
        flagged TEXT NOT NULL, responded_at TEXT, on_site_at TEXT, completed_at TEXT, {_COMMON});
    CREATE INDEX jobs_window ON jobs(window_start);
    CREATE INDEX jobs_customer ON jobs(customer_id);
    CREATE INDEX jobs_site ON jobs(site_id);
    CREATE INDEX jobs_status ON jobs(status, window_start);
    CREATE TABLE job_assets (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        asset_id TEXT NOT NULL REFERENCES assets(id) {_FK},
        template_id TEXT REFERENCES checklist_templates(id) {_FK},
        position INTEGER NOT NULL, hour_meter INTEGER, {_COMMON}, UNIQUE (job_id, asset_id));
    CREATE INDEX job_assets_asset ON job_assets(asset_id);
    CREATE TABLE checklist_answers (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK}, asset_id TEXT,
        template_id TEXT NOT NULL REFERENCES checklist_templates(id) {_FK},
        item_key TEXT NOT NULL, value TEXT NOT NULL, out_of_range INTEGER NOT NULL,
        answered_at TEXT NOT NULL, {_COMMON});
    CREATE UNIQUE INDEX checklist_answers_item
        ON checklist_answers(job_id, ifnull(asset_id, ''), item_key);
    CREATE TABLE parts (
        id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        name_zh TEXT NOT NULL, unit TEXT NOT NULL, unit_price INTEGER NOT NULL,
        warranty_months INTEGER, component TEXT NOT NULL, {_COMMON});
    CREATE TABLE van_stock (
        id TEXT PRIMARY KEY, technician TEXT NOT NULL,
        part_id TEXT NOT NULL REFERENCES parts(id) {_FK}, quantity TEXT NOT NULL, {_COMMON},
        UNIQUE (technician, part_id));
    CREATE TABLE part_usage (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK}, asset_id TEXT,
        part_id TEXT NOT NULL REFERENCES parts(id) {_FK}, quantity TEXT NOT NULL,
        unit_price INTEGER NOT NULL, coverage TEXT NOT NULL, technician TEXT NOT NULL,
        serial_out TEXT NOT NULL, serial_in TEXT NOT NULL, stock_override INTEGER NOT NULL,
        used_at TEXT NOT NULL, {_COMMON});
    CREATE INDEX part_usage_job ON part_usage(job_id);
    CREATE TABLE time_entries (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK}, kind TEXT NOT NULL,
        started_at TEXT NOT NULL, ended_at TEXT, technician TEXT NOT NULL, {_COMMON});
    CREATE INDEX time_entries_job ON time_entries(job_id);
    CREATE TABLE estimates (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        total INTEGER NOT NULL, breakdown TEXT NOT NULL, created_at TEXT NOT NULL, {_COMMON});
    CREATE TABLE consents (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        estimate_id TEXT NOT NULL REFERENCES estimates(id) {_FK},
        consented_by TEXT NOT NULL, consented_at TEXT NOT NULL, {_COMMON});
    CREATE TABLE signatures (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        signer_name TEXT NOT NULL, signed_at TEXT NOT NULL, image_sha256 TEXT NOT NULL,
        rating INTEGER, comment TEXT NOT NULL, {_COMMON});
    CREATE TABLE photos (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK}, asset_id TEXT,
        item_key TEXT NOT NULL, sha256 TEXT NOT NULL, caption TEXT NOT NULL,
        taken_at TEXT NOT NULL, {_COMMON});
    CREATE TABLE slips (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        revision INTEGER NOT NULL, content_hash TEXT NOT NULL, pdf_sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL, {_COMMON}, UNIQUE (job_id, revision));
    CREATE TABLE feedback (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        problem_solved INTEGER, on_time INTEGER, attitude INTEGER, skill INTEGER,
        amount_charged INTEGER, comment TEXT NOT NULL, recorded_at TEXT NOT NULL, {_COMMON});
    CREATE TABLE follow_ups (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        kind TEXT NOT NULL, due_at TEXT NOT NULL, done_at TEXT, {_COMMON});
    CREATE TABLE amendments (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        revision INTEGER NOT NULL, reason TEXT NOT NULL, text TEXT NOT NULL,
        created_at TEXT NOT NULL, {_COMMON}, UNIQUE (job_id, revision));
    """,
    )


@migrations()
def m002_outbox(db: Database) -> None:
    # mutation_id is the per-client mutation number of the sync protocol: 1, 2, 3…
    _run(
        db,
        """
    CREATE TABLE outbox (
        mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
        table_name TEXT NOT NULL, record_id TEXT NOT NULL, op TEXT NOT NULL,
        fields TEXT NOT NULL, base_version INTEGER NOT NULL, schema_version INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending', reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL);
    CREATE INDEX outbox_state ON outbox(state, mutation_id);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    )


@migrations()
def m003_search(db: Database) -> None:
    # Two indexes over the same per-job text: trigram finds any substring of three
    # characters or more (serials, phone fragments, 售后服务); the gram index holds
    # CJK single characters and pairs plus whole Latin words, so a two-character
    # query such as 售后 or a surname also hits. FTS rowids must survive VACUUM,
    # so they live in an INTEGER PRIMARY KEY of their own.
    _run(
        db,
        """
    CREATE VIRTUAL TABLE job_search_tri USING fts5(text, tokenize='trigram');
    CREATE VIRTUAL TABLE job_search_gram USING fts5(text, tokenize='unicode61');
    CREATE TABLE job_search_key (rid INTEGER PRIMARY KEY, job_id TEXT NOT NULL UNIQUE);
    """,
    )


@migrations()
def m004_sync(db: Database) -> None:
    # Sync bookkeeping: the server sequence that applied a sent mutation (it is
    # confirmed once a pull passes it), and the rows seen during a full resync.
    _run(
        db,
        """
    ALTER TABLE outbox ADD COLUMN server_seq INTEGER;
    CREATE TABLE sync_seen (
        table_name TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY (table_name, record_id));
    """,
    )


@migrations()
def m005_asset_visits(db: Database) -> None:
    # Earlier visits of the units on this technician's jobs, as head office summarises
    # them (tech_app.records.history): read-only, outside the outbox and the job list.
    # No foreign key to assets: a summary may arrive in a page before its unit.
    _run(
        db,
        f"""
    CREATE TABLE asset_visits (
        id TEXT PRIMARY KEY, asset_id TEXT NOT NULL, visit_job_id TEXT NOT NULL,
        job_number TEXT NOT NULL, job_type TEXT NOT NULL, visited_at TEXT NOT NULL,
        technician TEXT NOT NULL, hour_meter INTEGER, work_done TEXT NOT NULL,
        readings TEXT NOT NULL, parts TEXT NOT NULL, {_COMMON});
    CREATE INDEX asset_visits_asset ON asset_visits(asset_id);
    """,
    )


@migrations()
def m006_stock_movements(db: Database) -> None:
    # The van-stock ledger (tech_app.records.StockMovement): insert-only rows whose sum,
    # added to the opening balance in van_stock, is what the van holds. van_stock rows
    # keep their quantity as that opening balance, so nothing needs converting.
    _run(
        db,
        f"""
    CREATE TABLE stock_movements (
        id TEXT PRIMARY KEY, technician TEXT NOT NULL,
        part_id TEXT NOT NULL REFERENCES parts(id) {_FK}, quantity TEXT NOT NULL,
        kind TEXT NOT NULL, job_id TEXT, part_usage_id TEXT, moved_by TEXT NOT NULL,
        note TEXT NOT NULL, moved_at TEXT NOT NULL, {_COMMON});
    CREATE INDEX stock_movements_van ON stock_movements(technician, part_id);
    """,
    )


@migrations()
def m007_money(db: Database) -> None:
    # Money as data (issue 11): the company's settings and prepaid service cards come
    # from head office; a job records where the work happens, the card it is done on and
    # the cause of the fault; a time entry may be marked outside a contract's scope.
    # Existing rows get the values that price them as before: on site, no card, no
    # recorded cause, in scope; no payment method or receipt number yet.
    _run(
        db,
        f"""
    CREATE TABLE company_settings (
        id TEXT PRIMARY KEY, company_name TEXT NOT NULL, address TEXT NOT NULL,
        phone TEXT NOT NULL, tax_id TEXT NOT NULL, logo_sha256 TEXT NOT NULL,
        currency TEXT NOT NULL, tax_rate TEXT NOT NULL, time_zone TEXT NOT NULL,
        call_out_fee INTEGER NOT NULL, labour_per_hour INTEGER NOT NULL,
        labour_rates TEXT NOT NULL, waiting_per_hour INTEGER NOT NULL,
        travel_per_hour INTEGER NOT NULL, free_entitlements TEXT NOT NULL,
        free_servicing_categories TEXT NOT NULL, receipt_prefix TEXT NOT NULL,
        consent_margin TEXT NOT NULL, {_COMMON});
    CREATE TABLE service_cards (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id) {_FK},
        asset_id TEXT, number TEXT NOT NULL, plan TEXT NOT NULL, visits INTEGER NOT NULL,
        job_type TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL, {_COMMON});
    ALTER TABLE jobs ADD COLUMN visit_mode TEXT NOT NULL DEFAULT 'on_site';
    ALTER TABLE jobs ADD COLUMN card_id TEXT REFERENCES service_cards(id) {_FK};
    ALTER TABLE jobs ADD COLUMN fault_cause TEXT NOT NULL DEFAULT '';
    ALTER TABLE jobs ADD COLUMN payment_method TEXT;
    ALTER TABLE jobs ADD COLUMN receipt_number TEXT NOT NULL DEFAULT '';
    ALTER TABLE time_entries ADD COLUMN out_of_scope INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX jobs_card ON jobs(card_id);
    """,
    )
    # A schema-6 device skipped the settings and card rows head office already sent
    # (it had no table for them) and its cursor moved past them: pull everything again
    # (the outbox stays; the same re-pull a restored head office asks for), so the
    # first bill after the upgrade is priced with the company's settings, not zeros.
    db.execute("UPDATE settings SET value = '0' WHERE key = 'sync.cursor'")


@migrations()
def m008_part_line_removal(db: Database) -> None:
    # A wrong part line may be removed before sign-off (tech_app.part_lines): it keeps
    # its row, marked, so the ledger's correction still names the line it undid.
    _run(db, "ALTER TABLE part_usage ADD COLUMN removed_at TEXT;")


@migrations()
def m009_paper_signature(db: Database) -> None:
    # A customer may sign a printed copy of the slip instead of the pad (issue 13): the
    # signature row says so and names the photo of the signed paper, if one was taken.
    # Existing rows are pad signatures.
    _run(
        db,
        """
    ALTER TABLE signatures ADD COLUMN on_paper INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE signatures ADD COLUMN paper_photo_id TEXT;
    """,
    )


@migrations()
def m010_jewellery_intake(db: Database) -> None:
    # The jewellery counter's registration form, recorded once when the customer signs it
    # (tech_app.records.intake), and one row per later step of the piece (ready,
    # collected). One form per job; a step's id is derived from its intake and state, and
    # (intake_id, state) is unique, so a step cannot be taken twice.
    _run(
        db,
        f"""
    CREATE TABLE jewellery_intakes (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL UNIQUE REFERENCES jobs(id) {_FK},
        counterfoil_number TEXT NOT NULL, product TEXT NOT NULL, material TEXT NOT NULL,
        stone_size TEXT, stone_grade TEXT NOT NULL, services TEXT NOT NULL,
        service_note TEXT NOT NULL, other_problems TEXT NOT NULL, received_by TEXT NOT NULL,
        signer_name TEXT NOT NULL, signature_sha256 TEXT NOT NULL, handed_in_at TEXT NOT NULL,
        {_COMMON});
    CREATE INDEX jewellery_intakes_counterfoil ON jewellery_intakes(counterfoil_number);
    CREATE TABLE intake_steps (
        id TEXT PRIMARY KEY,
        intake_id TEXT NOT NULL REFERENCES jewellery_intakes(id) {_FK},
        job_id TEXT NOT NULL REFERENCES jobs(id) {_FK}, state TEXT NOT NULL,
        stepped_at TEXT NOT NULL, staff TEXT NOT NULL, counterfoil_number TEXT NOT NULL,
        {_COMMON}, UNIQUE (intake_id, state));
    CREATE INDEX intake_steps_job ON intake_steps(job_id);
    """,
    )
    # A device before schema 10 skipped the intake rows head office sent (it had no table for
    # them, e.g. a form taken in on the counter's other laptop) and its cursor moved past
    # them: pull everything again, keeping the outbox, as m007 did.
    db.execute("UPDATE settings SET value = '0' WHERE key = 'sync.cursor'")


@migrations()
def m011_service_systems(db: Database) -> None:
    # The service systems of issue 15 in one step: the customer file's purchase reason
    # and promises; an equipment-support contract's visit type, trainings, delivered
    # units and spare pool; and four kinds of job row: a complaint handled, a loaner unit
    # lent, an operator at a training, head office's refund of an overcharge.
    _run(
        db,
        f"""
    ALTER TABLE customers ADD COLUMN purchase_reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN promises TEXT NOT NULL DEFAULT '';
    ALTER TABLE contracts ADD COLUMN visit_type TEXT NOT NULL DEFAULT 'maintenance';
    ALTER TABLE contracts ADD COLUMN trainings_per_year INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE contracts ADD COLUMN delivered_quantity INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE contracts ADD COLUMN spare_share_percent INTEGER NOT NULL DEFAULT 15;
    ALTER TABLE contracts ADD COLUMN spare_part_id TEXT;
    ALTER TABLE contracts ADD COLUMN spare_holder TEXT NOT NULL DEFAULT '';
    CREATE TABLE complaints (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        complaint_type TEXT NOT NULL, key_points TEXT NOT NULL, plan TEXT NOT NULL,
        deadline TEXT NOT NULL, agreed INTEGER NOT NULL, agreed_by TEXT NOT NULL,
        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL, {_COMMON});
    CREATE INDEX complaints_job ON complaints(job_id);
    CREATE TABLE loans (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        unit TEXT NOT NULL, serial TEXT NOT NULL, lent_at TEXT NOT NULL,
        lent_by TEXT NOT NULL, returned_at TEXT, {_COMMON});
    CREATE INDEX loans_job ON loans(job_id);
    CREATE TABLE training_attendance (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        attendee TEXT NOT NULL, role TEXT NOT NULL, recorded_at TEXT NOT NULL, {_COMMON});
    CREATE INDEX training_attendance_job ON training_attendance(job_id);
    CREATE TABLE refunds (
        id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id) {_FK},
        amount INTEGER NOT NULL, method TEXT NOT NULL, refunded_by TEXT NOT NULL,
        refunded_at TEXT NOT NULL, note TEXT NOT NULL, {_COMMON});
    CREATE INDEX refunds_job ON refunds(job_id);
    """,
    )
    # Older devices skipped these rows and fields (no table, no column): pull everything
    # again, keeping the outbox, as m007 and m010 did.
    db.execute("UPDATE settings SET value = '0' WHERE key = 'sync.cursor'")


@migrations()
def m012_search_pending(db: Database) -> None:
    # Jobs whose search entries wait for the last page of a sync round
    # (``search.defer_jobs``): a first sync's pages name most jobs twice (the job, then
    # its units or customer in a later page), and each page re-indexing them cost more
    # than storing the rows. A table rather than memory, so a round cut short leaves the
    # list for whatever indexes next.
    db.execute("CREATE TABLE search_pending (job_id TEXT PRIMARY KEY) WITHOUT ROWID")


# Migrations that change only the laptop's own bookkeeping, not what a record holds:
# they move the profile's version but not the record schema the wire carries.
BOOKKEEPING_ONLY = ("m012_search_pending",)

# The number of migrations above: kept in ``plain`` so a profile's version can be checked
# without importing sqlite-utils (``tech_app.first_page``); tests/tech_app/test_first_page.py too.
assert len(migrations._migrations) == SCHEMA_VERSION, "bump tech_app.store.plain.SCHEMA_VERSION"
