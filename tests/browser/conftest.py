"""Real-browser fixtures: `streamlit run` on a free localhost port (stopped by its PID) and
Debian's Chromium driven by Playwright for Python. No browser is downloaded."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS
from benchmarks.server import streamlit_server as launch
from prevent_explorer.paths import REPO_ROOT
from tests.browser.helpers import SCREENSHOTS, record_errors

REQUIRE = os.environ.get("PREVENT_EXPLORER_REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _browser_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not _browser_available():
        message = f"Chromium not found at {CHROMIUM} (install Debian's chromium package)"
        if REQUIRE:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@contextlib.contextmanager
def streamlit_server(extra_args: list[str] | None = None, env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run streamlit_app.py` on a free 127.0.0.1 port (benchmarks/server.py), stopped by its PID."""
    with launch(env=env, log_dir=REPO_ROOT / "test-artifacts", extra_args=extra_args) as running:
        yield running.url


@pytest.fixture(scope="session")
def server(chromium_path: str) -> Iterator[str]:
    with streamlit_server() as url:
        yield url


@pytest.fixture
def fresh_server(chromium_path: str) -> Iterator[str]:
    """A newly started server, so that the test's request is the first one it sees."""
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    """A fresh browser context (1280x1400) that records page errors and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, accept_downloads=True)
    pg = record_errors(context.new_page())
    yield pg
    context.close()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if SCREENSHOTS.exists() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"Browser screenshots: {SCREENSHOTS}")
