"""Shape query results for the pages (plain pandas, no Streamlit): tables, shares, labels."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from prevent_explorer.filters import FilterState
from prevent_explorer.present.formatting import change_between, count, is_missing, measure_label, percent

# Overview lines: (key, label, measure or outcome group)
OUTCOME_LINES = (
    ("referrals", "Referrals", None),
    ("No further action", "No further action", "No further action"),
    ("Passed to other services", "Passed to other services", "Passed to other services"),
    ("discussed_at_channel", "Discussed at a Channel panel", None),
    ("adopted_as_channel_case", "Adopted as a Channel case", None),
)
OUTCOME_FILTER_TO_LINES = {
    "No further action": {"No further action"},
    "Passed to other services": {"Passed to other services"},
    "Discussed at Channel": {"discussed_at_channel"},
    "Adopted as Channel case": {"adopted_as_channel_case"},
}


def outcome_lines(state: FilterState) -> list[str]:
    """Which Overview lines to draw: referrals (counts only), plus the outcomes chosen (all if none)."""
    total = ["referrals"] if state.value_mode == "counts" else []
    if not state.outcomes:
        return total + [k for k, _l, _g in OUTCOME_LINES if k != "referrals"]
    chosen = set().union(*(OUTCOME_FILTER_TO_LINES[o] for o in state.outcomes))
    return total + [k for k, _l, _g in OUTCOME_LINES if k in chosen]


def outcome_trend(totals: pd.DataFrame, outcomes: pd.DataFrame, lines: Sequence[str]) -> pd.DataFrame:
    """One frame for the Overview trend: totals (referrals, Channel) and outcome groups, by year."""
    frames = []
    t = totals[totals["measure"].isin(lines)].copy()
    t["line"] = t["measure"].map(measure_label)
    frames.append(t[["year", "line", "count", "percent", "percent_of", "source_id", "percent_source_id"]])
    years = sorted(totals["year"].unique())
    for key, label, group in OUTCOME_LINES:
        if group is None or key not in lines:
            continue
        o = outcomes[(outcomes["category_group"] == group) & (outcomes["role"] == "part")]
        o = o.drop_duplicates("year")[["year", "count", "percent", "percent_of", "source_id", "percent_source_id"]]
        o = pd.DataFrame({"year": years}).merge(o, on="year", how="left")
        o["line"] = label
        frames.append(o)
    out = pd.concat(frames, ignore_index=True)
    # A share shown on this chart must be a share of all referrals; others stay in the sources' own tables.
    other_base = out["percent"].notna() & (out["percent_of"] != "all referrals")
    out.loc[other_base, ["percent", "percent_of"]] = [None, None]
    order = [label for key, label, _g in OUTCOME_LINES if key in lines]
    out["line_order"] = out["line"].map(order.index)
    return out.sort_values(["line_order", "year"]).reset_index(drop=True)


def with_shares(breakdown: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Add `share` and `share_basis`: the published share where there is one (of all referrals),
    otherwise the count divided by the published total, marked 'calculated from published counts'."""
    df = breakdown.copy()
    tot = totals[totals["measure"] == "referrals"][["year", "count"]].rename(columns={"count": "year_total"})
    df = df.merge(tot, on="year", how="left")
    published = df["percent"].notna() & (df["percent_of"] == "all referrals")
    calc = df["count"].astype("Float64") * 100.0 / df["year_total"].astype("Float64")
    df["share"] = calc.where(~published, df["percent"]).astype("float64")
    df["share_basis"] = "calculated from published counts"
    df.loc[published, "share_basis"] = "published"
    df.loc[df["share"].isna(), "share_basis"] = ""
    parts_in_year = df.groupby(["year", "category_group"])["category"].transform("count")
    df["line_key"] = df["category_group"].where(parts_in_year == 1, df["category_group"] + " / " + df["category"])
    return df


def breakdown_table(df: pd.DataFrame, include_sources: bool = True) -> pd.DataFrame:
    cols = {
        "year": "Year",
        "category": "Category (as published)",
        "category_group": "Group",
        "role": "Role",
        "count": "Count",
        "percent": "Share (%)",
        "percent_of": "Share of",
        "source_id": "Source",
        "percent_source_id": "Source of share",
        "quality": "Quality",
        "values_conflict": "Sources disagree",
    }
    if not include_sources:
        cols = {k: v for k, v in cols.items() if k not in ("source_id", "percent_source_id")}
    keep = [c for c in cols if c in df.columns]
    return df[keep].rename(columns=cols)


def share_table(df: pd.DataFrame) -> pd.DataFrame:
    """The table behind a share chart (published or calculated shares of all referrals)."""
    cols = {
        "year": "Year",
        "category": "Category (as published)",
        "category_group": "Group",
        "count": "Count",
        "share": "Share of all referrals (%)",
        "share_basis": "Share basis",
        "source_id": "Source",
        "percent_source_id": "Source of share",
    }
    out = df[list(cols)].rename(columns=cols)
    out["Share of all referrals (%)"] = out["Share of all referrals (%)"].round(1)
    return out


def missing_years(df: pd.DataFrame, label_col: str, value_col: str) -> dict[str, list[str]]:
    """For each line, the years with no value (for 'not published' captions)."""
    out: dict[str, list[str]] = {}
    for label, part in df.groupby(label_col, sort=False):
        gaps = [y for y, v in zip(part["year"], part[value_col], strict=True) if is_missing(v)]
        if gaps:
            out[str(label)] = gaps
    return out


def gaps_caption(gaps: dict[str, list[str]]) -> str | None:
    if not gaps:
        return None
    return (
        "Not published (gaps in the lines): " + "; ".join(f"{k.lower()}: {', '.join(v)}" for k, v in gaps.items()) + "."
    )


HEADLINE_LABELS = {
    "referrals": "Referrals",
    "discussed_at_channel": "Discussed at a Channel panel",
    "adopted_as_channel_case": "Adopted as a Channel case",
}


def headline_cards(headline: pd.DataFrame) -> list[dict[str, str | None]]:
    """Label, value, change on the year before (calculated) and help text for each headline metric."""
    cards = []
    for row in headline.itertuples():
        if not is_missing(row.count):
            shown = count(row.count)
        elif not is_missing(row.percent):
            shown = f"{percent(row.percent)} of referrals"
        else:
            shown = "Not published"
        change = change_between(row.count, row.previous_count)
        delta = None if change is None else f"{change:+.0f}% on {row.previous_year}"
        source = row.source_id if isinstance(row.source_id, str) else "none (not published)"
        cards.append(
            {
                "label": HEADLINE_LABELS[row.measure],
                "value": shown,
                "delta": delta,
                "help": f"Source: {source}. The change on the year before is calculated by the app from the two published figures.",
            }
        )
    return cards
