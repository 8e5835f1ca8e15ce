"""A head office of a test module's own: import ``server`` from here into a module that
fills head office with hundreds or thousands of jobs, and it replaces the shared session
server for that module only (``conftest.fresh_server`` says why)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sync.conftest import Server, fresh_server


@pytest.fixture(scope="module", params=["sqlite", "postgresql"], name="server")
def own_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    yield from fresh_server(request.param, tmp_path_factory)
