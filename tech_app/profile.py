"""Where a technician profile lives on disk."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DATABASE_NAME = "tech-app.sqlite3"


def default_data_dir() -> Path:
    """The platform's user data folder, unless TECH_APP_DATA_DIR points elsewhere."""
    override = os.environ.get("TECH_APP_DATA_DIR")
    return Path(override) if override else Path(user_data_dir("tech-app", appauthor=False))


def database_path(data_dir: Path | None) -> Path:
    return (data_dir or default_data_dir()) / DATABASE_NAME


def blob_dir(data_dir: Path | None) -> Path:
    return (data_dir or default_data_dir()) / "blobs"
