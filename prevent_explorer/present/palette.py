"""The app's one palette: the colour of every category, outcome, measure, status and line, and of
the charts' own ink.

    palette = Palette.from_groups(query("group_colours"))      # categories.csv: dimension, group, colour
    palette.for_labels(["Islamist", "Not published"], "ideology")   # {'Islamist': '#0072B2', 'Not published': '#DDDDDD'}

A published category's colour is its stable group's colour in `data/published/categories.csv`
(Okabe-Ito, safe for colour blindness). What is not a published category (the total, the Channel
stages drawn as lines or bars, the recommendation statuses, gaps) has its colour here, once, and
each concept keeps its colour under every label it is shown with ("Adopted as a Channel case" on
the Overview, "Adopted as Channel case" in the explorer's funnel and outcome trend). Charts take
their colours from here; SQL returns none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from prevent_explorer.present.formatting import REMAINDER

# Okabe-Ito, with the app's own blue for "all referrals" and two greys for gaps.
ALL_REFERRALS = "#0B5CAD"
DISCUSSED = "#E69F00"
ADOPTED = "#D55E00"
LEFT_NO_CONCERN = "#009E73"
NOT_PUBLISHED = "#DDDDDD"
NOT_KNOWN = "#BBBBBB"
OTHER_SERIES = "#555555"  # a measure drawn on its own, with no colour of its own

# The charts' ink (not data colours): every text colour at least 4.5:1 on white (WCAG AA).
TEXT = "#333333"  # axis and legend labels and titles (12.6:1)
TEXT_MUTED = "#555555"  # subtitles, change labels (7.5:1)
GAP_TEXT = "#595959"  # 'not published' written in an empty year (7.0:1)
CHANGE_RULE = "#888888"
GRID = "#EEEEEE"
TRACK = "#E3E6EA"  # the grey "out of" bar behind a progress bar
EMPTY_CELL = "#EEEEEE"
LABEL_DARK = "#222222"
LABEL_LIGHT = "#FFFFFF"
# A sequential scale for grids of counts (coverage, heatmap): from light to dark blue.
SEQUENTIAL = ("#DEEBF7", "#08519C")

# Labels that are not published categories (their colour is not in categories.csv).
SERIES: dict[str, str] = {
    "Referrals": ALL_REFERRALS,
    "Referred": ALL_REFERRALS,
    "Discussed at a Channel panel": DISCUSSED,
    "Discussed at Channel": DISCUSSED,
    "Discussed at Channel, not adopted": DISCUSSED,
    "Adopted as a Channel case": ADOPTED,
    "Adopted as Channel case": ADOPTED,
    "Left Channel with no further concern": LEFT_NO_CONCERN,
    "Not published": NOT_PUBLISHED,
    "Outcome not published": NOT_PUBLISHED,
    "Not known": NOT_KNOWN,
    "Outcome not known": NOT_KNOWN,
    "Not in this dataset": NOT_PUBLISHED,
    "Outcome not in this dataset": NOT_PUBLISHED,
    REMAINDER: NOT_PUBLISHED,
}
# Recommendation statuses and the stages of progress statements (accepted, delivered).
STATUSES: dict[str, str] = {
    "Implemented (government statement)": "#009E73",
    "In progress": "#56B4E9",
    "Accepted": "#0072B2",
    "NPCC commitment (2020)": "#F0E442",
    "Under consideration": "#E69F00",
    "Response pending": "#CC79A7",
    "Not known": NOT_KNOWN,
}
PROGRESS_STAGES: dict[str, str] = {
    "accepted": STATUSES["Accepted"],
    "delivered": STATUSES["Implemented (government statement)"],
}


@dataclass(frozen=True)
class Palette:
    groups: Mapping[str, Mapping[str, str]]  # dimension -> stable group -> colour (categories.csv)

    @classmethod
    def from_groups(cls, df: pd.DataFrame) -> Palette:
        """From rows of (dimension, category_group, colour)."""
        groups: dict[str, dict[str, str]] = {}
        for dim, group, colour in df[["dimension", "category_group", "colour"]].itertuples(index=False):
            groups.setdefault(dim, {})[group] = colour
        return cls(groups)

    def for_dimension(self, dimension: str) -> dict[str, str]:
        """Every stable group of a dimension -> its colour, in display order."""
        return dict(self.groups.get(dimension, {}))

    def colour(self, label: str, dimension: str | None = None) -> str:
        """The colour of a label: its group's colour in `dimension`, else the series colour."""
        if dimension is not None and label in self.groups.get(dimension, {}):
            return self.groups[dimension][label]
        return SERIES.get(label, OTHER_SERIES)

    def for_labels(self, labels: Iterable[str], dimension: str | None = None) -> dict[str, str]:
        """Label -> colour, in the order given (the order of the legend)."""
        return {label: self.colour(label, dimension) for label in dict.fromkeys(labels)}


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """The label colour for text on `background`: white where it has the better contrast, else dark."""
    return LABEL_LIGHT if contrast(LABEL_LIGHT, background) >= contrast(LABEL_DARK, background) else LABEL_DARK


def sequential(value: float, top: float) -> str:
    """The colour of `value` on the SEQUENTIAL scale from 0 to `top` (linear in RGB)."""
    t = 0.0 if top <= 0 else max(0.0, min(1.0, value / top))
    lo, hi = ([int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in SEQUENTIAL)
    return "#" + "".join(f"{round(a + (b - a) * t):02X}" for a, b in zip(lo, hi, strict=True))
