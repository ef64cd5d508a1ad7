"""The filter state round-trips through the URL; junk in a link never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prevent_explorer.filters import (
    MULTI_FILTERS,
    FilterOptions,
    FilterState,
    describe,
    parse_page_param,
    parse_query_params,
    slug,
    to_query_params,
)

YEARS = ("2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25")
OPTIONS = FilterOptions(
    years=YEARS,
    groups={
        "ideology": ("Islamist", "Extreme right-wing", "Mixed, unclear or unstable", "Other"),
        "sector": ("Education", "Police", "Local authority"),
        "age_group": ("Under 15", "15 to 20", "Under 18"),
        "gender": ("Male", "Female"),
        "region": ("London", "North East"),
    },
)


def test_defaults_have_an_empty_url() -> None:
    assert to_query_params(FilterState.default(OPTIONS), OPTIONS) == {}


def test_round_trip_of_a_full_state() -> None:
    state = FilterState(
        year_from="2017/18",
        year_to="2019/20",
        ideologies=("Islamist", "Extreme right-wing"),
        outcomes=("Discussed at a Channel panel",),
        agencies=("Police",),
        age_groups=("Under 18",),
        genders=("Female",),
        regions=("North East",),
        value_mode="percent",
    )
    params = to_query_params(state, OPTIONS)
    assert params["ideology"] == ["islamist", "extreme-right-wing"]
    assert params["from"] == "2017-18"
    parsed, notices = parse_query_params(params, OPTIONS)
    assert parsed == state and notices == []


def test_values_keep_option_order_and_drop_duplicates() -> None:
    state, notices = parse_query_params({"ideology": ["extreme-right-wing", "islamist", "islamist"]}, OPTIONS)
    assert state.ideologies == ("Islamist", "Extreme right-wing") and notices == []


def test_swapped_years_are_fixed_with_a_notice() -> None:
    state, notices = parse_query_params({"from": "2022-23", "to": "2016-17"}, OPTIONS)
    assert (state.year_from, state.year_to) == ("2016/17", "2022/23")
    assert any("swapped" in n for n in notices)


@pytest.mark.parametrize(
    "params,fragment",
    [
        ({"from": "2018/19"}, "not a year"),
        ({"ideology": "<script>alert(1)</script>"}, "not one of the options"),
        ({"show": "pie"}, "counts or percent"),
        ({"to": ["2018-19", "2019-20"]}, "only the first value"),
        ({"nonsense": "1"}, "unknown link setting"),
        ({"region": "x" * 5000}, "…"),
    ],
)
def test_bad_values_become_notices(params: dict, fragment: str) -> None:
    _state, notices = parse_query_params(params, OPTIONS)
    assert any(fragment in n for n in notices), notices
    assert all(len(n) < 400 for n in notices)


def test_describe_names_the_active_filters() -> None:
    state = FilterState(year_from="2018/19", year_to="2018/19", ideologies=("Islamist",))
    assert describe(state) == "2018/19 · Type of concern: Islamist"


def test_page_param_parsing() -> None:
    assert parse_page_param("region", "p_by", ["total", "region"], multi=False) == ("region", [])
    value, notices = parse_page_param(["x", "region"], "p_by", ["total", "region"], multi=False)
    assert value == "region" and notices
    assert parse_page_param(None, "p_by", ["a"], multi=True) == (None, [])


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=12), st.one_of(st.text(max_size=60), st.lists(st.text(max_size=30), max_size=4)), max_size=6
    )
)
def test_any_url_parses_to_a_valid_state(params: dict) -> None:
    state, _notices = parse_query_params(params, OPTIONS)
    assert state.year_from in YEARS and state.year_to in YEARS and state.year_from <= state.year_to
    for field, _key, _label, _dim in MULTI_FILTERS:
        assert set(state.selected(field)) <= set(OPTIONS.options_for(field))
    again, again_notices = parse_query_params(to_query_params(state, OPTIONS), OPTIONS)
    assert again == state and again_notices == []


def test_slug() -> None:
    assert slug("Mixed, unclear or unstable") == "mixed-unclear-or-unstable"
    assert slug("2018/19") == "2018-19"


def test_outcome_options_are_the_published_outcomes_and_old_links_still_work() -> None:
    options = FilterOptions(years=("2018/19", "2019/20"), groups={})
    assert options.outcomes == (
        "No further action",
        "Passed to other services",
        "Not suitable for Channel",
        "Discussed at a Channel panel",
        "Adopted as a Channel case",
    )
    state, notices = parse_query_params({"outcome": ["adopted-as-channel-case", "discussed-at-channel"]}, options)
    assert notices == []
    assert state.outcomes == ("Discussed at a Channel panel", "Adopted as a Channel case")
    assert to_query_params(state, options) == {"outcome": ["discussed-at-a-channel-panel", "adopted-as-a-channel-case"]}
    # each option is the referral-level outcomes it covers
    assert state.sql_params()["outcomes"] == ["Discussed at Channel, not adopted", "Adopted as Channel case"]
    not_suitable = FilterState("2018/19", "2019/20", outcomes=("Not suitable for Channel",)).sql_params()
    assert not_suitable["outcomes"] == ["No further action", "Passed to other services"]
