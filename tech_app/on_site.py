"""On site: the phone and the address as links the system opens, and a scanned code.

A technician calls or texts the customer from the job (``tel:``/``sms:`` through the
system's handler), opens the address in the system's map application, and scans a
barcode: a part's catalogue number finds the part, a unit's serial finds the unit. The
links are built here, so the screens only hand them to the desktop.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from tech_app.blobs import BlobStore
from tech_app.errors import NotFoundError
from tech_app.images import read_image
from tech_app.records import Asset, Part, Photo
from tech_app.store.local import LocalStore, utc_now


def dialable(phone: str) -> str:
    """``021-5888 1234`` → ``02158881234``; a leading + stays (``+86 21 …`` → ``+8621…``)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return ("+" if phone.strip().startswith("+") else "") + digits


def tel_url(phone: str) -> str:
    return f"tel:{dialable(phone)}"


def sms_url(phone: str) -> str:
    return f"sms:{dialable(phone)}"


def map_url(address: str, platform: str = sys.platform) -> str:
    """The address in the system's map application: Apple Maps on macOS, Bing Maps on
    Windows, the ``geo:`` handler elsewhere (GNOME Maps, KDE Marble, Android)."""
    query = quote(address.strip())
    if platform == "darwin":
        return f"maps://?q={query}"
    if platform.startswith("win"):
        return f"bingmaps:?q={query}"
    return f"geo:0,0?q={query}"


@dataclass(frozen=True)
class Scanned:
    """What a scanned code named: a part of the catalogue or a unit (by serial)."""

    part: Part | None = None
    asset: Asset | None = None


def find_scanned(store: LocalStore, code: str) -> Scanned:
    """A barcode as a scanner types it: a part number first, else a unit's serial
    (case and surrounding spaces ignored, as labels print them)."""
    typed = code.strip()
    parts = store.select(Part, "upper(number) = upper(?)", [typed])
    if parts:
        return Scanned(part=parts[0])
    assets = store.select(Asset, "upper(serial) = upper(?)", [typed])
    if assets:
        return Scanned(asset=assets[0])
    raise NotFoundError("part or unit", typed)


def add_photo(
    store: LocalStore,
    blobs: BlobStore,
    job_id: str,
    data: bytes,
    *,
    caption: str = "",
    asset_id: str | None = None,
    now: datetime | None = None,
) -> Photo:
    """A photo of the visit (from the laptop's camera or a file): checked whole, kept as
    a blob, recorded on the job (insert-only, like every photo)."""
    read_image("photo.sha256", data)
    job = store.find_job(job_id)
    return store.save(
        Photo(
            job_id=job.id,
            asset_id=asset_id,
            sha256=blobs.put(data),
            caption=caption,
            taken_at=now or utc_now(),
        )
    )


def photos_of(store: LocalStore, job_id: str) -> list[Photo]:
    """The visit's own photos (not checklist answers nor the photo of a paper slip)."""
    return store.select(Photo, "job_id = ? AND item_key = ''", [job_id], order_by="taken_at")
