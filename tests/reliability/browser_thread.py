"""Run a browser scenario in a thread of its own.

tests/browser keeps one synchronous Playwright (a session fixture) open on the main thread, and
Playwright allows one synchronous instance per thread; so each browser test here drives its own
headless Chromium (Debian's, with benchmarks/browser.py's CHROMIUM_ARGS) in a worker thread. The
page records uncaught errors and dialogs, like tests/browser's `page` fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from harness.browser import CHROMIUM_ARGS
from harness.pages import record_errors

T = TypeVar("T")
TIMEOUT_S = 600


def _run(scenario: Callable[[Any], T], chromium: str) -> T:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1400}, accept_downloads=True)
            return scenario(record_errors(context.new_page()))
        finally:
            browser.close()


def in_browser(chromium: str, scenario: Callable[[Any], T]) -> T:
    """Run `scenario(page)` in a fresh browser context on a worker thread; its exceptions are re-raised."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="browser") as pool:
        return pool.submit(_run, scenario, chromium).result(timeout=TIMEOUT_S)
