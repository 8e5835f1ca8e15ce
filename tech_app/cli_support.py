"""What a package needs to add a ``tech-app`` command: the profile it should work on."""

from __future__ import annotations

import argparse
from pathlib import Path

from tech_app.blobs import BlobStore
from tech_app.errors import ValidationError
from tech_app.profile import blob_dir, database_path
from tech_app.store.local import LocalStore, open_store


def profile_store(args: argparse.Namespace) -> LocalStore:
    """The local store of the profile chosen with the global ``--data-dir``."""
    return open_store(database_path(args.data_dir))


def profile_blobs(args: argparse.Namespace) -> BlobStore:
    return BlobStore(blob_dir(args.data_dir))


def output_file(path: Path, option: str = "--out") -> Path:
    """A file a command may write: refused before any work if it names a folder."""
    if path.is_dir():
        raise ValidationError(
            option, f"{path} is a folder; give a file name such as {path / 'slip.pdf'}"
        )
    return path
