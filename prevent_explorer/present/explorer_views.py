"""Shape referral-level query results for the Referral explorer (plain pandas, no Streamlit).

Every function takes the layer's suppression threshold: None for the synthetic demo (every count
shown), a number for a user's own file (small counts shown as '<5' and cells that would reveal
them withheld; see prevent_explorer.referrals.suppression).
"""

from __future__ import annotations

import pandas as pd

from prevent_explorer.filters import FilterState
from prevent_explorer.present.formatting import count
from prevent_explorer.referrals.suppression import WITHHELD, suppress_counts, suppress_funnel
from prevent_explorer.resolver import resolve

TREND_DIMENSIONS = ("ideology", "sector", "age_group", "gender", "region", "outcome")
# The synthetic demo writes 'Not published' where a year's breakdown is not in the published
# figures it was made from; on screen and in downloads that gap says what it is (present/gaps.py).
SHOWN_AS = {"Not published": "Not in this dataset", "Outcome not published": "Outcome not in this dataset"}
LABEL_COLUMNS = ("stage", "category", "ideology_group", "sector_group")


def _shown(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in LABEL_COLUMNS:
        if col in out:
            out[col] = out[col].replace(SHOWN_AS)
    return out


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["display"] = out["referrals"].map(lambda v: f"{int(v):,}")
    out["suppressed"] = False
    out["is_total"] = False
    return out


def funnel(df: pd.DataFrame, threshold: int | None) -> pd.DataFrame:
    """Stages in order; the 'not published'/'not known' rows only when they hold referrals."""
    if threshold:
        return _shown(suppress_funnel(df, threshold=threshold))
    keep = ~df["stage"].isin(["Outcome not published", "Outcome not known"]) | (df["referrals"] > 0)
    return _shown(_plain(df[keep].reset_index(drop=True)))


def heatmap(df: pd.DataFrame, threshold: int | None) -> pd.DataFrame:
    """Ideology group x sector group cells, plus row, column and grand totals (is_total)."""
    if threshold:
        return suppress_counts(
            df,
            dims=["ideology_group", "sector_group"],
            margins=[(), ("ideology_group",), ("sector_group",)],
            derived=["percent"],
            percent_of=(),
            threshold=threshold,
        ).pipe(_shown)
    return _shown(_plain(df))


def trend(df: pd.DataFrame, threshold: int | None) -> pd.DataFrame:
    """Year x category counts with each year's total as a margin (shares are of the year's total)."""
    if threshold:
        return suppress_counts(
            df,
            dims=["year", "category"],
            margins=[("year",)],
            derived=["percent", "year_total"],
            percent_of=("year",),
            threshold=threshold,
        ).pipe(_shown)
    return _shown(_plain(df))


def breakdown(df: pd.DataFrame, threshold: int | None) -> pd.DataFrame:
    if threshold:
        return suppress_counts(
            df, dims=["category"], margins=[()], derived=["percent"], percent_of=(), threshold=threshold
        ).pipe(_shown)
    return _shown(_plain(df))


def for_stacked_chart(df: pd.DataFrame, layer_label: str) -> pd.DataFrame:
    """The trend in the columns the stacked bar chart expects (cells only, never totals)."""
    cells = df[~df["is_total"]].copy()
    return cells.assign(
        category_group=cells["category"],
        count=cells["referrals"],
        percent_of="matching referrals that year",
        source_id=layer_label,
    )


def table(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The table shown and downloaded, tidy: counts as whole numbers and shares as numbers; a count
    that is not shown (fewer than the threshold, or withheld so that it cannot be worked out from the
    totals) is an empty cell whose Status says why."""
    out = df.copy()
    hidden = out["suppressed"].astype(bool) if "suppressed" in out else pd.Series(False, index=out.index)
    out["referrals"] = out["referrals"].where(~hidden).astype("Float64").round().astype("Int64")
    if "percent" in out:
        out["percent"] = out["percent"].where(~hidden).astype("Float64").round(1)
    keep = [c for c in columns if c in out.columns]
    result = out[keep].rename(columns=columns)
    if hidden.any():
        result["Status"] = [
            "shown" if not h else ("withheld" if d == WITHHELD else f"fewer than {d[1:]}")
            for h, d in zip(hidden, out["display"], strict=True)
        ]
    return result


def categories_in_order(df: pd.DataFrame) -> list[str]:
    """The categories of a referral query, in their sort order (the order of a legend)."""
    return list(_shown(df).drop_duplicates("category").sort_values(["sort_order", "category"])["category"])


FUNNEL_MEASURES = (
    ("Referrals", "referrals"),
    ("Discussed at a Channel panel", "discussed_at_channel"),
    ("Adopted as a Channel case", "adopted_as_channel_case"),
)


def published_alongside(cells: pd.DataFrame, state: FilterState, sources: dict[str, str]) -> list[str]:
    """For a single year: the published figures for exactly the state's filters (all but outcome),
    so that a stakeholder sees which of the explorer's numbers are real. `sources`: id -> title."""
    if state.year_from != state.year_to:
        return []
    out = []
    for label, measure in FUNNEL_MEASURES:
        exact = resolve(cells, state, measure, state.year_from).exact
        if exact is not None and exact.count is not None:
            out.append(f"{label}: **{count(exact.count)}** ({sources.get(exact.source_id or '', exact.source_id)})")
    return out
