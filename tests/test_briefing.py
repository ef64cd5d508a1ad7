"""The PDF briefing (prevent_explorer/present/briefing.py), read back with pypdf: its text, its
links, its charts drawn as vectors, its length; and the Overview's PNG, SVG and PDF buttons
(AppTest), with the PDF the Overview's button makes."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
import streamlit
from pypdf import PdfReader

from harness.apptest import chart_titles, run_app
from harness.chart_samples import TITLES, sample_specs
from prevent_explorer.present import briefing, briefing_pdf, images

DAY = dt.date(2026, 11, 28)
URL = "https://www.gov.uk/government/statistics/individuals-referred-to-and-supported-through-the-prevent-programme-april-2023-to-march-2024"
CHARTS = ("lines_chart", "stacked_breakdown_chart", "agency_status_chart")
PATH_OPS = re.compile(rb"(?<![A-Za-z/])(?:m|l|c|re|h)(?![A-Za-z])")


def sample_briefing() -> briefing.Briefing:
    specs = sample_specs()
    charts = [
        briefing.BriefingChart(
            images.chart_svg(specs[name], briefing.chart_source_line([1], DAY), width=briefing.CHART_WIDTH_PX),
            notes=["Not published (gaps in the lines): adopted as a Channel case: 2022/23."] if i == 0 else (),
        )
        for i, name in enumerate(CHARTS)
    ]
    return briefing.Briefing(
        title="Prevent referrals at a glance, 2024/25",
        date=DAY,
        filters=["Years: 2021/22 to 2024/25", "Type of concern: Islamist", "Shown as: counts"],
        figures=[
            briefing.HeadlineFigure("Referrals", "8,778", "+27% on 2023/24 (calculated)", "Source: Home Office, ..."),
            briefing.HeadlineFigure("Discussed at a Channel panel", "Not published", "", "No published figure."),
        ],
        charts=charts,
        sentences=["In 2024/25 there were **8,778 referrals** to Prevent -- a __plain__ [text]."],
        notes=["Discussed at a Channel panel: no figure was published for 2024/25."],
        sources=[
            briefing.BriefingSource(
                "Individuals referred to and supported through the Prevent Programme, April 2023 to March 2024",
                "Home Office",
                "5 Dec 2024",
                URL,
            )
        ],
    )


@pytest.fixture(scope="module")
def pdf() -> PdfReader:
    return PdfReader(io.BytesIO(briefing_pdf.briefing_pdf(sample_briefing())))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_the_views_text(pdf: PdfReader) -> None:
    text = text_of(pdf)
    for expected in (
        "Prevent referrals at a glance, 2024/25",
        "briefing made on 28 November 2026",
        "Type of concern: Islamist",
        "8,778",
        "+27% on 2023/24 (calculated)",
        "Not published",
        "Discussed at a Channel panel: no figure was published for 2024/25.",
        "8,778 referrals",
        "-- a __plain__ [text].",  # no markup but the app's **bold**
        "Home Office",
    ):
        assert expected in text, expected
    assert URL in text.replace("\n", "")
    assert pdf.metadata.title == "Prevent referrals at a glance, 2024/25"


def test_source_addresses_are_links(pdf: PdfReader) -> None:
    uris = {
        annot.get_object().get("/A", {}).get("/URI") for page in pdf.pages for annot in page.get("/Annots", []) or []
    }
    assert URL in uris


def test_charts_are_vector_drawings_with_their_text(pdf: PdfReader) -> None:
    text = text_of(pdf)
    flat = " ".join(text.split())  # titles are wrapped over lines
    for name in CHARTS:
        assert TITLES[name][0] in flat  # chart titles are text, not pixels
    assert "not published" in text  # the stacked chart's empty year
    assert "Source: no. 1 in the list at the end · Prevent Explorer, downloaded 2026-11-28" in text
    images_found = [
        obj.get_object()
        for page in pdf.pages
        for obj in (page["/Resources"].get("/XObject") or {}).values()
        if obj.get_object().get("/Subtype") == "/Image"
    ]
    assert not images_found  # nothing raster
    ops = sum(len(PATH_OPS.findall(page.get_contents().get_data())) for page in pdf.pages)
    assert ops > 500  # bars, lines, axes and grids as paths


def test_the_page_count_is_sensible(pdf: PdfReader) -> None:
    assert 1 <= len(pdf.pages) <= 4


def test_source_numbers_are_compact() -> None:
    assert briefing.number_ranges([9, 1, 2, 3, 5, 8, 3]) == "1–3, 5, 8, 9"
    assert briefing.chart_source_line([4, 2, 3, 1], DAY).startswith("Sources: nos. 1–4 in the list at the end")


def test_svg_is_made_plain_for_the_pdf() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><path d=""/><line x2="3" y2="0"/></svg>'
    out = briefing.svg_for_pdf(svg).decode()
    assert "<path" not in out and 'x1="0"' in out and 'y1="0"' in out
    assert briefing.svg_size(svg) == (10.0, 5.0)


@pytest.fixture(scope="module")
def overview() -> tuple[Any, dict[str, Any]]:
    """The Overview through AppTest, with the data of each download button made by st.download_button."""
    made: dict[str, Any] = {}
    original = streamlit.download_button

    def spy(label: str, data: Any, *args: Any, **kwargs: Any) -> bool:
        made[kwargs.get("key")] = data
        return original(label, data, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(streamlit, "download_button", spy)
        at = run_app()
    return at, made


def test_the_overview_offers_png_svg_and_the_briefing(overview: tuple[Any, dict[str, Any]]) -> None:
    at, _made = overview
    buttons = {b.key: b.proto.label for b in at.get("download_button")}
    for key in ("overview_trend", "overview_ideology", "overview_sectors"):
        assert buttons[f"download_{key}"] == "Download CSV"
        assert buttons[f"png_{key}"] == "Download PNG"
        assert buttons[f"svg_{key}"] == "Download SVG"
    assert buttons["briefing_overview"] == "Download briefing (PDF)"


def test_the_overview_briefing_holds_what_the_page_shows(overview: tuple[Any, dict[str, Any]]) -> None:
    at, made = overview
    reader = PdfReader(io.BytesIO(made["briefing_overview"]()))  # made as when the button is clicked
    assert 1 <= len(reader.pages) <= 5  # three charts, the sentences and about 40 sources
    text = text_of(reader)
    assert "Prevent referrals at a glance, 2024/25" in text
    assert "Years: 2015/16 to 2024/25" in text
    assert "8,778" in text and "1,464" in text
    titles = [t for t in chart_titles(at) if t]
    assert len(titles) == 3
    for title in titles:
        assert title in text.replace("\n", " ")
    assert "gov.uk/government/publications/individuals-referred-to" in text.replace("\n", "")
