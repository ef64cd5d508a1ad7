"""The app in a real browser: deep links from a fresh server, live filters, page switches, downloads, bad links."""

from __future__ import annotations

import csv
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from harness.fixtures import app_server as streamlit_server
from harness.pages import (
    assert_no_exception,
    chart_texts,
    download_text,
    metric_values,
    open_app,
    screenshot,
    settle,
    wait_for_chart_text,
)

DEEP_LINKS = [
    # (page path with filters, heading, what must be shown)
    ("/?to=2018-19", "Prevent referrals at a glance", {"metrics": ["5,737", "1,328", "556"]}),
    (
        "/published?p_by=total&p_measure=adopted-as-channel-case",
        "Published figures",
        {"chart": "Adopted as a Channel case, 2015/16 to 2024/25"},
    ),
    ("/explorer?from=2018-19&to=2018-19", "Referral explorer", {"metrics": ["5,737", "1,328", "556"]}),
    ("/recommendations?p_agency=npcc", "Recommendations about Prevent", {"metrics": ["2"]}),
    ("/data?p_definitions=sector", "Data & methods", {"text": "Categories of"}),
]


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


@pytest.mark.parametrize(
    "path,heading,expect", DEEP_LINKS, ids=[p.split("?")[0].strip("/") or "overview" for p, _h, _e in DEEP_LINKS]
)
def test_deep_link_from_a_fresh_server(fresh_server: str, page: Page, path: str, heading: str, expect: dict) -> None:
    open_app(page, fresh_server + path, heading)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_test_id("stSidebarNav").count() == 1  # the app's navigation, not a bare page
    assert page.get_by_text("Filters", exact=True).count() >= 1  # the shared sidebar ran
    if "metrics" in expect:
        assert metric_values(page)[: len(expect["metrics"])] == expect["metrics"]
    if "chart" in expect:
        wait_for_chart_text(page, expect["chart"])
    if "text" in expect:
        assert page.get_by_text(expect["text"]).count() >= 1
    expected_query = parse_qs(urlparse(path).query)
    assert query_of(page) == expected_query  # the link is kept (and nothing added)
    assert_no_exception(page)
    screenshot(page, "deep-link-" + (urlparse(path).path.strip("/") or "overview"))


def test_filter_change_updates_chart_and_url(server: str, page: Page) -> None:
    open_app(page, server + "/", "Prevent referrals at a glance")
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


def test_switching_pages_keeps_the_filters(server: str, page: Page) -> None:
    open_app(page, server + "/?from=2018-19&ideology=islamist", "Prevent referrals at a glance")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Published figures").click()
    page.get_by_role("heading", name="Published figures").wait_for()
    settle(page)
    page.wait_for_function("() => location.search.includes('ideology=islamist')")
    assert query_of(page) == {"from": ["2018-19"], "ideology": ["islamist"]}
    wait_for_chart_text(page, "(Islamist), 2018/19 to 2024/25")
    assert page.get_by_test_id("stMultiSelect").filter(has_text="Type of concern").get_by_text("Islamist").count() == 1
    assert_no_exception(page)
    screenshot(page, "published-after-switch")


def test_download_csv_holds_what_is_shown(server: str, page: Page, tmp_path) -> None:
    open_app(page, server + "/?to=2018-19&outcome=adopted-as-channel-case", "Prevent referrals at a glance")
    page.get_by_text("Show the data behind this chart").first.click()
    text = download_text(page, page.get_by_test_id("stDownloadButton").first, tmp_path / "download.csv")
    assert text.startswith("# Prevent Explorer: Referrals and what happened to them, 2015/16 to 2018/19")
    assert "# Filters: 2015/16 to 2018/19 · Outcome: Adopted as Channel case" in text
    assert "# Sources: " in text and "ho-release-2019-20" in text
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body[0].startswith("Year,Line,Count")
    assert '2018/19,Referrals,"5,737"' in text
    assert "2018/19,Adopted as a Channel case,556" in text
    assert not any(",Discussed at a Channel panel," in line for line in body)  # not shown, not downloaded
    assert_no_exception(page)


def test_own_file_named_on_the_command_line(chromium_path: str, page: Page, tmp_path) -> None:
    """`streamlit run streamlit_app.py -- --referrals FILE` reaches the session script through st.App."""
    rows = ["referral_id,year,ideology,sector,age_group,gender,region,outcome"]
    rows += [f"R{i},2023/24,Islamist,Police,16 to 17,Male,North East,Passed to other services" for i in range(12)]
    own = tmp_path / "cli-export.csv"
    own.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with streamlit_server(extra_args=["--referrals", str(own)]) as url:
        open_app(page, url + "/explorer", "Referral explorer")
        page.get_by_text("Your own file 'cli-export.csv' (12 referrals)").first.wait_for(timeout=20000)
        assert metric_values(page)[0] == "12"
        assert page.get_by_text("Synthetic demo data").count() == 0
        assert_no_exception(page)


def test_download_a_whole_table_from_data_and_methods(server: str, page: Page, tmp_path) -> None:
    """The full-table downloads are made when clicked (deferred): the file holds the whole table."""
    open_app(page, server + "/data", "Data & methods")
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Recommendations (32 rows)")
    text = download_text(page, button, tmp_path / "recommendations.csv")
    assert text.startswith("# Prevent Explorer: Recommendations\n# Filters: none (complete table)\n")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert len(rows) == 32
    assert {r["source_id"] for r in rows} >= {"hmicfrs-2020-prevent"}
    assert_no_exception(page)


def test_malformed_link_shows_a_notice(server: str, page: Page) -> None:
    bad = "/?ideology=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&from=abc&show=%27%3B%20DROP%20TABLE%20figures%3B--&zzz=1"
    open_app(page, server + bad, "Prevent referrals at a glance")
    notice = page.get_by_text("Some settings in this link could not be used")
    notice.wait_for()
    assert page.evaluate("() => window.__pwned") is None
    assert not page.dialogs  # type: ignore[attr-defined]
    assert query_of(page) == {}
    assert metric_values(page)[0] == "8,778"
    assert_no_exception(page)
    screenshot(page, "malformed-link-notice")


@pytest.mark.parametrize(
    "path,heading",
    [
        ("/", "Prevent referrals at a glance"),
        ("/published", "Published figures"),
        ("/recommendations", "Recommendations about Prevent"),
        ("/data", "Data & methods"),
        ("/explorer", "Referral explorer"),
    ],
)
def test_every_page_renders_without_errors(server: str, page: Page, path: str, heading: str) -> None:
    open_app(page, server + path, heading)
    assert_no_exception(page)
    screenshot(page, "page-" + (path.strip("/") or "overview"))


def test_upload_own_file_in_the_explorer(server: str, page: Page, tmp_path) -> None:
    rows = ["referral_id,year,ideology,sector,age_group,gender,region,outcome"]
    rows += [f"R{i},2024/25,Islamist,Education,11 to 15,Male,London,No further action" for i in range(30)]
    rows += [f"S{i},2024/25,Extreme right-wing,Police,16 to 17,Female,London,Adopted as Channel case" for i in range(2)]
    good = tmp_path / "export.csv"
    good.write_text("\n".join(rows) + "\n", encoding="utf-8")
    open_app(page, server + "/explorer", "Referral explorer")
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
