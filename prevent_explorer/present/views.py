"""Shape query results for the pages (plain pandas, no Streamlit): tables, shares, labels."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from prevent_explorer.filters import FilterState
from prevent_explorer.outcomes import OUTCOME_LIST
from prevent_explorer.present.formatting import REMAINDER, is_missing, measure_label

# Overview lines: (key, label, outcome group): the total, then every outcome as published
# (a measure of its own, or a group of the referrals' outcome breakdown).
OUTCOME_LINES = (
    ("referrals", "Referrals", None),
    *((o.outcome_group or o.measure, o.label, o.outcome_group) for o in OUTCOME_LIST),
)
DEFAULT_OUTCOMES = tuple(o.label for o in OUTCOME_LIST if o.label != "Not suitable for Channel")  # it overlaps two


def outcome_lines(state: FilterState) -> list[str]:
    """Which Overview lines to draw: referrals (counts only), plus the outcomes chosen (all if none)."""
    total = ["referrals"] if state.value_mode == "counts" else []
    chosen = set(state.outcomes or DEFAULT_OUTCOMES)
    return total + [k for k, label, _g in OUTCOME_LINES if label in chosen]


def outcome_trend(totals: pd.DataFrame, outcomes: pd.DataFrame, lines: Sequence[str]) -> pd.DataFrame:
    """One frame for the Overview trend: totals (referrals, Channel) and outcome groups, by year."""
    frames = []
    cols = ["year", "line", "measure", "dimension", "category", "count", "percent", "percent_of", "source_id"]
    t = totals[totals["measure"].isin(lines)].copy()
    t["line"] = t["measure"].map(measure_label)
    t["dimension"], t["category"] = "total", None
    frames.append(t[[*cols, "percent_source_id"]])
    years = sorted(totals["year"].unique())
    for key, label, group in OUTCOME_LINES:
        if group is None or key not in lines:
            continue
        o = outcomes[outcomes["category_group"] == group]
        o = o.drop_duplicates("year")[["year", "count", "percent", "percent_of", "source_id", "percent_source_id"]]
        o = pd.DataFrame({"year": years}).merge(o, on="year", how="left")
        o["line"], o["measure"], o["dimension"], o["category"] = label, "referrals", "outcome", group
        frames.append(o)
    out = pd.concat(frames, ignore_index=True)
    # A share shown on this chart must be a share of all referrals; others stay in the sources' own tables.
    other_base = out["percent"].notna() & (out["percent_of"] != "all referrals")
    out.loc[other_base, ["percent", "percent_of"]] = [None, None]
    order = [label for key, label, _g in OUTCOME_LINES if key in lines]
    out["line_order"] = out["line"].map(order.index)
    return out.sort_values(["line_order", "year"]).reset_index(drop=True)


def with_remainder(parts: pd.DataFrame, totals: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The parts of a count breakdown, plus for each year whose total is published the rest of the
    total that has no count here (published as a share only, or not in this dataset): a stacked
    bar then always reaches the published total. `totals` has year, measure, count (measure_trend)."""
    tot = totals[(totals["measure"] == measure) & totals["count"].notna()][["year", "count"]]
    counted = parts[parts["count"].notna()].groupby("year")["count"].sum()
    rows = []
    for year, total in zip(tot["year"], tot["count"], strict=True):
        rest = float(total) - float(counted.get(year, 0))
        if rest > 0:
            rows.append(
                {
                    "year": year,
                    "category": REMAINDER,
                    "category_group": REMAINDER,
                    "role": "remainder",
                    "sort_order": 9999,
                    "count": rest,
                    "source_id": "calculated: published total minus the published counts",
                    "values_conflict": False,
                }
            )
    if not rows:
        return parts
    return pd.concat([parts, pd.DataFrame(rows)], ignore_index=True).sort_values(["year", "sort_order"], kind="stable")


# What the shares of a measure's breakdown are shares of, as the sources write it.
SHARE_BASES = {
    "referrals": "all referrals",
    "adopted_as_channel_case": "Channel cases (people adopted or supported)",
    "discussed_at_channel": "referrals discussed at a Channel panel",
}


def with_shares(breakdown: pd.DataFrame, totals: pd.DataFrame, measure: str = "referrals") -> pd.DataFrame:
    """Add `share` and `share_basis`: the published share where there is one (of the measure's
    total, SHARE_BASES), otherwise the count divided by the published total, marked 'calculated
    from published counts'. Shares of any other base are left out (they never share an axis)."""
    df = breakdown.copy()
    tot = totals[totals["measure"] == measure][["year", "count"]].rename(columns={"count": "year_total"})
    df = df.merge(tot, on="year", how="left")
    published = df["percent"].notna() & (df["percent_of"] == SHARE_BASES[measure])
    calc = df["count"].astype("Float64") * 100.0 / df["year_total"].astype("Float64")
    df["share"] = calc.where(~published, df["percent"]).astype("float64")
    df["share_basis"] = "calculated from published counts"
    df.loc[published, "share_basis"] = "published"
    df.loc[df["share"].isna(), "share_basis"] = ""
    parts_in_year = df.groupby(["year", "category_group"])["category"].transform("count")
    df["line_key"] = df["category_group"].where(parts_in_year == 1, df["category_group"] + " / " + df["category"])
    return df


def with_status(df: pd.DataFrame, gap_state: Callable[[pd.Series], str]) -> pd.DataFrame:
    """Add `status`: 'published' where a count is held, 'share only' where only a share is,
    'calculated' for the rest of a total, and the gap's state (`gap_state(row)`) where neither is."""
    out = df.copy()
    statuses = []
    for _i, row in out.iterrows():
        if isinstance(row.get("role"), str) and row["role"] == "remainder":
            statuses.append("calculated")
        elif not is_missing(row.get("count")):
            statuses.append("published")
        elif not is_missing(row.get("percent")):
            statuses.append("share only")
        else:
            statuses.append(gap_state(row))
    out["status"] = statuses
    return out


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
        "status": "Status",
    }
    if not include_sources:
        cols = {k: v for k, v in cols.items() if k not in ("source_id", "percent_source_id")}
    keep = [c for c in cols if c in df.columns]
    return df[keep].rename(columns=cols)


def share_table(df: pd.DataFrame, measure: str = "referrals") -> pd.DataFrame:
    """The table behind a share chart (published or calculated shares of the measure's total)."""
    share = f"Share of {SHARE_BASES[measure]} (%)"
    cols = {
        "year": "Year",
        "category": "Category (as published)",
        "category_group": "Group",
        "count": "Count",
        "share": share,
        "share_basis": "Share basis",
        "status": "Status",
        "source_id": "Source",
        "percent_source_id": "Source of share",
    }
    out = df[[c for c in cols if c in df.columns]].rename(columns=cols)
    out[share] = out[share].round(1)
    return out


def gaps_caption(df: pd.DataFrame, value_col: str) -> str | None:
    """'Gaps in the lines: discussed at a Channel panel: 2022/23 (share only), 2024/25 (not in this
    dataset).' from each row's `status` (see with_status): why no point is drawn there."""
    out = []
    for label, part in df.groupby("line", sort=False):
        missing = part[part[value_col].isna()]
        if missing.empty:
            continue
        reasons = [
            f"{y} ({'count only' if value_col == 'percent' and not is_missing(c) else st})"
            for y, c, st in zip(missing["year"], missing["count"], missing["status"], strict=True)
        ]
        out.append(f"{str(label).lower()}: {', '.join(reasons)}")
    return "Gaps in the lines (no point is drawn): " + "; ".join(out) + "." if out else None
