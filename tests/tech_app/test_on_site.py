"""On site: the phone and the address as links for the system, a scanned code, a photo."""

from __future__ import annotations

from pathlib import Path

import pytest

from tech_app.blobs import BlobStore
from tech_app.demo import demo_id
from tech_app.errors import NotFoundError, ValidationError
from tech_app.on_site import add_photo, find_scanned, map_url, photos_of, sms_url, tel_url
from tech_app.store.local import LocalStore
from tests.reports.helpers import signature_png


def test_phone_links_dial_the_digits_and_keep_the_plus() -> None:
    assert tel_url("021-5888 1234") == "tel:02158881234"
    assert sms_url("139 1788 0456") == "sms:13917880456"
    assert tel_url("+86 21 6234 7788") == "tel:+862162347788"


@pytest.mark.parametrize(
    ("platform", "start"),
    [("linux", "geo:0,0?q="), ("darwin", "maps://?q="), ("win32", "bingmaps:?q=")],
)
def test_the_address_opens_in_the_systems_map(platform: str, start: str) -> None:
    url = map_url(" 上海市闵行区七莘路 3099 弄 ", platform)
    assert url.startswith(start) and " " not in url
    assert url.endswith("%E4%B8%83%E8%8E%98%E8%B7%AF%203099%20%E5%BC%84")


def test_a_scanned_code_finds_a_part_first_then_a_unit(demo_store: LocalStore) -> None:
    assert find_scanned(demo_store, " pr-toner ").part is not None
    unit = find_scanned(demo_store, "lnv-lj2405-x0003").asset
    assert unit is not None and unit.id == demo_id("asset:xinda-printer3")
    with pytest.raises(NotFoundError):
        find_scanned(demo_store, "nothing-here")


def test_a_photo_is_checked_kept_and_listed(demo_store: LocalStore, tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "blobs")
    job = demo_id("job:oil-test")
    photo = add_photo(demo_store, blobs, job, signature_png(4), caption="油箱")
    assert photos_of(demo_store, job) == [photo] and blobs.has(photo.sha256)
    with pytest.raises(ValidationError, match="not a PNG or JPEG"):
        add_photo(demo_store, blobs, job, b"GIF89a....")
