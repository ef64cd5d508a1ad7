"""The resolver: the exact published figure for a filter combination, or what is published instead.

Table-driven: each case is a filter combination, a measure and a year, with the published figure
expected (or None: not published for exactly that combination) and what the answer offers instead.
"""

from __future__ import annotations

import pandas as pd
import pytest

from prevent_explorer.database import Database
from prevent_explorer.filters import FilterState
from prevent_explorer.resolver import resolve


@pytest.fixture(scope="module")
def cells(db: Database) -> pd.DataFrame:
    measures = ["referrals", "discussed_at_channel", "adopted_as_channel_case"]
    return db.query("published_cells", measures=measures, year_from="2015/16", year_to="2024/25")


def state(**chosen: tuple[str, ...]) -> FilterState:
    return FilterState("2015/16", "2024/25", **chosen)


EXACT = [
    # (case, filters, measure, year, outcome group, expected count, expected source)
    ("no filter: the total", {}, "referrals", "2024/25", None, 8778, "pq-jarvis-nfa"),
    ("one sector", {"agencies": ("Police",)}, "referrals", "2024/25", None, 2631, "particle-2025-11"),
    (
        "one sector, an official release",
        {"agencies": ("Police",)},
        "referrals",
        "2019/20",
        None,
        1950,
        "ho-release-2019-20",
    ),
    ("one type of concern", {"ideologies": ("Islamist",)}, "referrals", "2024/25", None, 870, None),
    (
        "Channel cases by type of concern",
        {"ideologies": ("Extreme right-wing",)},
        "adopted_as_channel_case",
        "2019/20",
        None,
        302,
        None,
    ),
    (
        "a cross-tabulation: region x type of concern",
        {"regions": ("North East",), "ideologies": ("Islamist",)},
        "referrals",
        "2015/16",
        None,
        805,
        None,
    ),
    (
        "the same cross-tab, other orientation",
        {"ideologies": ("Islamist",), "regions": ("North East",)},
        "referrals",
        "2015/16",
        None,
        805,
        None,
    ),
    (
        "a cross-tab of Channel cases",
        {"ideologies": ("Islamist",), "genders": ("Female",)},
        "adopted_as_channel_case",
        "2017/18",
        None,
        33,
        None,
    ),
    ("an outcome category", {}, "referrals", "2024/25", "No further action", 2636, "pq-jarvis-nfa"),
    ("a Channel measure, no filter", {}, "adopted_as_channel_case", "2018/19", None, 556, None),
]

NOT_PUBLISHED = [
    # (case, filters, measure, year, outcome group, reason fragment, one-way figures expected {group: count})
    (
        "sector x Channel cases",
        {"agencies": ("Police",)},
        "adopted_as_channel_case",
        "2024/25",
        None,
        "for this group",
        {},
    ),
    (
        "sector x type of concern",
        {"agencies": ("Police",), "ideologies": ("Islamist",)},
        "referrals",
        "2024/25",
        None,
        "combination",
        {"Police": 2631, "Islamist": 870},
    ),
    (
        "two groups of one dimension",
        {"agencies": ("Education", "Police")},
        "referrals",
        "2024/25",
        None,
        "separately",
        {"Education": 3129, "Police": 2631},
    ),
    (
        "three dimensions",
        {"agencies": ("Police",), "ideologies": ("Islamist",), "regions": ("London",)},
        "referrals",
        "2024/25",
        None,
        "more than two",
        {"Police": 2631},
    ),
    ("a sector not published that year", {"agencies": ("Police",)}, "referrals", "2018/19", None, "for this group", {}),
    ("an outcome by sector", {"agencies": ("Police",)}, "referrals", "2024/25", "No further action", "combination", {}),
]


@pytest.mark.parametrize("case,filters,measure,year,outcome,count,source", EXACT, ids=[c[0] for c in EXACT])
def test_published_combinations_give_the_published_figure(
    cells: pd.DataFrame,
    case: str,
    filters: dict,
    measure: str,
    year: str,
    outcome: str | None,
    count: int,
    source: str | None,
) -> None:
    answer = resolve(cells, state(**filters), measure, year, outcome_group=outcome)
    assert answer.exact is not None, case
    assert answer.exact.count == count, case
    assert answer.why_not is None
    if source:
        assert answer.exact.source_id == source


@pytest.mark.parametrize(
    "case,filters,measure,year,outcome,reason,one_way", NOT_PUBLISHED, ids=[c[0] for c in NOT_PUBLISHED]
)
def test_unpublished_combinations_say_what_is_published_instead(
    cells: pd.DataFrame,
    case: str,
    filters: dict,
    measure: str,
    year: str,
    outcome: str | None,
    reason: str,
    one_way: dict,
) -> None:
    answer = resolve(cells, state(**filters), measure, year, outcome_group=outcome)
    assert answer.exact is None, f"{case}: {answer.exact}"
    assert reason in (answer.why_not or ""), (case, answer.why_not)
    for group, count in one_way.items():
        figure = next(f for (_d, g), f in answer.one_way.items() if g == group)
        assert figure is not None and figure.count == count, (case, group, figure)
    # the total of the measure (or outcome) is always offered when it was published
    assert answer.total is not None and answer.total.value is not None, case


def test_nothing_is_added_up(cells: pd.DataFrame) -> None:
    """Two groups whose figures are both published still give no exact figure (their sum is not published)."""
    answer = resolve(cells, state(agencies=("Education", "Police")), "referrals", "2024/25")
    assert answer.exact is None
    assert {g: f.count for (_d, g), f in answer.one_way.items()} == {"Education": 3129, "Police": 2631}


def test_only_the_fields_a_view_honours_are_asked(cells: pd.DataFrame) -> None:
    s = state(agencies=("Police",), regions=("London",))
    answer = resolve(cells, s, "referrals", "2024/25", fields=("ideologies", "agencies"))
    assert answer.asked == {"sector": ("Police",)}
    assert answer.exact is not None and answer.exact.count == 2631
