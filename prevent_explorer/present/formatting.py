"""Labels and number formats shared by charts, tables, text and downloads."""

from __future__ import annotations

import math
import re

NOT_PUBLISHED = "not published"
# The rest of a published total that has no count here (published as a share only, or not in this dataset).
REMAINDER = "Rest of the total: no count in this dataset"

MEASURE_LABELS = {
    "referrals": "Referrals",
    "discussed_at_channel": "Discussed at a Channel panel",
    "adopted_as_channel_case": "Adopted as a Channel case",
    "left_channel": "Left Channel",
    "left_channel_no_further_concern": "Left Channel with no further concern",
    "left_channel_with_outstanding_concerns": "Left Channel with concerns outstanding",
    "withdrew_from_channel": "Withdrew from Channel",
    "still_receiving_channel_support": "Still receiving Channel support",
    "dropped_out_of_channel": "Dropped out of Channel",
}
DIMENSION_LABELS = {
    "total": "Total",
    "ideology": "Type of concern (ideology)",
    "sector": "Referring sector (agency)",
    "age_group": "Age group",
    "gender": "Gender",
    "region": "Region",
    "outcome": "Outcome",
}
KIND_LABELS = {
    "official": "Official release or report",
    "parliamentary": "Parliamentary answer or statement",
    "secondary": "Report quoting a release",
}


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))  # NaN / pd.NA
    except TypeError:  # pd.NA comparisons
        return True


def count(value: object) -> str:
    """8778 -> '8,778'; missing -> 'not published'."""
    return NOT_PUBLISHED if is_missing(value) else f"{int(value):,}"


def percent(value: object, decimals: int | None = None) -> str:
    """24.0 -> '24%'; 6.4 -> '6.4%' (as published); missing -> 'not published'."""
    if is_missing(value):
        return NOT_PUBLISHED
    v = float(value)
    if decimals is not None:
        return f"{v:.{decimals}f}%"
    return f"{v:g}%" if v != int(v) else f"{int(v)}%"


def change_between(current: object, previous: object) -> float | None:
    """Percentage change between two published counts (calculated, not published)."""
    if is_missing(current) or is_missing(previous) or float(previous) == 0:
        return None
    return 100.0 * (float(current) - float(previous)) / float(previous)


def measure_label(measure: str) -> str:
    return MEASURE_LABELS.get(measure, measure.replace("_", " ").capitalize())


def dimension_label(dimension: str) -> str:
    return DIMENSION_LABELS.get(dimension, dimension.replace("_", " ").capitalize())


MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """Text from a URL or a file, safe to show inside Markdown (no links, images or HTML)."""
    return MD_SPECIAL.sub(r"\\\1", text)
