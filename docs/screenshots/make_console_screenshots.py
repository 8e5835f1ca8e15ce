"""Screenshots of the head-office web console in docs/screenshots/, English and Chinese.

Starts the demo's head office (seeded as ``tech-app demo`` seeds it, with the office
user ``dispatcher``), lets technician liu's laptop sync, do the demo's phone guidance and
have it signed with its slip, then signs in to the console in headless chromium and
records the follow-up call with an overcharge, and takes the dispatch board, that
signed job's page and the follow-up calls:

- console_board_en.png, console_board_zh_CN.png
- console_job_en.png, console_job_zh_CN.png
- console_follow_ups_en.png, console_follow_ups_zh_CN.png

    python docs/screenshots/make_console_screenshots.py [--out DIR]

Needs the test extras (selenium) and Debian's chromium and chromium-driver.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # for tests.sync.browser, when run as a script

from reports import issue_slip  # noqa: E402
from sync.client import sync_once  # noqa: E402
from sync.client.login import log_in  # noqa: E402
from sync.server.embedded import start_embedded_server  # noqa: E402
from tech_app.blobs import BlobStore  # noqa: E402
from tech_app.demo import DEMO_OFFICE_USER, build_demo_intake, demo_id  # noqa: E402
from tech_app.lifecycle import change_status  # noqa: E402
from tech_app.signoff import sign_job  # noqa: E402
from tech_app.store.local import open_store  # noqa: E402
from tests.sync.browser import follow, open_browser, sign_in  # noqa: E402

PASSWORD = "demo"
TECHNICIAN = "liu"
LANGUAGES = {"en": "en-US", "zh_CN": "zh-CN"}


def sign_the_guidance_call(url: str, folder: Path, today: date) -> str:
    """liu's laptop: sync, take the phone guidance through to a signed slip, sync back."""
    store = open_store(folder / "tech-app.sqlite3")
    blobs = BlobStore(folder / "blobs")
    try:
        log_in(store, url, TECHNICIAN, PASSWORD)
        assert sync_once(store, blobs).ok
        job_id = demo_id("job:guidance")
        for status in ("en_route", "on_site", "completed"):
            change_status(store, job_id, status)
        # The demo's own signature image (the ring form's), so no picture is made up here.
        png = build_demo_intake(today, TECHNICIAN).signature_png
        sign_job(store, blobs, job_id, signer_name="李梅", signature_png=png, rating=5)
        issue_slip(store, blobs, job_id, folder / "slip.pdf")
        report = sync_once(store, blobs)
        assert report.ok and not report.rejected, report.rejected
        return job_id
    finally:
        store.close()


def answer_the_call(url: str, job_id: str) -> None:
    """The office's follow-up call, in the console's form: 李梅 says she paid ¥30 for the
    free phone guidance, so the list flags an overcharge to refund."""
    from selenium.webdriver.common.by import By

    browser = open_browser()
    try:
        sign_in(browser, url, DEMO_OFFICE_USER, PASSWORD)
        browser.get(f"{url}/follow-ups")
        form = browser.find_element(By.CSS_SELECTOR, f'form[action="/follow-ups/{job_id}/answers"]')
        form.find_element(By.XPATH, "..").find_element(By.TAG_NAME, "summary").click()
        amount = form.find_element(By.NAME, "amount_charged")
        amount.clear()
        amount.send_keys("30.00")
        form.find_element(By.NAME, "comment").send_keys("师傅收了 30 元上门费")
        follow(browser, form.find_element(By.TAG_NAME, "button"))
        browser.find_element(By.CSS_SELECTOR, ".overcharge")
    finally:
        browser.quit()


def full_page(browser: Any, path: Path) -> None:
    """The whole page: the window grown to the page's height plus the browser's own frame."""
    height, frame = browser.execute_script(
        "return [document.documentElement.scrollHeight, window.outerHeight - window.innerHeight]"
    )
    browser.set_window_size(1600, max(1000, min(int(height) + int(frame), 2800)))
    browser.save_screenshot(str(path))
    browser.set_window_size(1600, 1000)


def shoot(url: str, job_id: str, today: date, out: Path) -> list[Path]:
    shots = []
    for language, accept in LANGUAGES.items():
        browser = open_browser(accept)
        try:
            sign_in(browser, url, DEMO_OFFICE_USER, PASSWORD)
            for name, page in (
                ("board", f"/?day={today.isoformat()}"),
                ("job", f"/jobs/{job_id}"),
                ("follow_ups", "/follow-ups"),
            ):
                browser.get(f"{url}{page}")
                path = out / f"console_{name}_{language}.png"
                full_page(browser, path)
                shots.append(path)
        finally:
            browser.quit()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent)
    args = parser.parse_args(argv)
    today = date.today()
    with tempfile.TemporaryDirectory(prefix="tech-app-console-shots-") as work:
        url, stop = start_embedded_server(Path(work) / "office", today=today, password=PASSWORD)
        try:
            job_id = sign_the_guidance_call(url, Path(work) / "laptop", today)
            answer_the_call(url, job_id)
            for path in shoot(url, job_id, today, args.out):
                print(path)
        finally:
            stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
