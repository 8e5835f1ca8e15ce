"""Signatures, photos and slip PDFs, stored by the SHA-256 of their bytes.

Content addressing makes a repeated save a no-op and lets sync verify what
arrived; files are written to a temp name and renamed so a crash never leaves
half a signature under a real name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tech_app.errors import NotFoundError, ValidationError


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValidationError("blob", f"{sha256!r} is not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        import hashlib  # here: the app builds its BlobStore before its first paint

        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path_of(sha256)
        if target.exists():
            return sha256
        write_atomically(target, data)
        return sha256

    def get(self, sha256: str) -> bytes:
        path = self.path_of(sha256)
        if not path.exists():
            raise NotFoundError("blob", sha256)
        return path.read_bytes()

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).exists()


def write_atomically(target: Path, data: bytes) -> None:
    """Write bytes to ``target`` via a temp file in the same folder, then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
