"""Malformed links: unknown keys, wrong types, huge values, unicode, repeated keys, SQL fragments and
script tags, against every page. The app shows a notice, never an exception; nothing is executed
(the page's figures are still there, the database is unchanged, no script runs in the browser).

AppTest: 200 generated query strings per page (1,000 in all); with --soak 1,000 per page. Browser: a
fixed sample of hostile links against `streamlit run`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from harness.apptest import PAGES, open_app
from prevent_explorer.shell.data import database
from tests.reliability.app_checks import NOTICE, check_page
from tests.reliability.browser_thread import in_browser
from tests.reliability.strategies import malformed_links, query_string, to_params

PAGE_NAMES = tuple(PAGES)
QUICK = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
CI = settings(max_examples=200, derandomize=True, **QUICK)
SOAK = settings(max_examples=1000, **QUICK)


def table_sizes() -> dict[str, int]:
    cur = database().cursor()
    try:
        names = [r[0] for r in cur.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {n: cur.table(n).count("*").fetchall()[0][0] for n in names}
    finally:
        cur.close()


@pytest.fixture(scope="module", autouse=True)
def database_unchanged() -> Iterator[None]:
    """No link changes the database: every table has the same rows after this module's tests."""
    open_app("overview")  # the app's database is loaded and cached in this process
    before = table_sizes()
    yield
    assert table_sizes() == before, "a link changed the database"


def run_malformed(page: str, pairs: list[tuple[str, str]]) -> None:
    at = open_app(page, to_params(pairs))
    try:
        check_page(at, page, expect_notice=True)
    except AssertionError as err:
        raise AssertionError(f"{page}?{query_string(pairs)[:500]}: {err}") from None


@pytest.mark.parametrize("page_name", PAGE_NAMES)
@CI
@given(data=hs.data())
def test_malformed_links(page_name: str, data: hs.DataObject) -> None:
    run_malformed(page_name, data.draw(malformed_links(page_name), label="query"))


@pytest.mark.soak
@pytest.mark.parametrize("page_name", PAGE_NAMES)
@SOAK
@given(data=hs.data())
def test_malformed_links_soak(page_name: str, data: hs.DataObject) -> None:
    run_malformed(page_name, data.draw(malformed_links(page_name), label="query"))


# ------------------------------------------------------------------------------------------------
# In a real browser: a sample of hostile links
# ------------------------------------------------------------------------------------------------
PWN = "window.__pwned%3D1"
BROWSER_SAMPLE = [
    ("/", f"ideology=%3Cscript%3E{PWN}%3C%2Fscript%3E&zzz=1", "Prevent referrals at a glance"),
    ("/published", f"p_by=%22%3E%3Cimg%20src%3Dx%20onerror%3D%22{PWN}%22%3E&from=2018%2F19", "Published figures"),
    (
        "/explorer",
        "region='%3B%20DROP%20TABLE%20referrals%3B--&region=london&region=london&to=9999-99",
        "Referral explorer",
    ),
    (
        "/recommendations",
        f"p_agency=javascript%3A{PWN}&p_status=%E2%80%AE%F0%9F%98%80&show=1e309",
        "Recommendations about Prevent",
    ),
    ("/data", "p_definitions=" + "x" * 3000 + "&p_kinds[]=official&ideology[]=islamist", "Data & methods"),
]


@pytest.mark.browser
@pytest.mark.parametrize(
    "path,query,heading", BROWSER_SAMPLE, ids=[p.strip("/") or "overview" for p, _q, _h in BROWSER_SAMPLE]
)
def test_hostile_links_in_the_browser(chromium_path: str, server: str, path: str, query: str, heading: str) -> None:
    from harness.pages import assert_no_exception, open_app

    def scenario(page: Any) -> None:
        open_app(page, f"{server}{path}?{query}", heading)
        page.get_by_text(NOTICE).first.wait_for()
        assert page.evaluate("() => window.__pwned") is None, "a script from the link ran"
        assert not page.dialogs, page.dialogs
        assert page.locator("img[src=x]").count() == 0
        # the page's figures are still there (its charts; the data page has only tables and downloads)
        figures = "stDownloadButton" if path == "/data" else "stVegaLiteChart"
        page.get_by_test_id(figures).first.wait_for(timeout=30000)
        kept = parse_qs(urlparse(page.url).query)
        assert all(k.isascii() and "<" not in k and "[" not in k for k in kept), kept  # the junk is dropped
        assert_no_exception(page)

    in_browser(chromium_path, scenario)
