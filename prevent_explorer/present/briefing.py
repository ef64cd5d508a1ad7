"""A short PDF briefing of a page's view, from plain inputs (no Streamlit).

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
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from prevent_explorer.present.images import FONT_DIR

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


class _Document(FPDF):
    def __init__(self, title: str, date: dt.date) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.briefing_title = title
        self.briefing_date = date
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, str(Path(FONT_DIR) / name))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 4)
        self.set_title(title)
        self.set_author(APP_NAME)
        self.set_creator(APP_NAME)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-MARGIN)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        text = f"{APP_NAME} · {self.briefing_title} · {self.briefing_date:%d %B %Y}".replace(" 0", " ")
        self.cell(0, 4, text, align="L")
        self.set_x(MARGIN)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*INK)

    @property
    def width(self) -> float:
        """Between the margins (the left one moves in for a bullet's text)."""
        return self.w - self.l_margin - self.r_margin

    def heading(self, text: str, room: float = 20) -> None:
        """A section heading, kept with at least `room` mm of what follows."""
        if self.get_y() + 8 + room > self.page_break_trigger:
            self.add_page()
        self.ln(3)
        self.set_font(FONT, "B", 13)
        self.multi_cell(self.width, 6.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y() + 0.5, self.w - MARGIN, self.get_y() + 0.5)
        self.ln(2.5)

    def paragraph(self, text: str, size: float = 10.5, style: str = "", colour=INK, rich: bool = False) -> None:
        """A paragraph across the page; `rich`: the text's **bold** is bold."""
        self.set_text_color(*colour)
        if rich:
            for run, bold in bold_runs(text):
                self.set_font(FONT, "B" if bold else style, size)
                self.write(size * 0.48, run)
            self.ln(size * 0.48)
        else:
            self.set_font(FONT, style, size)
            self.multi_cell(self.width, size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def bullets(self, items: Sequence[str], size: float = 10.5, rich: bool = False, colour=INK) -> None:
        for item in items:
            if self.get_y() + size * 0.5 > self.page_break_trigger:
                self.add_page()
            self.set_font(FONT, "", size)
            self.set_text_color(*colour)
            y = self.get_y()
            self.cell(5, size * 0.48, "•")
            self.set_left_margin(MARGIN + 5)
            self.set_xy(MARGIN + 5, y)
            self.paragraph(item, size=size, colour=colour, rich=rich)
            self.set_left_margin(MARGIN)
            self.set_x(MARGIN)
            self.ln(1)


def _header(pdf: _Document, b: Briefing) -> None:
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*MUTED)
    made = f"{b.date:%d %B %Y}".lstrip("0")
    pdf.cell(pdf.width, 5, f"{APP_NAME} · briefing made on {made}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "B", 20)
    pdf.multi_cell(pdf.width, 9, b.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    if b.intro:
        pdf.paragraph(b.intro, rich=True)
    for caveat in b.caveats:
        pdf.paragraph(caveat, size=9, style="I", colour=MUTED)


def _figures(pdf: _Document, figures: Sequence[HeadlineFigure], heading: str) -> None:
    if not figures:
        return
    pdf.heading(heading, room=30)
    per_row = min(len(figures), 4)
    gap = 4.0
    box_w = (pdf.width - gap * (per_row - 1)) / per_row
    for start in range(0, len(figures), per_row):
        row = figures[start : start + per_row]
        top = pdf.get_y()
        if top + 34 > pdf.page_break_trigger:
            pdf.add_page()
            top = pdf.get_y()
        bottoms = []
        for i, fig in enumerate(row):
            x = MARGIN + i * (box_w + gap)
            pdf.set_xy(x + 3, top + 3)
            pdf.set_font(FONT, "", 9.5)
            pdf.multi_cell(box_w - 6, 4.4, fig.label, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "B", 18)
            pdf.multi_cell(box_w - 6, 8, fig.value, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_text_color(*MUTED)
            if fig.change:
                pdf.set_font(FONT, "", 8.5)
                pdf.multi_cell(box_w - 6, 3.8, fig.change, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            if fig.source:
                pdf.set_font(FONT, "I", 8)
                pdf.multi_cell(box_w - 6, 3.6, fig.source, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_text_color(*INK)
            bottoms.append(pdf.get_y() + 3)
        bottom = max(bottoms)
        pdf.set_draw_color(*RULE)
        for i in range(len(row)):  # a frame round each figure, as tall as the tallest
            pdf.rect(MARGIN + i * (box_w + gap), top, box_w, bottom - top, style="D")
        pdf.set_y(bottom + 2)


def _charts(pdf: _Document, charts: Sequence[BriefingChart]) -> None:
    """Each chart across the page (smaller if it would not leave room for a second one), never
    split; a chart may shrink a little to fit the rest of a page."""
    most = (pdf.page_break_trigger - pdf.t_margin) / 2 - 12
    for chart in charts:
        w_px, h_px = svg_size(chart.svg)
        if not w_px or not h_px:
            continue
        h = min(pdf.width * h_px / w_px, most)
        notes = 4.2 * len(chart.notes) + 5
        room = pdf.page_break_trigger - pdf.get_y() - notes - 2
        if room < 0.85 * h:
            pdf.add_page()
        else:
            h = min(h, room)
        w = h * w_px / h_px
        top = pdf.get_y() + 2
        pdf.image(io.BytesIO(svg_for_pdf(chart.svg)), x=MARGIN + (pdf.width - w) / 2, y=top, w=w, h=h)
        pdf.set_y(top + h + 1)
        for note in chart.notes:
            pdf.paragraph(note, size=8.5, style="I", colour=MUTED)
        pdf.ln(4)


def _sources(pdf: _Document, sources: Sequence[BriefingSource]) -> None:
    """Numbered (the charts' source lines give these numbers), each with its address as a link."""
    if not sources:
        return
    pdf.heading("Sources", room=15)
    for i, source in enumerate(sources, start=1):
        if pdf.get_y() + 8 > pdf.page_break_trigger:
            pdf.add_page()
        who = ", ".join(p for p in (source.publisher, source.published) if p)
        y = pdf.get_y()
        pdf.set_font(FONT, "", 8)
        pdf.cell(7, 3.6, f"{i}.")
        pdf.set_left_margin(MARGIN + 7)
        pdf.set_xy(MARGIN + 7, y)
        pdf.write(3.6, source.title + (f" ({who})" if who else "") + (". " if source.url else ""))
        if source.url:
            pdf.set_font(FONT, "", 7.5)
            pdf.set_text_color(11, 92, 173)  # palette.ALL_REFERRALS, the app's blue
            pdf.write(3.6, source.url, link=source.url)
            pdf.set_text_color(*INK)
        pdf.ln(3.6)
        pdf.set_left_margin(MARGIN)
        pdf.set_x(MARGIN)
        pdf.ln(0.8)


def briefing_pdf(b: Briefing) -> bytes:
    """The briefing as PDF bytes: title and date, the filters, the headline figures, the sentences,
    what was not published, the charts (vector) and the sources with their addresses."""
    pdf = _Document(b.title, b.date)
    pdf.add_page()
    _header(pdf, b)
    if b.filters:
        pdf.heading("What this view shows", room=12)
        pdf.bullets(b.filters, size=9.5)
    _figures(pdf, b.figures, b.figures_heading)
    if b.sentences:
        pdf.heading("In brief", room=15)
        pdf.bullets(b.sentences, rich=True)
    if b.notes:
        pdf.heading("What was not published, and other notes", room=12)
        pdf.bullets(b.notes, size=9.5)
    if b.charts:
        pdf.ln(3)
        _charts(pdf, b.charts)
    _sources(pdf, b.sources)
    return bytes(pdf.output())
