"""Pytest fixtures for real-browser tests (a plugin: tests/conftest.py loads it).

`streamlit run` on a free localhost port (harness/server.py, stopped by its PID) and Debian's
Chromium driven by Playwright for Python. No browser is downloaded: without Chromium the browser
tests are skipped locally, and fail when PREVENT_EXPLORER_REQUIRE_BROWSER=1 (as in CI).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from harness.pages import SCREENSHOTS, record_errors
from harness.server import streamlit_server

REQUIRE = os.environ.get("PREVENT_EXPLORER_REQUIRE_BROWSER") == "1"


def _browser_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@contextlib.contextmanager
def app_server(extra_args: list[str] | None = None, env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run streamlit_app.py` on a free 127.0.0.1 port; yields its URL."""
    with streamlit_server(env=env, extra_args=extra_args) as running:
        yield running.url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not _browser_available():
        message = f"Chromium not found at {CHROMIUM} (install Debian's chromium package)"
        if REQUIRE:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def server(chromium_path: str) -> Iterator[str]:
    with app_server() as url:
        yield url


@pytest.fixture
def fresh_server(chromium_path: str) -> Iterator[str]:
    """A newly started server, so that the test's request is the first one it sees."""
    with app_server() as url:
        yield url


@pytest.fixture(scope="session")
def _playwright(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def playwright_devices(_playwright):
    return _playwright.devices


@pytest.fixture(scope="session")
def browser(_playwright, chromium_path: str):
    b = _playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (1280x1400) that records page errors and dialogs."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    pg = record_errors(context.new_page())
    yield pg
    context.close()


@pytest.fixture
def phone(browser, playwright_devices):
    """A fresh browser context as a phone (an iPhone 13: 390x844, touch, a mobile User-Agent)."""
    context = browser.new_context(**playwright_devices["iPhone 13"], accept_downloads=True)
    pg = record_errors(context.new_page())
    yield pg
    context.close()


@pytest.fixture
def wide(browser):
    """A fresh browser context of a laptop screen (1440x900)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg = record_errors(context.new_page())
    yield pg
    context.close()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if SCREENSHOTS.exists() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"Browser screenshots: {SCREENSHOTS}")
