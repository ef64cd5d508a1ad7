"""Published figures in a real browser: a deep link to a fresh server, and filters kept from the Overview."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from harness.pages import (
    assert_no_exception,
    check_deep_link,
    check_readable,
    open_app,
    query_of,
    screenshot,
    settle,
    wait_for_chart_text,
)

HEADING = "Published figures"


def test_deep_link_from_a_fresh_server(fresh_server: str, page: Page) -> None:
    check_deep_link(page, fresh_server, "/published?p_by=total&p_measure=adopted-as-channel-case", HEADING)
    wait_for_chart_text(page, "Adopted as a Channel case, 2015/16 to 2024/25")
    screenshot(page, "deep-link-published")


def test_renders_without_errors(server: str, page: Page) -> None:
    open_app(page, server + "/published", HEADING)
    assert_no_exception(page)
    screenshot(page, "page-published")


def test_switching_from_the_overview_keeps_the_filters(server: str, page: Page) -> None:
    open_app(page, server + "/?from=2018-19&ideology=islamist", "Prevent referrals at a glance")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=HEADING).click()
    page.get_by_role("heading", name=HEADING).wait_for()
    settle(page)
    page.wait_for_function("() => location.search.includes('ideology=islamist')")
    assert query_of(page) == {"from": ["2018-19"], "ideology": ["islamist"]}
    wait_for_chart_text(page, "(Islamist), 2018/19 to 2024/25")
    assert page.get_by_test_id("stMultiSelect").filter(has_text="Type of concern").get_by_text("Islamist").count() == 1
    assert_no_exception(page)
    screenshot(page, "published-after-switch")


def test_police_right_wing_and_adopted_the_chart_says_what_it_applies(server: str, page: Page) -> None:
    open_app(
        page, server + "/published?agency=police&ideology=extreme-right-wing&outcome=adopted-as-a-channel-case", HEADING
    )
    wait_for_chart_text(page, "Referrals by type of concern (Extreme right-wing)")
    wait_for_chart_text(page, "All referring sectors: published breakdowns are one-way")
    wait_for_chart_text(page, "is published as a measure of its own")
    outcome = page.get_by_test_id("stMultiSelect").filter(has_text="Outcome")
    assert outcome.locator("input").first.is_disabled()  # nothing on the page applies it: greyed out
    page.get_by_role("button", name="Show 'Adopted as a Channel case' as the measure").click()
    wait_for_chart_text(page, "Adopted as a Channel case, 2015/16 to 2024/25")
    assert_no_exception(page)
    screenshot(page, "published-police-right-wing-adopted")


@pytest.mark.parametrize("size", ["wide", "phone"])
def test_readable_and_accessible_on_a_laptop_and_a_phone(
    server: str, size: str, request: pytest.FixtureRequest
) -> None:
    check_readable(request.getfixturevalue(size), server + "/published", HEADING, f"published-{size}")
