"""Chart images for slides and documents: a chart's Vega-Lite spec (as the app builds it, data
inline in `datasets`) drawn on the server by vl-convert (no browser), as PNG or SVG.

    source = source_line(["Home Office, Individuals referred to ... April 2023 to March 2024"], today)
    png = chart_png(spec, source)            # 1920 px wide
    svg = chart_svg(spec, source, width=720)

The image is the chart as the app draws it (its title and subtitle, its "not published" marks,
the palette's colours, the app's font), at a fixed width (the app's `width: "container"` has no
meaning off the page), with a source line drawn under it:

    Source: Home Office, Individuals referred to and supported through the Prevent Programme, April
    2023 to March 2024 · Prevent Explorer, downloaded 2026-11-28

How the source line is drawn: the spec is compiled to Vega, everything the chart draws (its
marks, axes, legends and scales) is moved into one group mark, and the source line is that
group's title, at the bottom (`orient: "bottom"`), aligned with the chart's own title. The
chart's title stays on top; `autosize: fit-x` makes the whole image exactly `width` pixels wide
and lets it grow in height for the source line. The app's spec is not changed.

Fonts: the app's charts ask for "Source Sans Pro, Arial, sans-serif". vl-convert sees only the
fonts it is given (and its own Liberation Sans), so Source Sans Pro (OFL, from the PyPI package
font-source-sans-pro) is registered with it: text is measured and drawn in the app's font. An SVG
keeps the font names; a viewer without Source Sans Pro uses Arial.
"""

from __future__ import annotations

import copy
import datetime as dt
import textwrap
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import font_source_sans_pro
import vl_convert

from prevent_explorer.present.chart_style import FONT  # the app's: 'Source Sans Pro, Arial, sans-serif'
from prevent_explorer.present.palette import TEXT_MUTED

WIDTH = 960  # px: the whole image (1920 px in a PNG at the default 2x)
PNG_SCALE = 2
FONT_DIR = Path(font_source_sans_pro.font_directory)
PADDING = 12
SOURCE_FONT_SIZE = 11
SOURCE_LINE_HEIGHT = 14
CHARS_PER_PX = 1 / 5.0  # Source Sans Pro at 11 px: under 5 px a character on average
MAX_SOURCE_LINES = 6
APP_NAME = "Prevent Explorer"

# Vega's top level keeps what sizes the view and what every part reads (signals, data); the rest
# is what the chart draws, moved into the group that carries the source line.
_TOP_LEVEL = {"$schema", "description", "autosize", "background", "padding", "width", "height", "title"}
_TOP_LEVEL |= {"data", "signals", "config", "usermeta", "eventConfig", "locale"}

_fonts_lock = threading.Lock()
_fonts_registered = False


def _register_fonts() -> None:
    """Give vl-convert the app's font, once per process."""
    global _fonts_registered
    with _fonts_lock:
        if not _fonts_registered:
            vl_convert.register_font_directory(str(FONT_DIR))
            _fonts_registered = True


def source_line(
    sources: Sequence[str], downloaded: dt.date, width: int = WIDTH, max_lines: int = MAX_SOURCE_LINES
) -> str:
    """'Source: A; B · Prevent Explorer, downloaded 2026-11-28' (`sources`: one label each, e.g.
    'Home Office, Individuals referred to ...'). Past `max_lines` lines (at `width`) the last
    sources are counted, not named: the app lists every source with the chart."""
    sources = list(dict.fromkeys(s for s in sources if s))
    tail = f" · {APP_NAME}, downloaded {downloaded.isoformat()}"
    if not sources:
        return f"{APP_NAME}, downloaded {downloaded.isoformat()}"
    named = list(sources)
    while True:
        more = len(sources) - len(named)
        rest = f"; and {more} other source{'s' if more > 1 else ''} listed with this chart in the app" if more else ""
        text = ("Sources: " if len(sources) > 1 else "Source: ") + "; ".join(named) + rest + tail
        if len(source_lines(text, width)) <= max_lines or len(named) <= 1:
            return text
        named.pop()


def _chars_per_line(width: int) -> int:
    return max(40, int((width - 2 * PADDING) * CHARS_PER_PX))


def source_lines(text: str, width: int = WIDTH) -> list[str]:
    """The source line wrapped to the image's width."""
    return textwrap.wrap(text, _chars_per_line(width), break_on_hyphens=False) or [""]


def image_vega(spec: dict[str, Any], source: str, width: int = WIDTH, height: int | None = None) -> dict[str, Any]:
    """The Vega spec of the image: the chart at `width` px, with `source` drawn under it."""
    chart = copy.deepcopy(spec)
    chart["width"] = width
    if height is not None:
        chart["height"] = height
    chart["autosize"] = {"type": "fit-x", "contains": "padding"}
    chart["padding"] = PADDING
    chart["background"] = "white"
    config = chart.setdefault("config", {})
    config.setdefault("font", FONT)  # the title, subtitle and text marks; axes and legends set theirs
    vega = vl_convert.vegalite_to_vega(chart)

    update = {"width": {"signal": "width"}, "height": {"signal": "height"}}
    update.update(vega.get("encode", {}).get("update", {}))
    group: dict[str, Any] = {"type": "group", "name": "chart_with_source", "encode": {"update": update}}
    if "style" in vega:
        group["style"] = vega.pop("style")
    vega.pop("encode", None)
    for key in [k for k in vega if k not in _TOP_LEVEL]:
        group[key] = vega.pop(key)
    group["title"] = {
        "text": source_lines(source, width),
        "orient": "bottom",
        "anchor": "start",
        "frame": "bounds",
        "offset": 14,
        "font": FONT,
        "fontSize": SOURCE_FONT_SIZE,
        "fontWeight": "normal",
        "lineHeight": SOURCE_LINE_HEIGHT,
        "color": TEXT_MUTED,
    }
    vega["marks"] = [group]
    return vega


def chart_svg(spec: dict[str, Any], source: str, width: int = WIDTH, height: int | None = None) -> str:
    """The chart as SVG (text as text, in the app's font names), with `source` (see `source_line`)
    under it; `height`: the plot's height in px, if not the chart's own."""
    _register_fonts()
    return vl_convert.vega_to_svg(image_vega(spec, source, width, height))


def chart_png(
    spec: dict[str, Any], source: str, width: int = WIDTH, height: int | None = None, scale: int = PNG_SCALE
) -> bytes:
    """The chart as PNG, `scale` times its size in pixels (and marked as 72 × `scale` pixels per
    inch, so that a slide program places it at its intended size)."""
    _register_fonts()
    return vl_convert.vega_to_png(image_vega(spec, source, width, height), ppi=72 * scale)
