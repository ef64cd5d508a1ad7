"""The Overview in a real browser: a deep link to a fresh server, a live filter, a download, a bad link."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from playwright.sync_api import Page

from harness.pages import (
    assert_no_exception,
    chart_texts,
    check_deep_link,
    check_readable,
    choose_by_keyboard,
    download_text,
    metric_values,
    open_app,
    query_of,
    screenshot,
    settle,
    texts_cut,
    wait_for_chart_text,
)

HEADING = "Prevent referrals at a glance"


def test_deep_link_from_a_fresh_server(fresh_server: str, page: Page) -> None:
    check_deep_link(page, fresh_server, "/?to=2018-19", HEADING)
    assert metric_values(page)[:3] == ["5,737", "1,328", "556"]  # the seed article's year
    screenshot(page, "deep-link-overview")


def test_renders_without_errors(server: str, page: Page) -> None:
    open_app(page, server + "/", HEADING)
    assert_no_exception(page)
    screenshot(page, "page-overview")


def test_filter_change_updates_chart_and_url(server: str, page: Page) -> None:
    open_app(page, server + "/", HEADING)
    wait_for_chart_text(page, "Referrals by type of concern (all types of concern)")
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Type of concern")
    box.click()
    page.get_by_role("option", name="Islamist", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_chart_text(page, "Referrals by type of concern (Islamist)")
    settle(page)
    assert query_of(page) == {"ideology": ["islamist"]}
    assert not any("(all types of concern)" in t for t in chart_texts(page))
    assert_no_exception(page)
    screenshot(page, "overview-islamist")


def test_download_csv_holds_what_is_shown(server: str, page: Page, tmp_path) -> None:
    """The tidy CSV holds the rows drawn (numbers as numbers); the ZIP beside it names the view, its
    filters and its sources."""
    open_app(page, server + "/?to=2018-19&outcome=adopted-as-channel-case", HEADING)
    page.get_by_text("Show the data behind this chart").first.click()
    buttons = page.get_by_test_id("stDownloadButton")
    text = download_text(page, buttons.filter(has_text="Download CSV").first, tmp_path / "download.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.startswith("Year,Line,Count,")
    assert {(r["Year"], r["Line"], r["Count"]) for r in rows} >= {
        ("2018/19", "Referrals", "5737"),
        ("2018/19", "Adopted as a Channel case", "556"),
    }
    assert {r["Year"] for r in rows} == {"2015/16", "2016/17", "2017/18", "2018/19"}
    assert not any(r["Line"] == "Discussed at a Channel panel" for r in rows)  # not shown, not downloaded
    zipped = tmp_path / "download.zip"
    with page.expect_download() as info:
        buttons.filter(has_text="CSV with notes (ZIP)").first.click()
    info.value.save_as(zipped)
    with zipfile.ZipFile(zipped) as z:
        assert z.read("data.csv").decode() == text
        notes = z.read("notes.md").decode()
    assert notes.startswith(
        "# Prevent Explorer: Referrals and what happened to them (Adopted as a Channel case), 2015/16 to 2018/19"
    )
    assert "2015/16 to 2018/19 · Outcome: Adopted as a Channel case" in notes
    assert "## Sources" in notes and "gov.uk" in notes
    assert_no_exception(page)


def test_malformed_link_shows_a_notice(server: str, page: Page) -> None:
    bad = "/?ideology=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&from=abc&show=%27%3B%20DROP%20TABLE%20figures%3B--&zzz=1"
    open_app(page, server + bad, HEADING)
    notice = page.get_by_text("Some settings in this link could not be used")
    notice.wait_for()
    assert page.evaluate("() => window.__pwned") is None
    assert not page.dialogs  # type: ignore[attr-defined]
    assert query_of(page) == {}
    assert metric_values(page)[0] == "8,778"
    assert_no_exception(page)
    screenshot(page, "malformed-link-notice")


def test_police_right_wing_and_adopted_each_view_says_what_it_applies(server: str, page: Page) -> None:
    """The three filters stakeholders use most, set together: every chart names what it applies
    (title) or says what it does not (subtitle), and the cards say whose figure they show."""
    open_app(page, server + "/?agency=police&ideology=extreme-right-wing&outcome=adopted-as-a-channel-case", HEADING)
    wait_for_chart_text(page, "Adopted as a Channel case by type of concern (Extreme right-wing)")
    texts = " ".join(chart_texts(page))
    assert (
        "All referring sectors: published referral and Channel totals are not broken down by referring sector" in texts
    )
    assert "Referrals by referring sector (Police)" in texts
    assert "All outcomes: published referrals by referring sector are not broken down by outcome" in texts
    labels = page.evaluate(
        "() => Array.from(document.querySelectorAll('[data-testid=stMetricLabel]')).map(e => e.textContent.trim())"
    )
    assert labels == ["Referrals · all referrals", "Adopted as a Channel case · all referrals"]
    assert page.get_by_text("'Referrals' is not in this dataset for this combination").count() >= 1
    assert_no_exception(page)
    screenshot(page, "overview-police-right-wing-adopted")


@pytest.mark.parametrize("size", ["wide", "phone"])
def test_readable_and_accessible_on_a_laptop_and_a_phone(
    server: str, size: str, request: pytest.FixtureRequest
) -> None:
    check_readable(request.getfixturevalue(size), server + "/", HEADING, f"overview-{size}")


def test_four_cards_are_never_cut(server: str, page: Page) -> None:
    """Cards are as wide as their words and wrap to a new line when they do not fit: a gap's state
    ('Not in this dataset') and a long label are read whole."""
    outcomes = "&outcome=no-further-action&outcome=discussed-at-a-channel-panel&outcome=adopted-as-a-channel-case"
    open_app(page, server + "/?ideology=islamist" + outcomes, HEADING)
    assert "Not in this dataset" in metric_values(page)
    assert not texts_cut(page), texts_cut(page)
    assert_no_exception(page)


def test_on_a_phone_the_filters_close_after_a_choice(server: str, phone: Page) -> None:
    open_app(phone, server + "/", HEADING)
    assert phone.get_by_test_id("stSidebar").bounding_box()["width"] < 50  # starts closed: the page is visible
    phone.get_by_text("Filters:").first.click()
    settle(phone)  # the filter box has opened
    box = phone.get_by_test_id("stMultiSelect").filter(has_text="Type of concern")
    choose_by_keyboard(phone, box, "Islamist")  # a tap can land on the next box while the list moves
    phone.keyboard.press("Escape")
    phone.get_by_text("Filters: 2015/16 to 2024/25 · Type of concern: Islamist").wait_for()
    settle(phone)
    # the box closed itself (its label names the new choice)
    phone.wait_for_function("() => Array.from(document.querySelectorAll('details')).every(d => !d.open)", timeout=30000)
    wait_for_chart_text(phone, "Referrals by type of concern (Islamist)")
    assert_no_exception(phone)
    screenshot(phone, "overview-phone-after-a-choice")
