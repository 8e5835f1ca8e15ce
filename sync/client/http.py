"""HTTP to head office: versions on every request, retries with backoff and jitter,
token refresh in the middle of a sync, TLS verification on, a bounded request rate."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from typing import Any

import orjson
import requests

from sync import protocol as p
from sync.tokens import Tokens, TokenStore
from tech_app.errors import TechAppError

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class SyncError(TechAppError):
    """A sync step failed. ``kind``: offline, auth, update, resync, restored, gap, refused,
    server."""

    def __init__(
        self, kind: str, message: str, *, status: int | None = None, body: Any = None
    ) -> None:
        self.kind = kind
        self.status = status
        self.body = body
        super().__init__(message)


def _detail(response: requests.Response) -> tuple[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or response.reason, None
    if isinstance(body, dict) and "detail" in body:
        detail = body["detail"]
        return (detail if isinstance(detail, str) else str(detail)), body
    return str(body)[:200], body


class SyncClient:
    def __init__(
        self,
        base_url: str,
        session: requests.Session | None = None,
        token_store: TokenStore | None = None,
        ca_bundle: str | None = None,
        *,
        timeout: float = 30.0,
        attempts: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 15.0,
        min_interval: float = 0.01,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        # Certificates are always checked; a company CA may be added, never verification removed.
        self.session.verify = ca_bundle or True
        self.token_store = token_store
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.min_interval = min_interval
        self.sleep = sleep
        self._last_request = 0.0
        self._lock = threading.Lock()
        self._tokens: Tokens | None = token_store.load() if token_store else None

    # -- plumbing -------------------------------------------------------------------
    def _pace(self) -> None:
        with self._lock:
            wait = self._last_request + self.min_interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            self._last_request = time.monotonic()

    def _delay(self, attempt: int, response: requests.Response | None) -> float:
        if response is not None and response.headers.get("Retry-After", "").isdigit():
            return min(float(response.headers["Retry-After"]), self.max_backoff)
        # Full jitter: spread retries of many devices after an outage.
        return random.uniform(0, min(self.max_backoff, self.backoff * 2**attempt))

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: bytes | None = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        authed: bool = True,
        ok: tuple[int, ...] = (200,),
    ) -> requests.Response:
        refreshed = False
        attempt = 0
        while True:
            sent = {**p.version_headers(), **(headers or {})}
            if authed:
                if self._tokens is None:
                    raise SyncError("auth", "not logged in: run tech-app login first")
                sent["Authorization"] = f"Bearer {self._tokens.access_token}"
            self._pace()
            response: requests.Response | None = None
            try:
                response = self.session.request(
                    method,
                    self.base_url + path,
                    json=json,
                    data=data,
                    params=params,
                    headers=sent,
                    timeout=self.timeout,
                )
            except requests.exceptions.SSLError as exc:
                raise SyncError(
                    "offline", f"head office's certificate was not accepted: {exc}"
                ) from exc
            except (requests.ConnectionError, requests.Timeout) as exc:
                attempt += 1
                if attempt >= self.attempts:
                    raise SyncError("offline", f"head office cannot be reached: {exc}") from exc
                self.sleep(self._delay(attempt, None))
                continue
            if response.status_code in ok:
                return response
            if response.status_code == 401 and authed and not refreshed:
                refreshed = True
                self.refresh()
                continue
            if response.status_code in RETRY_STATUS:
                attempt += 1
                if attempt < self.attempts:
                    self.sleep(self._delay(attempt, response))
                    continue
            raise self._error(response)

    def _error(self, response: requests.Response) -> SyncError:
        message, body = _detail(response)
        status = response.status_code
        if isinstance(body, dict) and body.get("restored") is True:
            return SyncError("restored", message, status=status, body=body)
        kind = {
            401: "auth",
            403: "refused",
            409: "gap",
            410: "resync",
            426: "update",
            429: "busy",
        }.get(status, "server" if status >= 500 else "refused")
        return SyncError(kind, message, status=status, body=body)

    # -- auth ----------------------------------------------------------------------------
    @property
    def user(self) -> str | None:
        return self._tokens.user if self._tokens else None

    def login(self, user: str, password: str) -> Tokens:
        response = self.request(
            "POST", "/auth/login", json={"user": user, "password": password}, authed=False
        )
        body = response.json()
        self._tokens = Tokens(self.base_url, user, body["access_token"], body["refresh_token"])
        if self.token_store:
            self.token_store.save(self._tokens)
        return self._tokens

    def refresh(self) -> None:
        if self._tokens is None:
            raise SyncError("auth", "not logged in: run tech-app login first")
        try:
            response = self.request(
                "POST",
                "/auth/refresh",
                json={"refresh_token": self._tokens.refresh_token},
                authed=False,
            )
        except SyncError as exc:
            if exc.kind == "auth":
                raise SyncError("auth", "the login has expired: run tech-app login again") from exc
            raise
        self._tokens = Tokens(
            self._tokens.server,
            self._tokens.user,
            response.json()["access_token"],
            self._tokens.refresh_token,
        )
        if self.token_store:
            self.token_store.save(self._tokens)

    def logout(self) -> None:
        """Revoke the session and forget the tokens; the local outbox is kept, locked."""
        try:
            if self._tokens is not None:
                self.request("POST", "/auth/logout")
        finally:
            self._tokens = None
            if self.token_store:
                self.token_store.clear()

    # -- sync ------------------------------------------------------------------------------
    def push(self, request: p.PushRequest) -> p.PushResponse:
        return p.parse_push_response(
            self.request("POST", "/sync/push", json=p.push_to_json(request)).json()
        )

    def pull(
        self,
        cursor: int,
        limit: int,
        *,
        client_id: str | None = None,
        acknowledged: int = 0,
        timeline: str = "",
        purged: int = 0,
    ) -> p.PullResponse:
        """A page after ``cursor``. ``client_id``, ``acknowledged`` (the highest mutation
        id head office answered) and ``timeline`` (the token the cursor came with) let
        head office notice it was restored from a backup; ``purged`` (the purge mark the
        cursor's page carried) that no deletion after the cursor was forgotten since."""
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        if client_id is not None:
            params |= {"client_id": client_id, "acknowledged": acknowledged}
        if timeline:
            params["timeline"] = timeline
        if purged:
            params["purged"] = purged
        response = self.request("GET", "/sync/pull", params=params)
        return p.parse_pull_response(_page_body(response))

    def open_jobs(self) -> p.PullResponse:
        """The technician's open jobs and what they need, for a device with nothing yet
        (``sync.server.open_first``); its cursor stays where it is."""
        return p.parse_pull_response(_page_body(self.request("GET", "/sync/open-jobs")))

    # -- blobs ------------------------------------------------------------------------------
    def blob_offset(self, sha256: str) -> tuple[int, bool]:
        response = self.request("HEAD", f"/blobs/{sha256}")
        return int(response.headers.get("Upload-Offset", 0)), response.headers.get(
            "X-Blob-Complete"
        ) == "1"

    def upload_blob(self, sha256: str, data: bytes, chunk: int = 1024 * 1024) -> int:
        """Send what head office does not have yet, resuming at its offset; returns bytes sent."""
        sent = 0
        for _round in range(self.attempts):
            offset, complete = self.blob_offset(sha256)
            if complete:
                return sent
            try:
                while offset < len(data) or not data:
                    piece = data[offset : offset + chunk]
                    end = offset + len(piece) - 1
                    headers = {"Content-Type": "application/octet-stream"}
                    if data:
                        headers["Content-Range"] = f"bytes {offset}-{end}/{len(data)}"
                    answer = self.request(
                        "PUT", f"/blobs/{sha256}", data=piece, headers=headers
                    ).json()
                    sent += len(piece)
                    offset = int(answer["offset"])
                    if answer["complete"]:
                        return sent
            except SyncError as exc:
                if exc.status not in (409, 422):
                    raise
                # 409: the server holds a different offset; 422: bytes were damaged. Ask again.
        raise SyncError("server", f"blob {sha256[:12]} could not be uploaded")

    def download_blob(self, sha256: str) -> bytes:
        return self.request("GET", f"/blobs/{sha256}").content


def _page_body(response: requests.Response) -> Any:
    """A pull page's JSON: orjson reads it in less than half the time ``json`` takes,
    and a first sync is hundreds of pages."""
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError as exc:
        raise SyncError("server", f"head office sent a page that is not JSON: {exc}") from exc
