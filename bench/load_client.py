"""A load generator that leaves the cores to the server it measures.

The push herd runs its 500 clients on the same two cores as head office. Through
httpx they cost 13 ms of CPU a push (request building, header models, JSON encoding
inside the timed part), about as much as the server's own work, so the figure
measured the client as much as the server. Like ``wrk``, this one sends bytes
prepared before the clock starts over a plain asyncio stream (HTTP/1.1, one request
per connection) and reads back the status and the body by its length.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Prepared:
    """One request, encoded: where to send it and its bytes."""

    host: str
    port: int
    data: bytes


def prepare_post(base: str, path: str, body: dict[str, Any], headers: dict[str, str]) -> Prepared:
    """A POST of ``body`` as JSON, with ``headers``, as the bytes on the wire."""
    address = urlsplit(base)
    payload = json.dumps(body, separators=(",", ":")).encode()
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {address.netloc}",
        "Content-Type: application/json",
        f"Content-Length: {len(payload)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return Prepared(address.hostname or "127.0.0.1", address.port or 80, head + payload)


async def send(request: Prepared) -> tuple[int, bytes]:
    """Send one prepared request; returns the answer's status and body."""
    reader, writer = await asyncio.open_connection(request.host, request.port)
    try:
        writer.write(request.data)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        length = None
        for line in header_lines:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        body = await (reader.readexactly(length) if length is not None else reader.read())
        return status, body
    finally:
        writer.close()
