"""A short PDF briefing of a page's view, from plain inputs (no Streamlit): what goes in it. The
drawing is in present/briefing_pdf.py, imported only when a briefing is made (fpdf2 and its fonts
take ~0.2 s to import, which the app's start does not need).

    pdf = briefing_pdf(Briefing(
        title="Prevent referrals at a glance, 2024/25",
        date=dt.date(2026, 11, 28),
        filters=["Years: 2015/16 to 2024/25", "Type of concern: all"],
        figures=[HeadlineFigure("Referrals", "8,778", "+27% on 2023/24 (calculated)", "Home Office, ...")],
        charts=[BriefingChart(chart_svg(spec, sources, width=CHART_WIDTH_PX), notes=[...])],
        sentences=["In 2024/25 there were **8,778 referrals** to Prevent ..."],
        notes=["Discussed at a Channel panel: no figure was published for 2024/25."],
        sources=[BriefingSource("Individuals referred to ...", "Home Office", "5 Dec 2024", "https://...")],
    ))

A4 portrait, in the app's font (Source Sans Pro, from the PyPI package font-source-sans-pro),
drawn with fpdf2. Charts are the SVGs of present/images.py, placed as vector drawings (fpdf2
turns SVG into PDF paths and text), so they print sharply at any size. Sentences may carry the
app's **bold**; nothing else in the inputs is read as markup.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

FONT = "Source Sans Pro"
FONT_FILES = {"": "SourceSansPro-Regular.ttf", "B": "SourceSansPro-Bold.ttf", "I": "SourceSansPro-It.ttf"}
MARGIN = 15.0  # mm
CHART_WIDTH_PX = 720  # the SVG's width: 180 mm across the page, so 12 px text prints at about 8.5 pt
CHART_HEIGHT_SCALE = 0.7  # the plot a little lower than in the app, so that two charts fit on a page
INK = (34, 34, 34)
MUTED = (85, 85, 85)  # palette.TEXT_MUTED
RULE = (227, 230, 234)  # palette.TRACK
APP_NAME = "Prevent Explorer"
SVG_NS = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class HeadlineFigure:
    label: str
    value: str
    change: str = ""  # e.g. '+27% on 2023/24 (calculated)'
    source: str = ""  # the source's title (or 'No published figure was found.')


@dataclass(frozen=True)
class BriefingChart:
    svg: str  # present/images.chart_svg: the chart with its title, subtitle and source line
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class BriefingSource:
    title: str
    publisher: str = ""
    published: str = ""  # e.g. '5 Dec 2024' ('' when not known)
    url: str = ""


@dataclass(frozen=True)
class Briefing:
    title: str
    date: dt.date
    filters: Sequence[str] = ()
    figures: Sequence[HeadlineFigure] = ()
    charts: Sequence[BriefingChart] = ()
    sentences: Sequence[str] = ()
    notes: Sequence[str] = ()  # what was not published, and other caveats of the view
    sources: Sequence[BriefingSource] = ()
    intro: str = ""
    figures_heading: str = "Headline figures"
    caveats: Sequence[str] = field(
        default=(
            "Published figures only: a figure that was not published is shown as not published, never as 0.",
            "Changes on the year before are calculated by the app from two published figures.",
        )
    )


def number_ranges(numbers: Iterable[int]) -> str:
    """[1, 2, 3, 5, 8, 9] -> '1–3, 5, 8, 9' (the numbers of a chart's sources in the list)."""
    out: list[str] = []
    run: list[int] = []
    for n in [*sorted(set(numbers)), None]:
        if n is not None and run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)))
        run = [n] if n is not None else []
    return ", ".join(out)


def chart_source_line(numbers: Iterable[int], downloaded: dt.date) -> str:
    """The source line of a chart in the briefing: its sources by their numbers in the list."""
    numbers = sorted(set(numbers))
    listed = f"Source: no. {numbers[0]}" if len(numbers) == 1 else f"Sources: nos. {number_ranges(numbers)}"
    sources = f"{listed} in the list at the end · " if numbers else ""
    return f"{sources}{APP_NAME}, downloaded {downloaded.isoformat()}"


def svg_for_pdf(svg: str) -> bytes:
    """vl-convert's SVG, made plain for fpdf2's SVG reader: lines get their default start point
    (x1, y1 = 0, which Vega leaves out) and empty paths (Vega's hidden foreground layers) go."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    for parent in root.iter():
        for child in list(parent):
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "path" and not child.get("d", "").strip():
                parent.remove(child)
            elif tag == "line":
                for attr in ("x1", "y1", "x2", "y2"):
                    child.attrib.setdefault(attr, "0")
    return ET.tostring(root, encoding="utf-8")


def svg_size(svg: str) -> tuple[float, float]:
    """The SVG's width and height in px."""
    root = ET.fromstring(svg)
    return float(root.get("width", "0").removesuffix("px")), float(root.get("height", "0").removesuffix("px"))


def bold_runs(text: str) -> list[tuple[str, bool]]:
    """'a **b** c' -> [('a ', False), ('b', True), (' c', False)]: the app's **bold** and nothing
    else (an unpaired ** is kept as text)."""
    parts = text.split("**")
    if len(parts) % 2 == 0:
        return [(text, False)]
    return [(part, i % 2 == 1) for i, part in enumerate(parts) if part]
