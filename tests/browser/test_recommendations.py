"""Recommendations in a real browser: a deep link to a fresh server with the page's own filter."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from harness.pages import (
    assert_no_exception,
    check_deep_link,
    check_readable,
    metric_values,
    open_app,
    screenshot,
    settle,
)

HEADING = "Recommendations about Prevent"


def test_deep_link_from_a_fresh_server(fresh_server: str, page: Page) -> None:
    check_deep_link(page, fresh_server, "/recommendations?p_agency=npcc", HEADING)
    assert metric_values(page)[:1] == ["2"]
    screenshot(page, "deep-link-recommendations")


def test_renders_without_errors(server: str, page: Page) -> None:
    open_app(page, server + "/recommendations", HEADING)
    assert_no_exception(page)
    screenshot(page, "page-recommendations")


def test_police_chosen_on_the_overview_reaches_the_recommendations(server: str, page: Page) -> None:
    open_app(page, server + "/?agency=police", "Prevent referrals at a glance")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Recommendations").click()
    page.get_by_role("heading", name=HEADING).wait_for()
    settle(page)
    page.wait_for_function("() => location.search.includes('agency=police')")
    assert metric_values(page)[:1] == ["8"]
    assert (
        page.get_by_text(
            "Police: recommendations addressed to CT Policing, College of Policing, NPCC, Police forces"
        ).count()
        >= 1
    )
    assert_no_exception(page)
    screenshot(page, "recommendations-police")


@pytest.mark.parametrize("size", ["wide", "phone"])
def test_readable_and_accessible_on_a_laptop_and_a_phone(
    server: str, size: str, request: pytest.FixtureRequest
) -> None:
    check_readable(request.getfixturevalue(size), server + "/recommendations", HEADING, f"recommendations-{size}")
