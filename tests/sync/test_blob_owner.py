"""Blobs are read by their owners only: the office, whoever uploaded the bytes, and the
technicians who can see the job of the row that first named the hash.

Before: a technician could read any blob some row visible to them named, so B read A's
customer signature by pushing a photo row on B's own job that named A's hash.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from sync.server import dispatch
from sync.server import tables as t
from sync.server.db import make_engine, read_transaction, write_transaction
from tech_app.records.codec import RECORD_SCHEMA
from tests.sync.conftest import PG_ADMIN, Server, png_bytes
from tests.sync.test_security import bearer, login


@pytest.fixture
def people(server: Server) -> dict[str, Any]:
    """Technicians A, B and C with their own demo days, and an office user."""
    found: dict[str, Any] = {}
    for key in ("a", "b", "c", "office"):
        name = server.technician("office" if key == "office" else "technician")
        found[key] = name
        found[f"{key}_headers"] = bearer(login(server, name).json()["access_token"])
        if key != "office":
            found[f"{key}_jobs"] = server.dispatch_demo(name)
    return found


def upload(server: Server, headers: dict[str, str], data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    answer = requests.put(f"{server.url}/blobs/{sha}", data=data, headers=headers)
    assert answer.ok and answer.json()["complete"], answer.text
    return sha


def read(server: Server, headers: dict[str, str], sha: str) -> requests.Response:
    return requests.get(f"{server.url}/blobs/{sha}", headers=headers)


def push_row(server: Server, headers: dict[str, str], table: str, row: dict[str, Any]) -> None:
    body = {
        "client_id": f"blob-owner-{uuid.uuid4().hex[:12]}",
        "seen_seq": 0,
        "mutations": [
            {
                "id": 1,
                "table": table,
                "record_id": row["id"],
                "op": "insert",
                "fields": row,
                "base_version": 0,
                "schema_version": RECORD_SCHEMA,
            }
        ],
    }
    answer = requests.post(f"{server.url}/sync/push", json=body, headers=headers)
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["applied"], answer.text


def photo(job_id: str, sha: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "job_id": job_id,
        "asset_id": None,
        "item_key": "",
        "sha256": sha,
        "caption": "铭牌 nameplate",
        "taken_at": "2026-11-28T10:00:00+08:00",
    }


def signature(job_id: str, sha: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "job_id": job_id,
        "signer_name": "王女士",
        "signed_at": "2026-11-28T11:00:00+08:00",
        "image_sha256": sha,
        "rating": 5,
        "comment": "",
    }


def first_reference(server: Server, sha: str) -> tuple[str, str, str | None] | None:
    with read_transaction(server.engine) as conn:
        row = conn.execute(
            sa.select(
                t.blob_first_refs.c.table_name,
                t.blob_first_refs.c.record_id,
                t.blob_first_refs.c.job_id,
            ).where(t.blob_first_refs.c.sha256 == sha)
        ).first()
    return (row.table_name, row.record_id, row.job_id) if row else None


def test_a_row_naming_someone_elses_hash_does_not_open_the_blob(
    server: Server, people: dict[str, Any]
) -> None:
    a, b, office = people["a_headers"], people["b_headers"], people["office_headers"]
    job_a, job_b = people["a_jobs"]["stove"], people["b_jobs"]["stove"]
    signed = png_bytes(101)
    sha_a = upload(server, a, signed)
    own_signature = signature(job_a, sha_a)
    push_row(server, a, "signatures", own_signature)
    assert first_reference(server, sha_a) == ("signatures", own_signature["id"], job_a)

    # B names A's hash on B's own job: the row is B's, the blob stays A's.
    theft = photo(job_b, sha_a)
    push_row(server, b, "photos", theft)
    assert ("photos", theft["id"]) in server.visible(people["b"])
    assert first_reference(server, sha_a) == ("signatures", own_signature["id"], job_a)
    assert read(server, b, sha_a).status_code == 404
    assert read(server, a, sha_a).content == signed
    assert read(server, office, sha_a).content == signed

    # What B photographed and uploaded, B reads.
    mine = png_bytes(102)
    sha_b = upload(server, b, mine)
    push_row(server, b, "photos", photo(job_b, sha_b))
    assert read(server, b, sha_b).content == mine
    assert read(server, a, sha_b).status_code == 404


def test_after_reassignment_the_new_technician_reads_the_jobs_blobs(
    server: Server, people: dict[str, Any]
) -> None:
    a, c = people["a_headers"], people["c_headers"]
    job = people["a_jobs"]["printer"]
    image, picture = png_bytes(103), png_bytes(104)
    sha_signature, sha_photo = upload(server, a, image), upload(server, a, picture)
    push_row(server, a, "photos", photo(job, sha_photo))
    push_row(server, a, "signatures", signature(job, sha_signature))
    assert read(server, c, sha_signature).status_code == 404
    assert read(server, c, sha_photo).status_code == 404

    with write_transaction(server.engine) as conn:
        dispatch.assign(conn, job, people["c"])
    assert read(server, c, sha_signature).content == image
    assert read(server, c, sha_photo).content == picture
    # A uploaded the bytes and keeps them; B never had anything to do with the job.
    assert read(server, a, sha_signature).content == image
    assert read(server, people["b_headers"], sha_photo).status_code == 404


def test_the_first_reference_stays_and_decides_who_reads(
    server: Server, people: dict[str, Any]
) -> None:
    from sync.server.blobs import may_read, note_reference

    sha = hashlib.sha256(uuid.uuid4().bytes).hexdigest()
    job_a, job_b = people["a_jobs"]["ring"], people["b_jobs"]["ring"]
    first_row, later_row = str(uuid.uuid4()), str(uuid.uuid4())
    with write_transaction(server.engine) as conn:
        note_reference(conn, sha, "signatures", first_row, job_a)
    with write_transaction(server.engine) as conn:
        note_reference(conn, sha, "photos", later_row, job_b)  # a no-op: not the first
    assert first_reference(server, sha) == ("signatures", first_row, job_a)
    with read_transaction(server.engine) as conn:
        assert may_read(conn, sha, people["a"], "technician")
        assert not may_read(conn, sha, people["b"], "technician")
        assert may_read(conn, sha, people["office"], "office")
        assert not may_read(conn, "c" * 64, people["a"], "technician")


def test_a_blob_nobody_references_is_read_by_its_uploader_and_the_office_only(
    server: Server, people: dict[str, Any]
) -> None:
    data = png_bytes(105)
    sha = upload(server, people["a_headers"], data)
    assert read(server, people["a_headers"], sha).content == data
    assert read(server, people["office_headers"], sha).content == data
    assert read(server, people["b_headers"], sha).status_code == 404
    assert first_reference(server, sha) is None


# The migration: existing rows give the first reference, lowest sequence number first ----
@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
        return
    name = f"tech_app_migrate_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_migration_takes_the_first_reference_from_existing_rows(empty_database: str) -> None:
    engine = make_engine(empty_database)
    config = Config()
    config.set_main_option("script_location", str(Path(t.__file__).parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    job_a, job_b = str(uuid.uuid4()), str(uuid.uuid4())
    shared, alone = "a" * 64, "b" * 64

    def row(table: str, job: str, sha: str | None, seq: int) -> dict[str, Any]:
        return {
            "table_name": table,
            "id": str(uuid.uuid4()),
            "owner": "someone",
            "job_id": job,
            "blob_sha": sha,
            "data": "{}",
            "version": 1,
            "seq": seq,
            "deleted": False,
            "writers": "{}",
            "updated_at": 1_700_000_000.0 + seq,
        }

    rows = [
        row("photos", job_b, shared, 9),  # a later row naming the same hash
        row("signatures", job_a, shared, 4),  # the first: lowest sequence number
        row("slips", job_b, alone, 7),
        row("jobs", job_a, None, 1),
    ]
    with engine.begin() as conn:
        # The records table as it was then, with the JSON column.
        conn.execute(sa.Table("records", sa.MetaData(), autoload_with=conn).insert(), rows)
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    with read_transaction(engine) as conn:
        found = {
            r.sha256: (r.table_name, r.record_id, r.job_id, r.created_at)
            for r in conn.execute(sa.select(t.blob_first_refs))
        }
    assert found == {
        shared: ("signatures", rows[1]["id"], job_a, rows[1]["updated_at"]),
        alone: ("slips", rows[2]["id"], job_b, rows[2]["updated_at"]),
    }
    engine.dispose()
