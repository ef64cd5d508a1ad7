"""The app's one chart style: fonts and text colours (at least 4.5:1 on white, from palette.py),
titles and subtitles wrapped so that nothing is cut on a phone, legends below the plot, the year
axis, and `finish`, which puts a title, size and the theme on a chart that a builder made.

    finish(chart, chart_title("Referrals (Police)", ["All types of concern: ..."]), height=360)
    retitle(spec, "Referrals (Islamist)", subtitle)   # a built spec with other words on it
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import altair as alt

from prevent_explorer.present.palette import GRID, LABEL_DARK, TEXT, TEXT_MUTED

FONT = "Source Sans Pro, Arial, sans-serif"
# Legends sit below the plot, one entry a line (the plot keeps the width on a phone and in a slide,
# and no label is cut); year labels are slanted so that ten years fit on a phone.
LEGEND = alt.Legend(orient="bottom", direction="vertical", columns=1, labelLimit=0, symbolLimit=40)
YEAR_LABELS = alt.Axis(labelAngle=-45, labelAlign="right", labelOverlap=False)
WIDTH = "container"


TITLE_WIDTH = 36  # characters per line of a chart title (a phone's width at 16 px)
SUBTITLE_WIDTH = 54  # characters per line of a subtitle
CHANGE_NOTE = "▼ categories or recording changed that year (point at it for what changed)"


def wrap_lines(text: str | Sequence[str] | None, width: int) -> list[str]:
    """Text wrapped into lines (Vega-Lite draws a list as lines), so that nothing is cut on a phone."""
    if not text:
        return []
    parts = [text] if isinstance(text, str) else list(text)
    return [line for part in parts for line in textwrap.wrap(part, width, break_on_hyphens=False) or [""]]


def chart_title(text: str, subtitle: str | Sequence[str] | None = None) -> dict[str, Any]:
    """The chart's title and subtitle, wrapped; the subtitle carries the filters the chart leaves out.
    (A plain Vega-Lite title: an alt.Title validates itself against the schema when made.)"""
    title: dict[str, Any] = {"text": wrap_lines(text, TITLE_WIDTH), "anchor": "start", "fontSize": 16}
    if subtitle:
        title |= {"subtitle": wrap_lines(subtitle, SUBTITLE_WIDTH), "subtitleColor": TEXT_MUTED}
    return title


def retitle(spec: dict, title: str, subtitle: str | Sequence[str] | None) -> dict:
    """The spec of a built chart with another title and subtitle (a shallow copy), for specs made
    once without their filters' wording (shell/overview_sections.py). The builder's change note
    stays the subtitle's last line."""
    lines = wrap_lines(subtitle, SUBTITLE_WIDTH)
    note = wrap_lines(CHANGE_NOTE, SUBTITLE_WIDTH)
    if ((spec.get("title") or {}).get("subtitle") or [])[-len(note) :] == note:
        lines += note
    return {**spec, "title": chart_title(title, lines)}


# The app's one chart theme: fonts, and text colours of at least 4.5:1 on white (palette.py).
CONFIG = alt.Config(
    font=FONT,
    axis=alt.AxisConfig(
        labelFont=FONT,
        titleFont=FONT,
        labelFontSize=12,
        titleFontSize=13,
        labelColor=TEXT,
        titleColor=TEXT,
        grid=True,
        gridColor=GRID,
    ),
    legend=alt.LegendConfig(
        labelFont=FONT,
        titleFont=FONT,
        labelFontSize=12,
        labelColor=TEXT,
        titleColor=TEXT,
        orient="bottom",
        columns=1,
        symbolLimit=40,
        labelLimit=0,
    ),
    title=alt.TitleConfig(font=FONT, color=LABEL_DARK, subtitleColor=TEXT_MUTED, subtitleFont=FONT),
    view=alt.ViewConfig(stroke=None),
)


def finish(chart: alt.TopLevelMixin, title: dict[str, Any], height: int = 360) -> alt.TopLevelMixin:
    """The chart (new, made by its builder) with its title, size and the shared configuration. Set
    as attributes: `.properties()` and chained `configure_*` calls validate and copy the whole chart
    each time (a third of a chart's build, profiled)."""
    chart.title = title
    chart.width = WIDTH
    chart.height = height
    chart.config = CONFIG
    # the width fits the page; the height is the plot's own, so that a long legend or title adds to it
    chart.autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
    return chart


def year_axis(title: str = "Reporting year (April to March)", years: Sequence[str] | None = None) -> alt.X:
    """The x axis of years; with `years`, every year of the range has a slot, even an empty one."""
    scale = alt.Scale(domain=list(years)) if years else alt.Undefined
    return alt.X("year:O", title=title, axis=YEAR_LABELS, scale=scale)
