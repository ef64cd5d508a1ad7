"""Headless Chromium (Debian's, driven by Playwright; nothing is downloaded) and what to wait for in the app.

The JavaScript predicates are shared by the synchronous helpers here and the asynchronous load script.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from typing import Any

CHROMIUM = os.environ.get("PREVENT_EXPLORER_CHROMIUM", "/usr/bin/chromium")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # many pages at once (load.py): keep every one of them running at full speed
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
VIEWPORT = {"width": 1280, "height": 1400}

# A chart of the page has been drawn: Vega has put an SVG with its title into a chart element (the
# app's charts all have a title; the untitled, off-screen chart of prevent_explorer/shell/warmup.py does
# not count).
JS_CHART_DRAWN = """() => Array.from(document.querySelectorAll('[data-testid=stVegaLiteChart]'))
    .some(c => Array.from(c.querySelectorAll('svg.marks .role-title-text text')).some(t => (t.textContent || '').trim()))"""
# The run has finished: the app's last element is there and nothing is stale (greyed out).
JS_SETTLED = """() => !!document.querySelector('.st-key-app-rendered')
    && document.querySelectorAll('[data-stale="true"]').length === 0"""
# Some chart's text contains the fragment (chart titles name the filters; a long title is cut short
# on screen, but its full text is in the title's aria-label).
# The texts of every chart: its title and its subtitle each as one string (their lines joined with
# spaces: Vega draws each line as a tspan), then every other text. Used by the predicates below.
JS_TEXTS = """(() => {
    const textOf = t => { const lines = t.querySelectorAll('tspan');
        return lines.length ? Array.from(lines).map(l => l.textContent).join(' ') : (t.textContent || ''); };
    return Array.from(document.querySelectorAll('[data-testid=stVegaLiteChart]')).flatMap(c => [
        Array.from(c.querySelectorAll('.role-title-text text')).map(textOf).join(' '),
        Array.from(c.querySelectorAll('.role-title-subtitle text')).map(textOf).join(' '),
        ...Array.from(c.querySelectorAll('text')).map(textOf),
        ...Array.from(c.querySelectorAll('[aria-label]')).map(e => e.getAttribute('aria-label') || '')]);
})()"""
JS_CHART_TEXTS = f"() => {JS_TEXTS}"
JS_CHART_TEXT = f"(f) => {JS_TEXTS}.some(t => t.includes(f))"
JS_EXCEPTIONS = "() => document.querySelectorAll('[data-testid=stException]').length"
# No multiselect menu is open, and no text input keeps the focus (blurred if it does).
JS_MENU_CLOSED = """() => {
    if (document.activeElement && document.activeElement.tagName === 'INPUT') document.activeElement.blur();
    return document.querySelectorAll('[role=listbox]').length === 0;
}"""


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole benchmark (a Playwright Browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_chart_drawn(page: Any, timeout: float = 60) -> float:
    """Wait for the first drawn chart; return time.perf_counter() when it was seen."""
    page.wait_for_function(JS_CHART_DRAWN, timeout=timeout * 1000, polling="raf")
    return time.perf_counter()


def wait_settled(page: Any, timeout: float = 60) -> None:
    page.wait_for_function(JS_SETTLED, timeout=timeout * 1000, polling="raf")


def wait_chart_text(page: Any, fragment: str, timeout: float = 60) -> float:
    page.wait_for_function(JS_CHART_TEXT, arg=fragment, timeout=timeout * 1000, polling="raf")
    return time.perf_counter()


def exceptions_shown(page: Any) -> int:
    return int(page.evaluate(JS_EXCEPTIONS))


def close_dropdown(page: Any, timeout: float = 60) -> None:
    """Close an open multiselect menu and leave its input, so that the next click is not swallowed."""
    page.keyboard.press("Escape")
    page.wait_for_function(JS_MENU_CLOSED, timeout=timeout * 1000)


PAGE_HEADINGS = {
    "Overview": "Prevent referrals at a glance",
    "Published figures": "Published figures",
    "Referral explorer": "Referral explorer",
    "Recommendations": "Recommendations about Prevent",
    "Data & methods": "Data & methods",
}


def visit_pages(page: Any, timeout: float = 120) -> None:
    """Open every page through the sidebar navigation and wait for each to finish."""
    for link, heading in PAGE_HEADINGS.items():
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
        page.get_by_role("heading", name=heading).first.wait_for(timeout=timeout * 1000)
        wait_settled(page, timeout)
        if exceptions_shown(page):
            raise RuntimeError(f"{link}: the page shows an exception")
