"""Chart images (prevent_explorer/present/images.py): every chart builder's spec drawn on the
server as PNG (2x, fixed width) and SVG, with its title, subtitle, "not published" marks and a
source line; the text in the app's font, none of it missing."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from harness.chart_samples import BUILDERS, TITLES, UNPUBLISHED_YEAR, YEARS, sample_specs
from prevent_explorer.present import charts, images

DAY = dt.date(2026, 11, 28)
SOURCES = [
    "Home Office, Individuals referred to and supported through the Prevent Programme, April 2019 to March 2020",
    "Home Office, Individuals referred to and supported through the Prevent Programme, April 2023 to March 2024",
]
SOURCE = images.source_line(SOURCES, DAY)


@pytest.fixture(scope="module")
def specs() -> dict[str, dict[str, Any]]:
    return sample_specs()


@pytest.fixture(scope="module")
def svgs(specs: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {name: images.chart_svg(spec, SOURCE) for name, spec in specs.items()}


def svg_texts(svg: str) -> list[str]:
    """The text of each <text> element (its lines joined by spaces)."""
    root = ET.fromstring(svg)
    return [
        " ".join(t.strip() for t in el.itertext() if t.strip()) for el in root.iter("{http://www.w3.org/2000/svg}text")
    ]


def test_the_samples_cover_every_chart_builder() -> None:
    builders = {
        name
        for name, fn in inspect.getmembers(charts, inspect.isfunction)
        if name.endswith("_chart") and fn.__module__ == charts.__name__
    }
    assert builders == set(BUILDERS)


def test_source_line_names_the_sources_and_the_day() -> None:
    expected = "Sources: " + "; ".join(SOURCES) + " · Prevent Explorer, downloaded 2026-11-28"
    assert expected == SOURCE
    assert images.source_line(SOURCES[:1], DAY).startswith("Source: Home Office")
    assert images.source_line([], DAY) == "Prevent Explorer, downloaded 2026-11-28"
    many = [f"Publisher {i}, A rather long title of a report that quoted the figures, number {i}" for i in range(40)]
    line = images.source_line(many, DAY)
    assert len(images.source_lines(line)) <= images.MAX_SOURCE_LINES
    assert "Publisher 0," in line and "other sources listed with this chart in the app" in line
    assert line.endswith("· Prevent Explorer, downloaded 2026-11-28")


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_chart_renders_to_png_at_2x_and_fixed_width(specs: dict[str, dict[str, Any]], name: str) -> None:
    png = images.chart_png(specs[name], SOURCE)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width == images.WIDTH * images.PNG_SCALE == 1920  # 960 px at 2x, whatever the chart
    assert image.height > 400
    assert round(image.info["dpi"][0]) == 144  # placed at its intended size by slide programs
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20  # drawn, not blank


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_svg_carries_title_subtitle_and_source_line(svgs: dict[str, str], name: str) -> None:
    svg = svgs[name]
    root = ET.fromstring(svg)
    assert root.get("width") == str(images.WIDTH)
    texts = svg_texts(svg)
    title, subtitle = TITLES[name]
    assert title in texts  # its lines joined: one text
    assert any(t.startswith(subtitle) for t in texts)  # the subtitle's lines, the first one this
    assert SOURCE in texts  # wrapped over lines, drawn as one text
    assert 'font-family="Source Sans Pro, Arial, sans-serif"' in svg


def test_not_published_marks_are_kept(svgs: dict[str, str]) -> None:
    texts = svg_texts(svgs["stacked_breakdown_chart"])
    assert texts.count("not published") == 1  # the one year with no published breakdown
    assert UNPUBLISHED_YEAR in texts and all(y in texts for y in YEARS)
    assert "<5" in svg_texts(svgs["funnel_chart"])  # a withheld count is labelled, not drawn as 0


def test_the_app_spec_is_not_changed(specs: dict[str, dict[str, Any]]) -> None:
    spec = specs["lines_chart"]
    before = repr(spec)
    images.image_vega(spec, SOURCE)
    assert repr(spec) == before
    assert spec["width"] == "container"


def test_every_character_drawn_has_a_glyph_in_the_app_font(svgs: dict[str, str]) -> None:
    """No text goes missing: every character of every chart (and the app's symbols) is in Source
    Sans Pro, which vl-convert draws with."""
    font = TTFont(str(images.FONT_DIR / "SourceSansPro-Regular.ttf"))
    cmap = font.getBestCmap()
    chars = {c for svg in svgs.values() for text in svg_texts(svg) for c in text} | set("▼·÷–—’…<%")
    missing = sorted(c for c in chars if not c.isspace() and ord(c) not in cmap)
    assert not missing


def test_text_in_the_app_font_is_drawn() -> None:
    """Source Sans Pro is registered with vl-convert: text asked for in it alone is drawn (a font
    vl-convert cannot use draws nothing at all)."""
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": [{"t": "Referrals ▼ change · 8,778 — not published"}]},
        "mark": {"type": "text", "font": "Source Sans Pro", "fontSize": 20, "align": "left", "x": 0, "y": 10},
        "encoding": {"text": {"field": "t"}},
        "width": 400,
        "height": 30,
    }
    image = Image.open(io.BytesIO(images.chart_png(spec, "x", width=460))).convert("L")
    top = image.crop((0, 0, image.width, 70 * images.PNG_SCALE // 2))
    dark = sum(top.histogram()[:128])
    assert dark > 1500
