"""Fixtures for the browser tests. The machinery lives in harness.py, which the tests may import too
(`pythonpath` in pyproject.toml puts tests/e2e on the path).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import (
    APP_TIMEOUT_MS,
    ARTIFACTS,
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    Server,
    _page,
    assert_no_secrets,
    check_accessibility,
    chromium_executable,
    did_not_open,
    leftovers,
    running_server,
    start_server,
    stop_server,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


@pytest.fixture(scope="session", autouse=True)
def nothing_left_behind():
    """After all browser tests: no folder of theirs, no server's run folder in the temp folder."""
    yield
    assert not leftovers(), f"left in the temp folder: {leftovers()}"


@pytest.fixture(scope="session")
def server():
    with running_server("netvaerk-e2e-") as running:
        yield running


@pytest.fixture
def fresh_server(tmp_path):
    """Start a server of one's own with extra `netvaerk serve` options; stopped after the test."""
    processes, logs = [], []

    def start(*extra_args: str) -> Server:
        running, process = start_server(tmp_path, extra_args)
        processes.append(process)
        logs.append(running.log)
        return running

    yield start
    for process in processes:
        stop_server(process)
    for log in logs:
        assert_no_secrets(log)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context, desktop = _page(browser, server, DESKTOP)
    yield desktop
    foreign = desktop.requests.foreign(server.url, server.form_url)
    leave(context)
    assert not foreign, f"requests to other hosts: {foreign}"


def leave(context) -> None:
    """Leave every page as a person would (the page's unload hands its kernel back at once), then close: the
    session's server serves every module's pages, and kernels held by closed tabs would fill --max-kernels."""
    for tab in context.pages:
        try:
            tab.goto("about:blank", timeout=10_000)
        except Exception:  # noqa: BLE001 - a page that cannot leave is closed all the same
            pass
    context.close()


@pytest.fixture
def phone(browser, server):
    context, mobile = _page(browser, server, PHONE, is_mobile=True, has_touch=True)
    yield mobile
    foreign = mobile.requests.foreign(server.url, server.form_url)
    leave(context)
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.fixture
def open_app(server):
    """Open an app notebook (name without .ipynb, plus an optional query) and wait until it is rendered."""

    def open_(page, name: str, query: str = ""):
        try:
            page.goto(server.app_url(name, query), timeout=APP_TIMEOUT_MS)
            page.wait_for_selector(".nv-app", state="visible", timeout=APP_TIMEOUT_MS)
        except PlaywrightTimeoutError:
            pytest.fail(did_not_open(server, name), pytrace=False)
        page.wait_for_load_state("networkidle")
        return page

    return open_


@pytest.fixture
def shoot():
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""

    def shoot_(page, name: str) -> Path:
        path = ARTIFACTS / "screenshots" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.locator(".nv-app").first.wait_for(state="visible")
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(200)  # let Lumino finish laying out the widgets before the picture
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot_


@pytest.fixture
def axe():
    return check_accessibility
