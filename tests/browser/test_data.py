"""Data & methods in a real browser: a deep link to a fresh server, and a whole table downloaded."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page

from harness.pages import assert_no_exception, check_deep_link, download_text, open_app, screenshot

HEADING = "Data & methods"


def test_deep_link_from_a_fresh_server(fresh_server: str, page: Page) -> None:
    check_deep_link(page, fresh_server, "/data?p_definitions=sector", HEADING)
    assert page.get_by_text("Categories of").count() >= 1
    screenshot(page, "deep-link-data")


def test_renders_without_errors(server: str, page: Page) -> None:
    open_app(page, server + "/data", HEADING)
    assert_no_exception(page)
    screenshot(page, "page-data")


def test_download_a_whole_table(server: str, page: Page, tmp_path) -> None:
    """The full-table downloads are made when clicked (deferred): the file holds the whole table."""
    open_app(page, server + "/data", HEADING)
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Recommendations (32 rows)")
    text = download_text(page, button, tmp_path / "recommendations.csv")
    assert text.startswith("rec_id,source_id,")  # tidy: the header row first, nothing above it
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 32
    assert {r["source_id"] for r in rows} >= {"hmicfrs-2020-prevent"}
    assert_no_exception(page)


@pytest.mark.parametrize("size", ["wide", "phone"])
def test_readable_and_accessible_on_a_laptop_and_a_phone(
    server: str, size: str, request: pytest.FixtureRequest
) -> None:
    from harness.accessibility import serious_violations

    page = request.getfixturevalue(size)
    open_app(page, server + "/data", HEADING)
    assert not (problems := serious_violations(page)), "\n".join(problems)
    assert_no_exception(page)
    screenshot(page, f"data-{size}")
