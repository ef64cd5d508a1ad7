"""Chart images and the briefing in a real browser: the files are made when their button is
clicked (Streamlit's deferred download, off the script thread) and hold the chart or the view."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import Page
from pypdf import PdfReader

from harness.pages import assert_no_exception, open_app

HEADING = "Prevent referrals at a glance"
TREND = "Referrals and what happened to them (Adopted as a Channel case), 2015/16 to 2018/19"


def download(page: Page, label: str, path) -> bytes:
    button = page.get_by_role("button", name=label).first
    button.wait_for()
    with page.expect_download() as info:
        button.click()
    info.value.save_as(path)
    return path.read_bytes()


def test_png_svg_and_briefing_downloads(server: str, page: Page, tmp_path) -> None:
    open_app(page, server + "/?to=2018-19&outcome=adopted-as-channel-case", HEADING)
    page.get_by_text("Show the data behind this chart").first.click()
    png = Image.open(io.BytesIO(download(page, "Download PNG", tmp_path / "chart.png")))
    assert (png.format, png.width) == ("PNG", 1920)
    svg = download(page, "Download SVG", tmp_path / "chart.svg").decode()
    assert TREND in svg and "Prevent Explorer, downloaded" in svg
    pdf = PdfReader(io.BytesIO(download(page, "Download briefing (PDF)", tmp_path / "briefing.pdf")))
    assert 1 <= len(pdf.pages) <= 4
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Prevent referrals at a glance, 2018/19" in text and "Outcome: Adopted as a Channel case" in text
    assert_no_exception(page)
