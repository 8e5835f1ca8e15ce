"""Running the head office: the ``tech-app server`` entry and an embedded copy for the demo."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import uvicorn

from sync.server.app import configure_logging, create_app
from sync.server.db import make_engine, migrate, write_transaction
from sync.server.office import seed_demo


def serve(db_url: str, host: str, port: int, workers: int = 1) -> None:
    """Run the service in the foreground (several workers need the URL in the environment)."""
    configure_logging()
    if workers > 1:
        os.environ["TECH_APP_DB_URL"] = db_url
        engine = make_engine(db_url)
        migrate(engine)  # once, before the workers start
        engine.dispose()
        uvicorn.run(
            "sync.server.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
        )
        return
    uvicorn.run(create_app(db_url), host=host, port=port, log_level="warning")


def start_embedded_server(
    tmp_dir: Path | str, *, today: date | None = None, password: str = "demo"
) -> tuple[str, Callable[[], None]]:
    """A seeded head office on 127.0.0.1 on a free port, in a background thread.

    Returns the base URL and a function that stops the server. Demo technicians
    liu and tom log in with ``password``.
    """
    folder = Path(tmp_dir)
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'head-office.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    with write_transaction(engine) as conn:
        seed_demo(conn, today or date.today(), password)
    app = create_app(url, engine=engine)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the embedded head office did not start")
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        engine.dispose()

    return f"http://127.0.0.1:{port}", stop
