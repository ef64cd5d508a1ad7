"""The Referral explorer in a real browser: a deep link to a fresh server, your own file (named on the
command line, or uploaded, and a bad one refused)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from harness.fixtures import app_server
from harness.pages import (
    assert_no_exception,
    check_deep_link,
    check_readable,
    metric_values,
    open_app,
    screenshot,
    settle,
)

HEADING = "Referral explorer"
HEADER = "referral_id,year,ideology,sector,age_group,gender,region,outcome"


def test_deep_link_from_a_fresh_server(fresh_server: str, page: Page) -> None:
    check_deep_link(page, fresh_server, "/explorer?from=2019-20&to=2019-20&agency=police", HEADING)
    assert metric_values(page)[0] == "1,950"  # the synthetic rows reproduce the published 2019/20 police count
    assert page.get_by_test_id("stMultiSelect").filter(has_text="Referring sector").get_by_text("Police").count() == 1
    screenshot(page, "deep-link-explorer")


def test_renders_without_errors(server: str, page: Page) -> None:
    open_app(page, server + "/explorer", HEADING)
    assert_no_exception(page)
    screenshot(page, "page-explorer")


def test_own_file_named_on_the_command_line(chromium_path: str, page: Page, tmp_path) -> None:
    """`streamlit run streamlit_app.py -- --referrals FILE` reaches the session script through st.App."""
    rows = [HEADER]
    rows += [f"R{i},2023/24,Islamist,Police,16 to 17,Male,North East,Passed to other services" for i in range(12)]
    own = tmp_path / "cli-export.csv"
    own.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with app_server(extra_args=["--referrals", str(own)]) as url:
        open_app(page, url + "/explorer", HEADING)
        page.get_by_text("Your own file 'cli-export.csv' (12 referrals)").first.wait_for(timeout=20000)
        assert metric_values(page)[0] == "12"
        assert page.get_by_text("Synthetic demo data").count() == 0
        assert_no_exception(page)


def test_upload_own_file(server: str, page: Page, tmp_path) -> None:
    rows = [HEADER]
    rows += [f"R{i},2024/25,Islamist,Education,11 to 15,Male,London,No further action" for i in range(30)]
    rows += [f"S{i},2024/25,Extreme right-wing,Police,16 to 17,Female,London,Adopted as Channel case" for i in range(2)]
    good = tmp_path / "export.csv"
    good.write_text("\n".join(rows) + "\n", encoding="utf-8")
    open_app(page, server + "/explorer", HEADING)
    page.get_by_text("Use your own referral-level file").click()
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_text("Your own file 'export.csv' (32 referrals)").wait_for(timeout=20000)
    settle(page)
    assert metric_values(page)[:3] == ["32", "<5", "<5"]
    assert page.get_by_text("Synthetic demo data").count() == 0
    assert_no_exception(page)
    screenshot(page, "explorer-own-file")
    bad = tmp_path / "bad.csv"
    bad.write_text("referral_id;year\nR1;2018/19\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text("The file cannot be used").wait_for(timeout=20000)
    assert page.get_by_text("semicolons").count() >= 1
    assert page.get_by_text("The explorer still shows the file loaded before it.").count() == 1
    assert metric_values(page)[:1] == ["32"]  # the good file stays in use
    assert_no_exception(page)
    screenshot(page, "explorer-bad-file")


@pytest.mark.parametrize("size", ["wide", "phone"])
def test_readable_and_accessible_on_a_laptop_and_a_phone(
    server: str, size: str, request: pytest.FixtureRequest
) -> None:
    check_readable(request.getfixturevalue(size), server + "/explorer", HEADING, f"explorer-{size}")
