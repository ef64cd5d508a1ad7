"""Downloads of exactly the table shown: a tidy CSV, and a ZIP of that CSV with its notes.

    csv_bytes(table)                       # header row first, numbers as numbers: pandas.read_csv reads it as is
    zip_bytes(table, Notes(title, ...))    # data.csv + notes.md: the view, its filters, notes and sources

A tidy CSV has one row per figure and nothing above the header; a gap is an empty cell and the
row's `Status` column says what it is ("not in this dataset", "not published", ...). What a
spreadsheet needs to read the numbers honestly (the filters, what the view leaves out, the sources
with their addresses) travels in notes.md beside it. Text cells that a spreadsheet would run as a
formula (starting with =, +, -, @, tab or carriage return) are prefixed with an apostrophe.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV: the header row first, numbers as numbers, gaps as empty cells."""
    buf = io.StringIO()
    neutralise_frame(df).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str


@dataclass(frozen=True)
class Notes:
    title: str  # the view, e.g. a chart's title
    filters: str  # the filters it applies
    notes: Sequence[str] = ()  # what it leaves out, caveats
    sources: Sequence[Source] = ()
    columns: dict[str, str] = field(default_factory=dict)  # column -> meaning (optional)


STATUS_MEANINGS = {
    "published": "the figure as published (its source is in the Source column)",
    "not in this dataset": "published, or probably published, in tables the project does not hold",
    "not published": "a source says it was not published, or the category did not exist that year",
    "not collected": "the measure did not exist that year",
    "share only": "published as a share; no count is held",
    "calculated": "calculated by the app from published figures (said in the row)",
}


def notes_markdown(notes: Notes, day: dt.date | None = None) -> str:
    """notes.md: what the table is, its filters and notes, what its status values mean, its sources."""
    day = day or dt.date.today()
    lines = [
        f"# Prevent Explorer: {notes.title}",
        "",
        f"Downloaded {day.isoformat()}.",
        "",
        "## Filters",
        "",
        notes.filters,
    ]
    if notes.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes.notes]
    if notes.columns:
        lines += ["", "## Columns", ""] + [f"- `{c}`: {m}" for c, m in notes.columns.items()]
    lines += ["", "## Status values", ""] + [f"- {s}: {m}" for s, m in STATUS_MEANINGS.items()]
    if notes.sources:
        lines += ["", "## Sources", ""]
        lines += [f"- {s.title} ({s.publisher}){': ' + s.url if s.url else ''}" for s in notes.sources]
    return "\n".join(str(neutralise(line)) for line in lines) + "\n"


def zip_bytes(df: pd.DataFrame, notes: Notes, day: dt.date | None = None) -> bytes:
    """A ZIP of data.csv (the tidy table) and notes.md."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.csv", csv_bytes(df))
        z.writestr("notes.md", notes_markdown(notes, day))
    return buf.getvalue()
