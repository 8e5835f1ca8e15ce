"""The job sheet import with a preview: the file is checked whole and what it would write
shown record by record (``office.sheet_changes``), then imported by ``office.import_jobs``
— the same reading, checks and batches as ``tech-app office import-jobs``.

Between preview and import the sheet travels in the preview form itself (base64), so the
server keeps no upload around and what is imported is the very file that was previewed.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from sync.server import office
from sync.server.console import views
from sync.server.console.forms import Posted, Signed, engine_of
from sync.server.console.session import Visitor
from sync.server.db import read_transaction
from sync.server.sheet_columns import COLUMNS
from tech_app.errors import TechAppError, ValidationError

router = APIRouter(include_in_schema=False)


@contextmanager
def _as_file(data: bytes) -> Iterator[Path]:
    """The importer reads a path (it detects the encoding from the bytes)."""
    with tempfile.TemporaryDirectory(prefix="tech-app-sheet-") as folder:
        path = Path(folder) / "sheet.csv"
        path.write_bytes(data)
        yield path


def _page(
    request: Request,
    visitor: Visitor,
    *,
    changes: list[office.SheetChange] | None = None,
    sheet: str = "",
    problem: TechAppError | None = None,
    imported: int | None = None,
) -> Response:
    return views.render(
        request,
        "import.html",
        visitor,
        status=422 if problem else 200,
        columns=COLUMNS,
        changes=changes,
        sheet=sheet,
        problem=problem,
        imported=imported,
    )


@router.get("/import")
def import_form(request: Request, visitor: Signed) -> Response:
    return _page(request, visitor)


@router.post("/import/preview")
async def preview(request: Request, visitor: Posted) -> Response:
    upload = (await request.form()).get("sheet")
    if not isinstance(upload, UploadFile):
        return _page(request, visitor, problem=ValidationError("sheet", "choose a CSV file"))
    data = await upload.read()

    def check() -> list[office.SheetChange]:
        with _as_file(data) as path, read_transaction(engine_of(request)) as conn:
            return office.sheet_changes(conn, path)

    try:
        changes = await run_in_threadpool(check)
    except TechAppError as refused:
        return _page(request, visitor, problem=refused)
    first: dict[tuple[str, str], office.SheetChange] = {}
    for change in changes:  # a customer on several rows is written once
        first.setdefault((change.table, change.record_id), change)
    return _page(
        request,
        visitor,
        changes=list(first.values()),
        sheet=base64.b64encode(data).decode(),
    )


@router.post("/import")
async def import_sheet(request: Request, visitor: Posted) -> Response:
    try:
        data = base64.b64decode(str((await request.form()).get("sheet", "")), validate=True)
    except binascii.Error:
        return _page(request, visitor, problem=ValidationError("sheet", "preview the file first"))

    def run() -> int:
        with _as_file(data) as path:
            return office.import_jobs(engine_of(request), path)

    try:
        count = await run_in_threadpool(run)
    except TechAppError as refused:
        return _page(request, visitor, problem=refused)
    return _page(request, visitor, imported=count)
