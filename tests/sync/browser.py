"""Debian's chromium, headless, through chromium-driver: for the console's browser test
and its screenshots (``docs/screenshots/make_console_screenshots.py``)."""

from __future__ import annotations

import shutil
from typing import Any

CHROMEDRIVER = shutil.which("chromedriver")
WINDOW = (1600, 1000)


def open_browser(language: str = "en-US") -> Any:
    """A headless chromium asking for pages in ``language`` (its Accept-Language)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert CHROMEDRIVER is not None, "install chromium-driver (bin/setup-debian does)"
    options = webdriver.ChromeOptions()
    # --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    options.add_argument(f"--lang={language}")
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    browser = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    browser.implicitly_wait(5)  # how long find_element waits for an element to appear
    return browser


def follow(browser: Any, element: Any) -> None:
    """Click what loads a new page and wait until the old page is gone: otherwise the next
    lookup may find an element of the old page (the same ids are on both)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old = browser.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(browser, 10).until(lambda _browser: _is_gone(old))


def _is_gone(element: Any) -> bool:
    """Whether the page that held ``element`` has been replaced. Mid-navigation
    chromedriver sometimes answers with an inspector error ("Node with given id does not
    belong to the document") instead of a stale element: that too means it is gone."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise
    return False


def sign_in(browser: Any, url: str, name: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{url}/login")
    browser.find_element(By.ID, "user").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(password)
    follow(browser, browser.find_element(By.ID, "sign-in"))
    browser.find_element(By.ID, "board")
