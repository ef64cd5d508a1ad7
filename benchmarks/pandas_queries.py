"""The Referral explorer's five aggregations written in plain pandas, for comparison with the SQL in
queries/referral_*.sql (same filters, same counts; the SQL also joins sort orders and colours from
the small categories table, which is left out here).

    frame = referral_frame(db)                 # the app's `referrals` table as a DataFrame
    funnel(frame, params)                      # like db.query("referral_funnel", **params)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

COLUMNS = ("year", "ideology", "sector", "age_group", "gender", "region", "outcome", "ideology_group", "sector_group")
LIST_FILTERS = (
    ("ideology_group", "ideologies"),
    ("sector_group", "agencies"),
    ("age_group", "age_groups"),
    ("gender", "genders"),
    ("region", "regions"),
)
DISCUSSED = ("Discussed at Channel, not adopted", "Adopted as Channel case")
BY_COLUMN = {"ideology": "ideology_group", "sector": "sector_group"}


def referral_frame(db: Any, categorical: bool = False) -> pd.DataFrame:
    """The loaded `referrals` table (as DuckDB holds it) in pandas; referral_id is not needed. Text
    columns as pandas 3 makes them by default (Arrow-backed strings): the app sets Python strings for
    its small frames (prevent_explorer/database.py), which would make this baseline slower."""
    cur = db.cursor()
    try:
        table = cur.table("referrals").select(*COLUMNS).to_arrow_table()
    finally:
        cur.close()
    with pd.option_context("mode.string_storage", "pyarrow"):
        frame = table.to_pandas()
    return frame.astype("category") if categorical else frame


def mask(df: pd.DataFrame, p: dict[str, Any], with_outcome: bool = True) -> pd.Series:
    years = [y for y in df["year"].unique() if p["year_from"] <= y <= p["year_to"]]
    m = df["year"].isin(years)
    for column, key in LIST_FILTERS:
        if p.get(key):
            m &= df[column].isin(p[key])
    if with_outcome and p.get("outcomes"):  # the referral-level outcomes the chosen options cover
        m &= df["outcome"].isin(set(p["outcomes"]))
    return m


def total(df: pd.DataFrame, p: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame({"referrals": [int(mask(df, p).sum())]})


def funnel(df: pd.DataFrame, p: dict[str, Any]) -> pd.DataFrame:
    outcome = df.loc[mask(df, p, with_outcome=False), "outcome"]
    counts = outcome.value_counts()
    referred = len(outcome)
    values = [
        referred,
        int(counts.reindex(list(DISCUSSED), fill_value=0).sum()),
        int(counts.get("Adopted as Channel case", 0)),
        int(counts.get("Not published", 0)),
        int(counts.get("Not known", 0)),
    ]
    stages = [
        "Referred",
        "Discussed at Channel",
        "Adopted as Channel case",
        "Outcome not published",
        "Outcome not known",
    ]
    out = pd.DataFrame({"stage": stages, "referrals": values})
    out["percent_of_referred"] = 100.0 * out["referrals"] / referred if referred else None
    return out


def heatmap(df: pd.DataFrame, p: dict[str, Any]) -> pd.DataFrame:
    sub = df.loc[mask(df, p), ["ideology_group", "sector_group"]]
    out = sub.groupby(["ideology_group", "sector_group"], observed=True).size().rename("referrals").reset_index()
    out["percent"] = 100.0 * out["referrals"] / out["referrals"].sum()
    return out


def trend(df: pd.DataFrame, p: dict[str, Any], by: str) -> pd.DataFrame:
    column = BY_COLUMN.get(by, by)
    sub = df.loc[mask(df, p), ["year", column]]
    out = sub.groupby(["year", column], observed=True).size().rename("referrals").reset_index()
    out = out.rename(columns={column: "category"})
    out["year_total"] = out.groupby("year", observed=True)["referrals"].transform("sum")
    out["percent"] = 100.0 * out["referrals"] / out["year_total"]
    return out


def breakdown(df: pd.DataFrame, p: dict[str, Any], by: str) -> pd.DataFrame:
    column = BY_COLUMN.get(by, by)
    counts = df.loc[mask(df, p), column].value_counts()
    out = counts[counts > 0].rename("referrals").rename_axis("category").reset_index()
    out["percent"] = 100.0 * out["referrals"] / out["referrals"].sum()
    return out
