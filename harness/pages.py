"""Waiting for Streamlit to settle, reading what the browser shows."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Locator, Page

from harness.browser import JS_CHART_TEXT, JS_CHART_TEXTS
from prevent_explorer.paths import REPO_ROOT

SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"


def record_errors(page: Page) -> Page:
    """The page keeps its uncaught errors (`page.errors`) and dialogs (`page.dialogs`, dismissed)."""
    page.errors = []  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    return page


def download_text(page: Page, button: Locator, path: Path) -> str:
    """Click a download button, save the file at `path` and return its text."""
    button.wait_for()
    with page.expect_download() as info:
        button.click()
    info.value.save_as(path)
    return path.read_text(encoding="utf-8")


JS_ACTIVE_OPTION = """() => {
  const id = document.activeElement && document.activeElement.getAttribute('aria-activedescendant');
  const el = id && document.getElementById(id);
  return el ? el.innerText : null;
}"""


def choose_by_keyboard(page: Page, box: Locator, option: str, most: int = 30) -> None:
    """Open a multiselect and pick `option` with the arrow keys and Enter, as a keyboard user does
    (no pointer: nothing can land on a neighbouring box while the list moves into place)."""
    box.click()
    page.get_by_role("listbox").wait_for()
    for _ in range(most):
        page.keyboard.press("ArrowDown")
        if page.evaluate(JS_ACTIVE_OPTION) == option:
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"{option!r} was not reached with the arrow keys")


def settle(page: Page, timeout: float = 20.0) -> None:
    """Wait until the app has rendered and nothing is stale (status widgets are unreliable)."""
    page.wait_for_selector("[data-testid=stMain]", timeout=timeout * 1000)
    page.wait_for_selector(".st-key-app-rendered", state="attached", timeout=timeout * 1000)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0 && !document.querySelector('[data-testid=stStatusWidget] [data-testid=stSpinner]')",
        timeout=timeout * 1000,
    )
    time.sleep(0.4)
    # nothing stale, and no element still waiting for its code (a lazily loaded element shows a skeleton)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-stale=\"true\"], [data-testid=stSkeleton]').length === 0",
        timeout=timeout * 1000,
    )


def open_app(page: Page, url: str, title: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name=title).first.wait_for(timeout=30000)
    settle(page)


def chart_texts(page: Page) -> list[str]:
    return page.evaluate(JS_CHART_TEXTS)


def wait_for_chart_text(page: Page, fragment: str, timeout: float = 20.0) -> None:
    page.wait_for_function(
        JS_CHART_TEXT,
        arg=fragment,
        timeout=timeout * 1000,
    )


def metric_values(page: Page) -> list[str]:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('[data-testid=stMetricValue]')).map(e => e.textContent.trim())"
    )


def assert_no_exception(page: Page) -> None:
    assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id("stException").first.inner_text()
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def screenshot(page: Page, name: str) -> None:
    """The whole page (Streamlit scrolls its main area, so the window is made as tall as the page
    for the picture, then put back)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    tall = page.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebarContent]'))"
        ".map(e => e.scrollHeight), window.innerHeight)"
    )
    if size and tall > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(tall) + 40, 12000)})
        time.sleep(0.6)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    if size:
        page.set_viewport_size(size)


def query_of(page: Page) -> dict[str, list[str]]:
    """The page's URL parameters, repeated keys as lists."""
    return parse_qs(urlparse(page.url).query)


def check_deep_link(page: Page, server: str, path: str, heading: str) -> None:
    """Open `path` (a page with URL parameters) as a first visit: the page opens through the app's
    navigation, with the shared sidebar, no exception, and the link kept as it was."""
    open_app(page, server + path, heading)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_test_id("stSidebarNav").count() == 1  # the app's navigation, not a bare page
    assert page.get_by_text("Filters", exact=True).count() >= 1  # the shared sidebar ran
    assert query_of(page) == parse_qs(urlparse(path).query)  # the link is kept (and nothing added)
    assert_no_exception(page)


def charts_drawn(page: Page) -> list[tuple[str, int]]:
    """(title, number of marks) of every chart on the page: a chart that draws nothing shows 0."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid=stVegaLiteChart]')).map(c => [
            Array.from(c.querySelectorAll('.role-title-text text')).map(t => t.textContent).join(' '),
            c.querySelectorAll('.role-mark path, .role-mark rect, .role-mark line, .role-mark text').length])
          .filter(([title]) => title)"""
    )


def texts_cut(page: Page) -> list[str]:
    """Texts shown cut short: with an ellipsis in the text (chart text, chips, metric labels), or by
    the page's styles (a card's label or value wider than its box)."""
    return page.evaluate(
        """() => [
            ...Array.from(document.querySelectorAll('[data-testid=stVegaLiteChart] text, [data-baseweb=tag] span, [data-testid=stMetricLabel] p'))
                .map(e => e.textContent || '').filter(t => t.includes('…')),
            ...new Set(Array.from(document.querySelectorAll('[data-testid=stMetricLabel] *, [data-testid=stMetricValue] *'))
                .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent || '')),
        ]"""
    )


def scroll_through(page: Page) -> None:
    """Scroll the page's main area to the end and back, so that lazily drawn charts are drawn."""
    page.evaluate(
        """async () => { const m = document.querySelector('[data-testid=stMain]');
            for (let y = 0; y < m.scrollHeight; y += 600) { m.scrollTo(0, y); await new Promise(r => setTimeout(r, 120)); }
            m.scrollTo(0, 0); }"""
    )


def check_readable(page: Page, url: str, heading: str, name: str) -> None:
    """The page at the context's size: every chart draws its marks, no text is cut short, axe finds
    no serious or critical violation, no exception; a screenshot is saved as `name`."""
    from harness.accessibility import serious_violations

    open_app(page, url, heading)
    scroll_through(page)
    settle(page)
    drawn = charts_drawn(page)
    assert drawn and all(marks > 0 for _title, marks in drawn), drawn
    assert not texts_cut(page), texts_cut(page)
    assert not (problems := serious_violations(page)), "\n".join(problems)
    assert_no_exception(page)
    screenshot(page, name)
