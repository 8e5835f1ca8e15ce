"""The console in a real browser (Debian's chromium, headless, through chromium-driver):
sign in, create a customer and a job, assign it on the board, a laptop syncs and signs
it, the board shows it signed with its slip, and the language switches.

Skipped only where chromium-driver is not installed (``bin/setup-debian`` installs it,
so CI runs it).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.sync.conftest import PASSWORD, Server, png_bytes

CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(CHROMEDRIVER is None, reason="chromium-driver is not installed")


def open_browser(language: str = "en-US") -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.add_argument("--window-size=1600,1000")
    options.add_argument(f"--lang={language}")
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    browser = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    browser.implicitly_wait(5)  # how long find_element waits for an element to appear
    return browser


@pytest.fixture
def browser() -> Iterator[Any]:
    driver = open_browser()
    yield driver
    driver.quit()


def sign_in(browser: Any, server: Server, name: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server.url}/login")
    browser.find_element(By.ID, "user").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "sign-in").click()
    browser.find_element(By.ID, "board")


def _sign_on_the_laptop(device: Any, job_id: str, tmp_path: Path) -> None:
    from reports import issue_slip
    from tech_app.lifecycle import change_status
    from tech_app.signoff import sign_job

    for status in ("en_route", "on_site", "completed"):
        change_status(device.store, job_id, status)
    sign_job(device.store, device.blobs, job_id, signer_name="王建国", signature_png=png_bytes(41))
    issue_slip(device.store, device.blobs, job_id, tmp_path / "slip.pdf")


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_office_dispatches_and_sees_the_job_signed(
    server: Server, browser: Any, device_factory: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    tech = server.technician()
    office = server.technician("office")
    key = uuid.uuid4().hex[:6]
    number = f"W-{key}"
    sign_in(browser, server, office)

    browser.find_element(By.ID, "nav-customers").click()
    browser.find_element(By.ID, "customer-name").send_keys(f"王建国 {key}")
    browser.find_element(By.ID, "customer-phone").send_keys("021-6234 5566")
    Select(browser.find_element(By.ID, "customer-class")).select_by_value("A")
    browser.find_element(By.ID, "site-address").send_keys("上海市徐汇区漕溪北路 1 号")
    browser.find_element(By.ID, "create-customer").click()
    assert f"王建国 {key}" in browser.find_element(By.ID, "customer-title").text

    browser.find_element(By.CSS_SELECTOR, "a.new-job-here").click()
    browser.find_element(By.ID, "number").send_keys(number)
    Select(browser.find_element(By.ID, "job-type")).select_by_value("repair")
    browser.find_element(By.ID, "problem-text").send_keys("售后报修：灶具打不着火")
    Select(browser.find_element(By.ID, "sla-policy")).select_by_value("stove")
    browser.find_element(By.ID, "create-job").click()
    assert number in browser.find_element(By.ID, "job-title").text
    job_id = browser.current_url.rsplit("/", 1)[1]

    browser.find_element(By.ID, "nav-board").click()
    card = browser.find_element(By.CSS_SELECTOR, f"#unassigned #card-{number}")
    card.find_element(By.TAG_NAME, "summary").click()
    Select(card.find_element(By.NAME, "technician")).select_by_value(tech)
    card.find_element(By.CSS_SELECTOR, "form.assign button").click()
    row = browser.find_element(By.ID, f"row-{tech}")
    assert "Assigned" in row.find_element(By.ID, f"card-{number}").text
    assert not browser.find_elements(By.CSS_SELECTOR, f"#unassigned #card-{number}")

    # The technician's laptop receives it, does the visit, the customer signs, it syncs back.
    laptop = device_factory(server, tech)
    assert laptop.sync().ok
    _sign_on_the_laptop(laptop, job_id, tmp_path)
    report = laptop.sync()
    assert report.ok and report.rejected == [], report.rejected

    browser.refresh()
    card = browser.find_element(By.ID, f"row-{tech}").find_element(By.ID, f"card-{number}")
    assert "Signed" in card.text
    assert not card.find_elements(By.TAG_NAME, "form")  # a signed card offers no change
    card.find_element(By.CSS_SELECTOR, "a.number").click()
    assert "Signed" in browser.find_element(By.ID, "job-status").text
    assert "王建国" in browser.find_element(By.ID, "signature").text
    assert "SHA-256" in browser.find_element(By.ID, "slip-1").text
    browser.find_element(By.ID, "slip-pdf-1")

    browser.find_element(By.ID, "language-zh_CN").click()
    assert "已签字" in browser.find_element(By.ID, "job-status").text
    assert browser.find_element(By.ID, "nav-board").text == "派工看板"
    browser.find_element(By.ID, "nav-board").click()
    assert "已签字" in browser.find_element(By.ID, f"card-{number}").text
    browser.find_element(By.ID, "language-en").click()
    assert browser.find_element(By.ID, "nav-board").text == "Dispatch board"


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_a_chinese_browser_gets_chinese_and_a_technician_is_turned_away(
    server: Server,
) -> None:
    from selenium.webdriver.common.by import By

    browser = open_browser("zh-CN")
    try:
        browser.get(f"{server.url}/")  # signed out: sent to sign in
        assert browser.current_url.endswith("/login")
        assert "总部员工登录" in browser.page_source
        browser.find_element(By.ID, "user").send_keys(server.technician())
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.ID, "sign-in").click()
        assert "用户名或密码错误" in browser.find_element(By.ID, "problem").text
        browser.get(f"{server.url}/")
        assert browser.current_url.endswith("/login")
    finally:
        browser.quit()
