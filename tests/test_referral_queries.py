"""The referral queries: every filter bound, totals consistent across queries, the same on your own data.

Their examples and published facts are beside them (queries/referral_*.examples.toml), run by
tests/test_queries.py; here are the checks a table of expected rows would contort.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.files import GOOD_ROWS, csv_bytes
from harness.query_examples import load_examples
from prevent_explorer.database import Database
from prevent_explorer.filters import FilterState
from prevent_explorer.outcomes import OUTCOME_OPTIONS, row_outcomes
from prevent_explorer.queries import registry
from prevent_explorer.referrals.own_file import load_own_file
from prevent_explorer.referrals.schema import ReferralLayer

ALL_FILTERS: dict[str, Any] = FilterState("2015/16", "2024/25").sql_params()
SOME_FILTERS: dict[str, Any] = FilterState(
    "2015/16",
    "2019/20",
    ideologies=("Islamist", "Extreme right-wing"),
    outcomes=("Discussed at a Channel panel",),
    agencies=("Education", "Police"),
    regions=("North East",),
).sql_params()


def without_outcomes(filters: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in filters.items() if k != "outcomes"}


REFERRAL_QUERIES = sorted(n for n in registry() if n.startswith("referral_"))
DIMENSIONS_BY = ["ideology", "sector", "age_group", "gender", "region", "outcome"]


def test_the_examples_send_the_explorers_filters() -> None:
    """The filters of the referral examples are what FilterState.sql_params gives (what the explorer
    sends): 'default' is the unfiltered state (but for referral_unpublished_years, which needs a filter)
    and '...some_filters' is SOME_FILTERS."""
    for name in REFERRAL_QUERIES:
        shape = without_outcomes if name == "referral_funnel" else dict
        for ex in load_examples(name).values():
            filters = {k: v for k, v in ex.params.items() if k != "by"}
            if not filters:
                continue
            options = [c for n in (0, 1, 2) for c in combinations(OUTCOME_OPTIONS, n)]
            chosen = [c for c in options if row_outcomes(c) == filters.get("outcomes", [])]
            assert chosen or name == "referral_funnel", f"{ex.id}: outcomes are not what any outcome option covers"
            state = FilterState(
                **{k: tuple(v) if isinstance(v, list) else v for k, v in filters.items() if k != "outcomes"},
                outcomes=chosen[0] if chosen else (),
            )
            assert filters == shape(state.sql_params()), ex.id
            if ex.name.endswith("some_filters"):
                assert filters == shape(SOME_FILTERS), ex.id
            if ex.is_default and name != "referral_unpublished_years":
                assert filters == shape(ALL_FILTERS), ex.id


def test_a_value_is_only_a_value(db: Database) -> None:
    evil = "'; DROP TABLE referrals; --"
    df = db.query("referral_breakdown", by=evil, **ALL_FILTERS)
    assert df.empty
    df = db.query("referral_trend", **{**ALL_FILTERS, "by": "sector", "ideologies": [evil], "year_from": evil})
    assert df.empty
    assert db.con.execute("SELECT count(*) FROM referrals").fetchone()[0] == 66904


def total(run: Any, filters: dict[str, Any]) -> int:
    return int(run("referral_total", **filters)["referrals"].iloc[0])


def check_consistent(run: Any, filters: dict[str, Any]) -> None:
    """Every query agrees with referral_total for the same filters."""
    n = total(run, filters)
    for by in DIMENSIONS_BY:
        assert int(run("referral_breakdown", by=by, **filters)["referrals"].sum()) == n, by
    assert int(run("referral_heatmap", **filters)["referrals"].sum()) == n
    trend = run("referral_trend", by="ideology", **filters)
    assert int(trend["referrals"].sum()) == n
    if len(trend):
        assert (trend.groupby("year")["referrals"].sum() == trend.groupby("year")["year_total"].first()).all()
    funnel = run("referral_funnel", **without_outcomes(filters)).set_index("stage")["referrals"]
    if not filters["outcomes"]:
        assert funnel["Referred"] == n
    if filters["outcomes"] == row_outcomes(["Discussed at a Channel panel"]):
        assert funnel["Discussed at Channel"] == n
    if filters["outcomes"] == ["Adopted as Channel case"]:
        assert funnel["Adopted as Channel case"] == n


def test_the_outcome_filter_matches_any_selected_stage(db: Database) -> None:
    def t(*outcomes: str) -> int:
        return total(db.query, FilterState("2015/16", "2024/25", outcomes=outcomes).sql_params())

    discussed, adopted = "Discussed at a Channel panel", "Adopted as a Channel case"
    assert t(discussed) == t(discussed, adopted)
    assert t(adopted) < t(discussed)
    assert t("No further action", "Passed to other services") == t("No further action") + t("Passed to other services")
    assert t("Not suitable for Channel") == t("No further action", "Passed to other services")
    funnel = db.query("referral_funnel", **without_outcomes(ALL_FILTERS)).set_index("stage")["referrals"]
    assert funnel["Discussed at Channel"] == t(discussed)
    assert funnel["Outcome not published"] > 0


def test_published_figures_through_the_queries(db: Database) -> None:
    """A published figure that is a sum over the heatmap's cells. The others (805 Islamist referrals in the
    North East in 2015/16, 272 of the extreme right wing under 15 in 2016/17, the 2018/19 funnel) are
    expected rows of the examples of referral_breakdown, referral_total and referral_funnel."""
    year = dict(year_from="2015/16", year_to="2015/16")
    heat = db.query("referral_heatmap", **{**ALL_FILTERS, **year, "regions": ["West Midlands"]})
    assert heat.loc[heat["sector_group"] == "Education", "referrals"].sum() == 378


def test_filter_options(db: Database) -> None:
    df = db.query("referral_filter_options")
    options = {d: list(g["value"]) for d, g in df.groupby("dimension", sort=False)}
    assert options["year"] == sorted(options["year"]) and len(options["year"]) == 10
    assert "outcome" not in options  # the outcome options are outcomes.py's, not the data's
    assert options["ideology"][0] == "Islamist" and options["ideology"][-1] == "Not published"
    assert "Right-wing" not in options["ideology"]  # groups, not labels
    assert set(df.groupby("dimension")["referrals"].sum()) == {66904}


filters = st.fixed_dictionaries(
    {
        "year_from": st.sampled_from(["2015/16", "2017/18", "2020/21"]),
        "year_to": st.sampled_from(["2017/18", "2020/21", "2024/25"]),
        "ideologies": st.lists(
            st.sampled_from(["Islamist", "Extreme right-wing", "Other", "Not published"]), max_size=2
        ),
        "outcomes": st.lists(st.sampled_from([*OUTCOME_OPTIONS]), max_size=2).map(row_outcomes),
        "agencies": st.lists(st.sampled_from(["Education", "Police", "Health", "Not published"]), max_size=2),
        "age_groups": st.lists(st.sampled_from(["Under 15", "15 to 20", "11 to 15", "Not published"]), max_size=2),
        "genders": st.lists(st.sampled_from(["Male", "Female", "Not published"]), max_size=1),
        "regions": st.lists(st.sampled_from(["North East", "London", "Not published"]), max_size=2),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters)
def test_any_filters_give_consistent_totals(db: Database, chosen: dict[str, Any]) -> None:
    check_consistent(db.query, chosen)


@pytest.fixture(scope="module")
def own_layer() -> ReferralLayer:
    rows = [list(r) for r in GOOD_ROWS]
    rows += [
        [f"X{i}", "2021/22", "Islamist", "Police", "Under 15", "Male", "South East", "No further action"]
        for i in range(7)
    ]
    result = load_own_file(csv_bytes(rows), "mine.csv")
    assert result.ok
    return result.layer


@pytest.mark.parametrize("name", REFERRAL_QUERIES)
def test_queries_run_on_your_own_data(own_layer: ReferralLayer, name: str) -> None:
    default, *others = load_examples(name).values()
    df = own_layer.query(name, **default.params)
    assert isinstance(df, pd.DataFrame)
    if name == "referral_unpublished_years":
        assert df.empty  # your own file cannot say 'Not published'
    else:
        assert len(df) > 0
    for other in others:
        own_layer.query(name, **other.params)


def test_own_data_totals_are_consistent(own_layer: ReferralLayer) -> None:
    check_consistent(own_layer.query, ALL_FILTERS)
    check_consistent(own_layer.query, {**ALL_FILTERS, "ideologies": ["Islamist"], "outcomes": ["No further action"]})
    funnel = own_layer.query("referral_funnel", **without_outcomes(ALL_FILTERS)).set_index("stage")["referrals"]
    assert funnel["Outcome not known"] == 1 and funnel["Outcome not published"] == 0


def test_years_whose_breakdown_was_not_published(db: Database) -> None:
    """The synthetic rows of 2021/22 and 2022/23 carry no published type of concern: filtering on one
    leaves those years empty because the breakdown was not published, not because none matched."""
    years = lambda **f: list(db.query("referral_unpublished_years", **{**ALL_FILTERS, **f})["year"])  # noqa: E731
    assert years() == []  # no filter chosen
    assert {"2021/22", "2022/23"} <= set(years(ideologies=["Islamist"]))
    assert "2015/16" not in years(ideologies=["Islamist"])  # 2015/16 published every type of concern
    assert years(ideologies=["Islamist"], year_from="2023/24") == [
        y for y in years(ideologies=["Islamist"]) if y >= "2023/24"
    ]
