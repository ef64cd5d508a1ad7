"""CSV downloads: exactly the rows shown, with a header naming the view, filters and sources.

Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

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


def header_lines(title: str, filters: str, sources: Sequence[str] = (), notes: Sequence[str] = ()) -> list[str]:
    lines = [f"Prevent Explorer: {title}", f"Filters: {filters}"]
    lines += [f"Note: {n}" for n in notes]
    if sources:
        lines.append("Sources: " + "; ".join(sources))
    lines.append(f"Downloaded: {dt.date.today().isoformat()}")
    return lines


def csv_bytes(df: pd.DataFrame, lines: Sequence[str]) -> bytes:
    """The table as UTF-8 CSV, preceded by '# ' comment lines."""
    buf = io.StringIO()
    for line in lines:
        buf.write("# " + str(neutralise(line)).replace("\n", " ") + "\n")
    neutralise_frame(df).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")
