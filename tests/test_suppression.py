"""Small-number suppression: nothing below the threshold is shown, and nothing withheld can be worked out."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.files import csv_bytes
from prevent_explorer.referrals.own_file import load_own_file
from prevent_explorer.referrals.suppression import TOTAL_LABEL, WITHHELD, protect, suppress_counts, suppress_funnel

THRESHOLD = 5


def determined(equations: list[dict[int, int]], unknown: set[int]) -> set[int]:
    """Unknowns fixed by the equations (each: sum coef * value = known constant), by exact
    elimination over the rationals: x is determined iff the reduced rows contain the unit row of x."""
    cols = sorted(unknown)
    rows = [[Fraction(eq.get(c, 0)) for c in cols] for eq in equations]
    rows = [r for r in rows if any(r)]
    pivot_row = 0
    pivots: list[int] = []
    for col in range(len(cols)):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [v / lead for v in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivots.append(col)
        pivot_row += 1
    out = set()
    for r, col in enumerate(pivots):
        if all(v == 0 for i, v in enumerate(rows[r]) if i != col):
            out.add(cols[col])
    return out


def check_table(shown: pd.DataFrame, dims: list[str], count: str = "referrals") -> None:
    """No displayed count below the threshold; no withheld entry recoverable from the displayed ones."""
    displayed = shown.loc[~shown["suppressed"], count]
    assert (displayed.astype(int) >= THRESHOLD).all()
    assert set(shown.loc[shown["suppressed"], "display"]) <= {f"<{THRESHOLD}", WITHHELD}
    cells = shown.loc[~shown["is_total"]].reset_index()
    totals = shown.loc[shown["is_total"]].reset_index()
    entry = {i: k for k, i in enumerate(shown.index)}
    equations = []
    for _, t in totals.iterrows():
        kept = [d for d in dims if t[d] != TOTAL_LABEL]
        members = cells[(cells[kept] == t[kept]).all(axis=1)] if kept else cells
        eq = {entry[t["index"]]: 1}
        for m in members["index"]:
            eq[entry[m]] = -1
        equations.append(eq)
    # move known (displayed) entries to the right-hand side: keep only coefficients of unknowns
    unknown = {entry[i] for i in shown.index[shown["suppressed"]]}
    reduced = [{k: v for k, v in eq.items() if k in unknown} for eq in equations]
    assert not determined(reduced, unknown) & unknown


def test_determined_helper() -> None:
    assert determined([{0: 1, 1: -1}], {0, 1}) == set()
    assert determined([{0: 1}], {0, 1}) == {0}
    assert determined([{0: 1, 1: 1}, {0: 1, 1: -1}], {0, 1}) == {0, 1}


def test_a_small_cell_and_its_neighbour_are_withheld() -> None:
    df = pd.DataFrame({"category": ["A", "B", "C"], "referrals": [3, 40, 50], "percent": [3.2, 43.0, 53.8]})
    shown = suppress_counts(df, ["category"], margins=[()], derived=["percent"], percent_of=())
    assert shown["display"].tolist() == ["<5", "[c]", "50", "93"]
    assert shown["suppression"].tolist() == ["primary", "secondary", "", ""]
    assert shown["referrals"].isna().tolist() == [True, True, False, False]
    assert shown["percent"].isna().tolist() == [True, True, False, True]
    check_table(shown, ["category"])


def test_nothing_small_nothing_withheld() -> None:
    df = pd.DataFrame({"category": ["A", "B"], "referrals": [30, 40]})
    shown = suppress_counts(df, ["category"])
    assert not shown["suppressed"].any()
    assert shown["display"].tolist() == ["30", "40", "70"]


def test_a_small_total_is_shown_as_small() -> None:
    df = pd.DataFrame({"category": ["A"], "referrals": [2]})
    shown = suppress_counts(df, ["category"])
    assert shown["display"].tolist() == ["<5", "<5"]


def test_withheld_percent_denominator_blanks_the_shares() -> None:
    df = pd.DataFrame(
        {
            "year": ["a", "a", "b", "b"],
            "category": ["x", "y", "x", "y"],
            "referrals": [2, 3, 40, 50],
            "percent": [40.0, 60, 44, 56],
        }
    )
    shown = suppress_counts(df, ["year", "category"], margins=[("year",)], derived=["percent"], percent_of=("year",))
    year_a = shown[(shown["year"] == "a") & ~shown["is_total"]]
    assert year_a["percent"].isna().all()
    check_table(shown, ["year", "category"])


def test_funnel_protects_discussed_but_not_adopted() -> None:
    funnel = pd.DataFrame(
        {
            "stage_order": [1, 2, 3, 4, 5],
            "stage": [
                "Referred",
                "Discussed at Channel",
                "Adopted as Channel case",
                "Outcome not published",
                "Outcome not known",
            ],
            "referrals": [120, 12, 9, 0, 0],
            "percent_of_referred": [100.0, 10.0, 7.5, 0.0, 0.0],
        }
    )
    shown = suppress_funnel(funnel).set_index("stage")
    assert list(shown.index) == ["Referred", "Discussed at Channel", "Adopted as Channel case"]
    # 12 - 9 = 3 discussed but not adopted: one of the two must be withheld
    assert shown.loc["Discussed at Channel", "suppressed"] or shown.loc["Adopted as Channel case", "suppressed"]


def test_protect_handles_hidden_small_cells() -> None:
    # cells a=9 (shown), b=3 (hidden); total a+b shown: a must be withheld, else b = total - a
    assert protect([9, 3], [[0, 1]], THRESHOLD, cell_shown=[True, False]) == ["secondary", "", ""]


tables = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.tuples(
            st.just(rows),
            st.just(cols),
            st.lists(st.one_of(st.integers(0, 6), st.integers(5, 200)), min_size=rows * cols, max_size=rows * cols),
            st.sampled_from([[()], [(), ("r",)], [(), ("r",), ("c",)], [("r",)], [("c",), ("r",)]]),
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(table=tables)
def test_property_random_tables(table: tuple[int, int, list[int], list[tuple[str, ...]]]) -> None:
    rows, cols, values, margins = table
    keys = list(itertools.product([f"r{i}" for i in range(rows)], [f"c{j}" for j in range(cols)]))
    df = pd.DataFrame({"r": [k[0] for k in keys], "c": [k[1] for k in keys], "referrals": values})
    df = df[df["referrals"] > 0]  # a query returns only the combinations that occur
    if df.empty:
        return
    shown = suppress_counts(df, ["r", "c"], margins=margins)
    check_table(shown, ["r", "c"])


VALUES = {
    "ideology": ["Islamist", "Extreme right-wing", "Other", ""],
    "sector": ["Education", "Police", "Health"],
    "age_group": ["Under 15", "15 to 20", ""],
    "gender": ["Male", "Female"],
    "region": ["North East", "London"],
    "outcome": [
        "No further action",
        "Passed to other services",
        "Discussed at Channel, not adopted",
        "Adopted as Channel case",
        "",
    ],
}
row = st.tuples(st.sampled_from(["2019/20", "2020/21", "2021/22"]), *(st.sampled_from(v) for v in VALUES.values()))
FILTERS = st.fixed_dictionaries(
    {
        "year_from": st.sampled_from(["2015/16", "2020/21"]),
        "year_to": st.sampled_from(["2020/21", "2024/25"]),
        "ideologies": st.lists(st.sampled_from(["Islamist", "Extreme right-wing", "Not known"]), max_size=2),
        "outcomes": st.lists(
            st.sampled_from(["No further action", "Discussed at Channel", "Adopted as Channel case"]), max_size=2
        ),
        "agencies": st.lists(st.sampled_from(["Education", "Police"]), max_size=1),
        "age_groups": st.just([]),
        "genders": st.lists(st.sampled_from(["Male", "Female"]), max_size=1),
        "regions": st.just([]),
    }
)


@settings(max_examples=30, deadline=None)
@given(records=st.lists(row, min_size=1, max_size=120), chosen=FILTERS)
def test_property_random_files_and_filters(records: list[tuple[str, ...]], chosen: dict[str, Any]) -> None:
    rows = [[f"R{i}", *r] for i, r in enumerate(records)]
    result = load_own_file(csv_bytes(rows), "random.csv")
    assert result.ok, [str(i) for i in result.issues]
    layer = result.layer
    try:
        breakdown = layer.query("referral_breakdown", by="sector", **chosen)
        if len(breakdown):
            shown = suppress_counts(breakdown, ["category"], margins=[()], derived=["percent"], percent_of=())
            check_table(shown, ["category"])
        heat = layer.query("referral_heatmap", **chosen)
        if len(heat):
            dims = ["ideology_group", "sector_group"]
            shown = suppress_counts(
                heat, dims, margins=[(), ("ideology_group",), ("sector_group",)], derived=["percent"], percent_of=()
            )
            check_table(shown, dims)
        trend = layer.query("referral_trend", by="outcome", **chosen)
        if len(trend):
            shown = suppress_counts(
                trend,
                ["year", "category"],
                margins=[("year",)],
                derived=["percent", "year_total"],
                percent_of=("year",),
            )
            check_table(shown, ["year", "category"])
            assert shown.loc[shown["suppressed"], ["percent", "year_total"]].isna().all().all()
        funnel_input = layer.query("referral_funnel", **{k: v for k, v in chosen.items() if k != "outcomes"})
        funnel = suppress_funnel(funnel_input)
        assert (funnel.loc[~funnel["suppressed"], "referrals"].astype(int) >= THRESHOLD).all()
        check_funnel(funnel_input, funnel)
    finally:
        layer.close()


def check_funnel(raw: pd.DataFrame, shown: pd.DataFrame) -> None:
    """Rebuild the funnel's equations from its stages and check withheld and hidden small outcomes."""
    value = dict(zip(raw["stage"], raw["referrals"].astype(int), strict=True))
    optional = [s for s in ("Outcome not published", "Outcome not known") if value[s] > 0]
    # unknown entries: 0 adopted, 1 discussed-not-adopted, 2.. optional, then rest, then Referred, Discussed
    n = 2 + len(optional) + 1
    cells = [value["Adopted as Channel case"], value["Discussed at Channel"] - value["Adopted as Channel case"]]
    cells += [value[s] for s in optional]
    cells.append(value["Referred"] - value["Discussed at Channel"] - sum(value[s] for s in optional))
    stage_entry = {
        "Adopted as Channel case": 0,
        **{s: 2 + i for i, s in enumerate(optional)},
        "Referred": n,
        "Discussed at Channel": n + 1,
    }
    withheld = {stage_entry[s] for s in shown.loc[shown["suppressed"], "stage"]}
    unknown = withheld | {1, n - 1}
    equations = [{n: 1, **{k: -1 for k in range(n)}}, {n + 1: 1, 0: -1, 1: -1}]
    reduced = [{k: v for k, v in eq.items() if k in unknown} for eq in equations]
    found = determined(reduced, unknown)
    sensitive = withheld | {k for k in (1, n - 1) if cells[k] < THRESHOLD}
    assert not found & sensitive


def test_the_checker_catches_a_recoverable_cell() -> None:
    df = pd.DataFrame({"category": ["A", "B"], "referrals": [3, 40]})
    shown = suppress_counts(df, ["category"], threshold=1)  # nothing suppressed at threshold 1
    shown.loc[0, ["suppressed", "display"]] = [True, "<5"]  # primary only: 3 = 43 - 40
    try:
        check_table(shown, ["category"])
    except AssertionError:
        return
    raise AssertionError("check_table missed a cell recoverable by subtraction")
