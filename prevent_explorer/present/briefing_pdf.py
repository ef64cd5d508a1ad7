"""Draw a briefing (present/briefing.py) as an A4 PDF with fpdf2, in the app's font (Source Sans
Pro, from the PyPI package font-source-sans-pro). Charts are SVGs placed as vector drawings."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from prevent_explorer.present.briefing import (
    APP_NAME,
    FONT,
    FONT_FILES,
    INK,
    MARGIN,
    MUTED,
    RULE,
    Briefing,
    BriefingChart,
    BriefingSource,
    HeadlineFigure,
    bold_runs,
    svg_for_pdf,
    svg_size,
)
from prevent_explorer.present.images import FONT_DIR


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
