"""The console in a real browser (Debian's chromium, headless, through chromium-driver):
sign in, create a customer and a job, assign it on the board, a laptop syncs and signs
it, the board shows it signed with its slip, and the language switches.

Skipped only where chromium-driver is not installed (``bin/setup-debian`` installs it,
so CI runs it).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.sync.browser import CHROMEDRIVER, follow, open_browser, sign_in
from tests.sync.conftest import PASSWORD, Server, png_bytes

pytestmark = pytest.mark.skipif(CHROMEDRIVER is None, reason="chromium-driver is not installed")


@pytest.fixture
def browser() -> Iterator[Any]:
    driver = open_browser()
    yield driver
    driver.quit()


def _sign_on_the_laptop(device: Any, job_id: str, tmp_path: Path) -> None:
    """The visit as a technician does it: on site, the customer agrees to the bill (the
    shared head office may have rates set by other tests), complete, signed, slip."""
    from reports import issue_slip
    from tech_app.lifecycle import change_status
    from tech_app.signoff import record_consent, sign_job

    for status in ("en_route", "on_site"):
        change_status(device.store, job_id, status)
    record_consent(device.store, job_id, "王建国", None)
    change_status(device.store, job_id, "completed")
    sign_job(
        device.store,
        device.blobs,
        job_id,
        signer_name="王建国",
        signature_png=png_bytes(41),
        payment_method="wechat",
    )
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
    sign_in(browser, server.url, office, PASSWORD)

    follow(browser, browser.find_element(By.ID, "nav-customers"))
    browser.find_element(By.ID, "customer-name").send_keys(f"王建国 {key}")
    browser.find_element(By.ID, "customer-phone").send_keys("021-6234 5566")
    Select(browser.find_element(By.ID, "customer-class")).select_by_value("A")
    browser.find_element(By.ID, "site-address").send_keys("上海市徐汇区漕溪北路 1 号")
    follow(browser, browser.find_element(By.ID, "create-customer"))
    assert f"王建国 {key}" in browser.find_element(By.ID, "customer-title").text

    follow(browser, browser.find_element(By.CSS_SELECTOR, "a.new-job-here"))
    browser.find_element(By.ID, "number").send_keys(number)
    Select(browser.find_element(By.ID, "job-type")).select_by_value("repair")
    browser.find_element(By.ID, "problem-text").send_keys("售后报修：灶具打不着火")
    Select(browser.find_element(By.ID, "sla-policy")).select_by_value("stove")
    follow(browser, browser.find_element(By.ID, "create-job"))
    assert number in browser.find_element(By.ID, "job-title").text
    job_id = browser.current_url.rsplit("/", 1)[1]

    follow(browser, browser.find_element(By.ID, "nav-board"))
    card = browser.find_element(By.CSS_SELECTOR, f"#unassigned #card-{number}")
    card.find_element(By.TAG_NAME, "summary").click()
    Select(card.find_element(By.NAME, "technician")).select_by_value(tech)
    follow(browser, card.find_element(By.CSS_SELECTOR, "form.assign button"))
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
    follow(browser, card.find_element(By.CSS_SELECTOR, "a.number"))
    assert "Signed" in browser.find_element(By.ID, "job-status").text
    assert "王建国" in browser.find_element(By.ID, "signature").text
    assert "SHA-256" in browser.find_element(By.ID, "slip-1").text
    browser.find_element(By.ID, "slip-pdf-1")

    follow(browser, browser.find_element(By.ID, "language-zh_CN"))
    assert "已签字" in browser.find_element(By.ID, "job-status").text
    assert browser.find_element(By.ID, "nav-board").text == "派工看板"
    follow(browser, browser.find_element(By.ID, "nav-board"))
    assert "已签字" in browser.find_element(By.ID, f"card-{number}").text
    follow(browser, browser.find_element(By.ID, "language-en"))
    assert browser.find_element(By.ID, "nav-board").text == "Dispatch board"

    # The follow-up call: the customer says they paid more than the slip.
    follow(browser, browser.find_element(By.ID, "nav-follow-ups"))
    form = browser.find_element(By.CSS_SELECTOR, f'form[action="/follow-ups/{job_id}/answers"]')
    form.find_element(By.XPATH, "..").find_element(By.TAG_NAME, "summary").click()
    amount = form.find_element(By.NAME, "amount_charged")
    amount.clear()
    amount.send_keys("999.00")
    follow(browser, form.find_element(By.TAG_NAME, "button"))
    row = browser.find_element(By.ID, f"call-{number}")
    assert "refund the customer" in row.find_element(By.CSS_SELECTOR, ".overcharge").text


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
        follow(browser, browser.find_element(By.ID, "sign-in"))
        assert "用户名或密码错误" in browser.find_element(By.ID, "problem").text
        browser.get(f"{server.url}/")
        assert browser.current_url.endswith("/login")
    finally:
        browser.quit()


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_office_plans_a_contracts_visits(server: Server, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    key = uuid.uuid4().hex[:6]
    sign_in(browser, server.url, server.technician("office"), PASSWORD)
    follow(browser, browser.find_element(By.ID, "nav-customers"))
    browser.find_element(By.ID, "customer-name").send_keys(f"华东物流 {key}")
    browser.find_element(By.ID, "customer-phone").send_keys("021-5888 1234")
    browser.find_element(By.ID, "site-address").send_keys("上海市浦东新区张江路 88 号 3 号仓库")
    follow(browser, browser.find_element(By.ID, "create-customer"))
    unit = browser.find_element(By.ID, "new-unit")
    unit.find_element(By.XPATH, "..").find_element(By.TAG_NAME, "summary").click()
    for name, value in (("category", "forklift"), ("make", "Heli"), ("model", "CPCD30")):
        unit.find_element(By.NAME, name).send_keys(value)
    unit.find_element(By.NAME, "serial").send_keys(f"CPCD30-{key}")
    follow(browser, unit.find_element(By.TAG_NAME, "button"))
    contract = browser.find_element(By.ID, "new-contract")
    contract.find_element(By.XPATH, "..").find_element(By.TAG_NAME, "summary").click()
    contract.find_element(By.NAME, "name").send_keys(f"叉车季度保养协议 {key}")
    follow(browser, contract.find_element(By.TAG_NAME, "button"))
    follow(browser, browser.find_element(By.LINK_TEXT, f"叉车季度保养协议 {key}"))

    owed = browser.find_elements(By.CSS_SELECTOR, "#plan tr.new")
    assert len(owed) >= 3, browser.find_element(By.ID, "plan-summary").text  # quarterly
    follow(browser, browser.find_element(By.ID, "plan-visits"))
    assert not browser.find_elements(By.CSS_SELECTOR, "#plan tr.new")
    assert not browser.find_elements(By.ID, "plan-visits")  # nothing left to plan
    planned = browser.find_elements(By.CSS_SELECTOR, "#plan tr")[1:]
    assert len(planned) == len(owed) and all("New" in row.text for row in planned)
