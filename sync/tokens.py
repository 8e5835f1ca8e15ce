"""Where a device keeps its tokens: the OS keyring when one exists, else a private file.

Headless Linux has no keyring backend (``NoKeyringError``); the fallback is a
``tokens.json`` in the profile folder, readable by the user only (0600).
``PYTHON_KEYRING_BACKEND`` selects a backend explicitly (tests use it for both paths).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import keyring
import keyring.errors
from keyring.backends import fail, null

SERVICE = "tech-app"
FILE_NAME = "tokens.json"


@dataclass(frozen=True)
class Tokens:
    server: str
    user: str
    access_token: str
    refresh_token: str


def _usable_keyring() -> keyring.backend.KeyringBackend | None:
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    return backend


class TokenStore:
    """Tokens of one profile. ``where`` says which place is used ("keyring" or "file")."""

    def __init__(self, profile_dir: Path) -> None:
        self.profile_dir = Path(profile_dir)
        self.account = str(self.profile_dir.resolve())
        self._keyring = _usable_keyring()

    @property
    def where(self) -> str:
        return "keyring" if self._keyring is not None else "file"

    @property
    def file(self) -> Path:
        return self.profile_dir / FILE_NAME

    def load(self) -> Tokens | None:
        text: str | None = None
        if self._keyring is not None:
            try:
                text = self._keyring.get_password(SERVICE, self.account)
            except keyring.errors.KeyringError:
                text = None
        if text is None and self.file.exists():
            text = self.file.read_text(encoding="utf-8")
        if not text:
            return None
        try:
            return Tokens(**json.loads(text))
        except (TypeError, ValueError):
            return None

    def save(self, tokens: Tokens) -> None:
        text = json.dumps(asdict(tokens))
        if self._keyring is not None:
            try:
                self._keyring.set_password(SERVICE, self.account, text)
                self.file.unlink(missing_ok=True)
                return
            except keyring.errors.KeyringError:
                self._keyring = None
        self._write_private(text)

    def clear(self) -> None:
        if self._keyring is not None:
            with contextlib.suppress(keyring.errors.KeyringError):
                self._keyring.delete_password(SERVICE, self.account)
        self.file.unlink(missing_ok=True)

    def _write_private(self, text: str) -> None:
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=self.profile_dir, prefix=".tokens.")
        try:
            os.chmod(temp, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, self.file)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        os.chmod(self.file, 0o600)
