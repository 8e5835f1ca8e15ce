"""A long sheet is checked whole, then written in batches that let technicians push between.

Before, an import was one transaction for the whole file: on SQLite, every technician's
push waited behind it for its whole run.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sync.server import store
from sync.server import tables as t
from sync.server.db import make_engine, migrate, read_transaction, write_transaction
from sync.server.dispatch import find_job
from sync.server.office import ImportFailed, import_jobs
from tech_app.errors import NotFoundError
from tests.sync.conftest import Server

HEADER = "job_number,job_type,problem,reported_at,customer_name,customer_phone,site_address\n"


def _sheet(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / f"sheet-{uuid.uuid4().hex[:6]}.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def _rows(prefix: str, count: int, problem: str = "燃气灶打不着火") -> list[str]:
    return [
        f"{prefix}-{n:03d},维修,{problem},2026/11/28 8:05,李梅{n},186 2100 {n:04d},上海市徐汇区 {n} 号"
        for n in range(count)
    ]


def _jobs(engine: Any) -> int:
    with read_transaction(engine) as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).where(
                    t.records.c.table_name == "jobs", t.records.c.deleted.is_(False)
                )
            ).scalar_one()
        )


def test_technicians_can_write_between_batches(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    seen: list[tuple[int, int]] = []

    def between(done: int, total: int) -> None:
        seen.append((done, total))
        # What a technician's push does first: take the one SQLite write lock. It fails at
        # once ("database is locked") if the import still holds a transaction open.
        other = sqlite3.connect(path, timeout=0.05)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()

    sheet = _sheet(tmp_path, _rows("BA", 25))
    assert import_jobs(engine, sheet, batch_rows=10, progress=between) == 25
    assert seen == [(10, 25), (20, 25), (25, 25)]
    assert _jobs(engine) == 25


def test_a_bad_row_late_in_a_long_sheet_imports_nothing(server: Server, tmp_path: Path) -> None:
    prefix = f"BB{uuid.uuid4().hex[:4]}"
    rows = _rows(prefix, 30)
    rows[27] = rows[27].replace("2026/11/28 8:05", "下周二")
    before = _jobs(server.engine)
    with pytest.raises(ImportFailed) as refused:
        import_jobs(server.engine, _sheet(tmp_path, rows), batch_rows=10)
    assert refused.value.line == 29 and "reported_at" in str(refused.value)
    assert "nothing was imported" in str(refused.value)
    assert _jobs(server.engine) == before


def test_a_batch_refused_after_the_check_keeps_what_came_before_and_a_rerun_finishes(
    server: Server, tmp_path: Path
) -> None:
    prefix = f"BC{uuid.uuid4().hex[:4]}"
    import_jobs(server.engine, _sheet(tmp_path, _rows(prefix, 1)[:1]))
    target = f"{prefix}-015"
    with write_transaction(server.engine) as conn:
        first = find_job(conn, f"{prefix}-000")
    changed = _sheet(tmp_path, _rows(prefix, 20, problem="燃气灶点火后熄灭"))
    target_row = _rows(prefix, 20)[15]  # the job the technician signs meanwhile
    import_jobs(server.engine, _sheet(tmp_path, [target_row]))

    def sign_meanwhile(done: int, total: int) -> None:
        if done == 10:  # a technician's signature lands between two batches
            with write_transaction(server.engine) as conn:
                job = find_job(conn, target)
                store.write(conn, "jobs", {**job.data, "status": "signed"}, writer="test")

    with pytest.raises(ImportFailed) as refused:
        import_jobs(server.engine, changed, batch_rows=10, progress=sign_meanwhile)
    assert refused.value.line == 17 and refused.value.imported == 10
    assert "signed" in str(refused.value) and "import the file again" in str(refused.value)
    with read_transaction(server.engine) as conn:
        assert find_job(conn, f"{prefix}-009").data["problem"] == "燃气灶点火后熄灭"
        with pytest.raises(NotFoundError):
            find_job(conn, f"{prefix}-019")  # its batch was rolled back whole
        assert find_job(conn, first.id).data["problem"] == "燃气灶点火后熄灭"
    fixed = _rows(prefix, 20, problem="燃气灶点火后熄灭")
    del fixed[15]
    before = _jobs(server.engine)
    assert import_jobs(server.engine, _sheet(tmp_path, fixed), batch_rows=10) == 19
    assert _jobs(server.engine) == before + 9  # rows 10-19 but the signed one; none doubled
