"""Every query runs with every example beside it (queries/<name>.examples.toml); values are always bound.

The examples file of a query, read with tomllib (harness/query_examples.py), holds named examples:

    [default]                          # required: the query's usual call
    params = { year = "2024/25" }      # exactly the query's declared parameters ({} for none)
    expect_rows = [{ measure = "referrals", count = 8778 }]

    [seed_article_year]                # any other name: another call, with other parameters
    params = { year = "2018/19" }
    expect_rows = [{ measure = "discussed_at_channel", count = 1328 }]

Every example must return rows, and a query with parameters needs an example besides the default
whose result differs from the default's. Expectations, all optional:

    expect_rows = [{ col = value }, ...]   for each table, some row has those column values
    expect_all_rows = { col = value }      every row has those column values
    expect_row_count = n                   exactly n rows
    expect_sum = { col = total }           the column adds up to total
    expect_empty = true                    no rows (instead of some)
    same_as_default = true                 the default's result (instead of a different one)

A value matches an equal value of the same kind (numbers numerically: 23 matches 23.0); `nan` matches
a missing value (NULL). Assertions a table would contort (two queries compared, text containing a
phrase, dated snapshots in order) are ordinary tests: below and in the other test modules.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from harness.query_examples import Example, ExamplesError, examples_files, load_examples
from prevent_explorer.database import Database
from prevent_explorer.queries import QueryError, get, registry

INJECTION = "'; DROP TABLE figures; --"
QUERIES = sorted(registry())


def _examples(name: str) -> list[Example]:
    """The examples of a query for parametrizing; a missing or malformed file fails its own test below."""
    try:
        return list(load_examples(name).values()) if name in examples_files() else []
    except ExamplesError:
        return []


EXAMPLES = [ex for name in QUERIES for ex in _examples(name)]


def test_every_query_has_examples_and_every_examples_file_a_query() -> None:
    files, queries = set(examples_files()), set(registry())
    assert not queries - files, f"add queries/<name>.examples.toml for {sorted(queries - files)}"
    assert not files - queries, f"examples files without a query: {sorted(files - queries)}"


@pytest.mark.parametrize("name", QUERIES)
def test_examples_declare_exactly_the_parameters(name: str) -> None:
    examples, declared = load_examples(name), set(get(name).params)
    for ex in examples.values():
        assert set(ex.params) == declared, f"{ex.id}: parameters {sorted(ex.params)}, declared {sorted(declared)}"
    params = [ex.params for ex in examples.values()]
    assert all(params.count(p) == 1 for p in params), f"{name}: two examples with the same parameters"
    if declared:
        assert len(examples) >= 2, f"{name}: add an example with non-default parameters"


def _missing(value: Any) -> bool:
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def matches(value: Any, expected: Any) -> bool:
    """`value` (from a DataFrame) matches `expected` (from TOML); nan matches a missing value."""
    if isinstance(expected, float) and math.isnan(expected):
        return _missing(value)
    if _missing(value):
        return False
    if isinstance(expected, bool):
        return isinstance(value, (bool, np.bool_)) and bool(value) == expected
    if isinstance(expected, (int, float)):
        number = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))
        return number and value == expected
    if isinstance(expected, str):
        return isinstance(value, str) and value == expected
    return bool(value == expected)


def check_expectations(ex: Example, df: pd.DataFrame) -> None:
    named = {*ex.expect_all_rows, *ex.expect_sum, *(c for row in ex.expect_rows for c in row)}
    assert named <= set(df.columns), f"{ex.id}: no columns {sorted(named - set(df.columns))}"
    if ex.expect_empty:
        assert df.empty, f"{ex.id}: expected no rows, got {len(df)}"
    else:
        assert len(df) > 0, f"{ex.id} returned nothing"
    if ex.expect_row_count is not None:
        assert len(df) == ex.expect_row_count, f"{ex.id}: {len(df)} rows, expected {ex.expect_row_count}"
    records = df.to_dict("records")
    for pattern in ex.expect_rows:
        found = any(all(matches(r[c], v) for c, v in pattern.items()) for r in records)
        assert found, f"{ex.id}: no row {pattern}; got\n{df[list(pattern)].to_string()}"
    for r in records:
        got = {c: r[c] for c in ex.expect_all_rows}
        assert all(matches(r[c], v) for c, v in ex.expect_all_rows.items()), f"{ex.id}: row {got}"
    for column, total in ex.expect_sum.items():
        assert matches(df[column].sum(), total), f"{ex.id}: {column} adds up to {df[column].sum()}, not {total}"


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda ex: ex.id)
def test_example(db: Database, ex: Example) -> None:
    df = db.query(ex.query, **ex.params)
    assert isinstance(df, pd.DataFrame)
    check_expectations(ex, df)
    if not ex.is_default:
        default = db.query(ex.query, **load_examples(ex.query)["default"].params)
        if ex.same_as_default:
            assert df.equals(default), f"{ex.id}: expected the default's result"
        else:
            assert not df.equals(default), f"{ex.id}: non-default parameters changed nothing"


@pytest.mark.parametrize(
    "pattern,row,ok",
    [
        ({"count": 5737}, {"count": 5737.0}, True),
        ({"count": 5737}, {"count": "5737"}, False),
        ({"count": float("nan")}, {"count": pd.NA}, True),
        ({"count": float("nan")}, {"count": 0}, False),
        ({"year": float("nan")}, {"year": None}, True),
        ({"count": 0}, {"count": None}, False),
        ({"is_preferred": True}, {"is_preferred": np.True_}, True),
        ({"is_preferred": True}, {"is_preferred": 1}, False),
        ({"count": 1}, {"count": True}, False),
    ],
)
def test_how_an_expected_value_matches(pattern: dict[str, Any], row: dict[str, Any], ok: bool) -> None:
    ex = Example("q", "x", {}, expect_rows=[pattern])
    df = pd.DataFrame([row])
    if ok:
        check_expectations(ex, df)
    else:
        with pytest.raises(AssertionError, match="no row"):
            check_expectations(ex, df)


def test_every_query_documents_itself() -> None:
    for name, query in registry().items():
        assert query.description, f"{name} has no description in its header"
        for param, doc in query.params.items():
            assert doc, f"{name}: parameter {param} is not described"


def test_every_list_parameter_is_cast() -> None:
    for ex in EXAMPLES:
        for param, value in ex.params.items():
            if isinstance(value, list):
                assert f"${param}::VARCHAR[]" in get(ex.query).sql, f"{ex.query}: cast ${param}::VARCHAR[]"


@pytest.mark.parametrize("name", QUERIES)
def test_sql_in_a_parameter_is_only_a_value(db: Database, name: str) -> None:
    params = dict(load_examples(name)["default"].params)
    for key, value in params.items():
        if isinstance(value, str):
            params[key] = INJECTION
        elif isinstance(value, list):
            params[key] = [INJECTION]
    db.query(name, **params)  # runs; the value matches nothing or is ignored
    (n,) = db.con.execute("SELECT count(*) FROM figures").fetchone()
    assert n > 400, "the figures table must still be there"


def test_filters_narrow_results(db: Database) -> None:
    everything = db.query("recommendations", reports=[], agencies=[], sectors=[], themes=[], statuses=[])
    npcc = db.query("recommendations", reports=[], agencies=["NPCC"], sectors=[], themes=[], statuses=[])
    assert 0 < len(npcc) < len(everything)
    assert all("NPCC" in a for a in npcc["agency"])


def test_recommendation_counts_agree_with_list(db: Database) -> None:
    counts = db.query("recommendation_counts", reports=[], agencies=["Home Office"], sectors=[], themes=[], statuses=[])
    listed = db.query("recommendations", reports=[], agencies=["Home Office"], sectors=[], themes=[], statuses=[])
    assert counts["recommendations"].sum() == len(listed)


def test_progress_snapshots_hold_the_published_counts(db: Database) -> None:
    df = db.query("progress_snapshots", reports=["irp-2023"])
    rec = df[(df.unit == "recommendations") & (df.stage == "delivered")]
    dated = rec.dropna(subset=["as_of"])
    assert [(str(d.as_of)[:7], d.done, d.total) for d in dated.itertuples()] == [
        ("2023-09", 10, 34),
        ("2024-02", 30, 34),
    ]


def test_hmicfrs_inspection_has_the_seed_article_findings(db: Database) -> None:
    df = db.query("findings", reports=["hmicfrs-2020-prevent"])
    text = " ".join(df["finding"]).lower()
    for phrase in (
        "only one force",
        "only two forces",
        "vetting",
        "performance management framework",
        "ministry of defence police",
    ):
        assert phrase in text
    # its rows (5 reported, 2 possibly findings, of 8) and their themes: queries/recommendations.examples.toml
    # [hmicfrs_2020] and the coverage in queries/reports.examples.toml


def test_runner_rejects_missing_and_unknown_parameters(db: Database) -> None:
    with pytest.raises(QueryError, match="missing parameters"):
        db.query("breakdown", measure="referrals")
    with pytest.raises(QueryError, match="unknown parameters"):
        db.query("years", nonsense=1)
    with pytest.raises(QueryError, match="no query named"):
        db.query("drop_everything")


def test_runner_rejects_non_plain_values(db: Database) -> None:
    with pytest.raises(QueryError):
        db.query("sources_by_id", source_ids=[{"a": 1}])


def test_query_header_parameters_match_placeholders() -> None:
    for query in registry().values():
        for param in query.params:
            assert f"${param}" in query.sql
    assert get("breakdown").params["groups"].startswith("list")


def test_count_and_share_conflicts_are_the_flagged_ones(db: Database) -> None:
    """figure_conflicts.sql finds a preferred count and share that disagree by the same rule as the
    curation (tools/curate/figures.py share_disagreement), which sets values_conflict on them."""
    found = db.query("figure_conflicts", measures=[], year_from="2015/16", year_to="2099/00")
    by_share = found[found["conflict"].str.contains("count and share disagree")]
    keys = set(by_share[["year", "measure", "dimension", "category"]].itertuples(index=False, name=None))
    flagged = set(
        db.con.execute(
            """SELECT year, measure, dimension, category FROM figures GROUP BY ALL
               HAVING bool_or(values_conflict) AND count(DISTINCT count) <= 1 AND count(DISTINCT percent) <= 1"""
        ).fetchall()
    )
    assert keys == flagged
    assert ("2022/23", "adopted_as_channel_case", "total", "All") in keys
    reason = by_share.loc[by_share["is_preferred"], "preference_reason"]
    assert reason.str.contains("disagree beyond rounding").all()


@pytest.mark.parametrize("measure", ["referrals", "discussed_at_channel", "adopted_as_channel_case"])
def test_every_year_and_breakdown_of_a_headline_measure_has_a_state(db: Database, measure: str) -> None:
    """availability.sql: published, or a gap with its state and evidence; 'not in this dataset' names a release."""
    df = db.query("availability", measure=measure, dimensions=[], year_from="2015/16", year_to="2099/00")
    breakdowns = df[df["scope"] == "breakdown"]
    years = list(db.query("years")["year"])
    for dimension in ("total", "ideology", "sector", "age_group", "gender", "region", "outcome"):
        assert sorted(breakdowns.loc[breakdowns["dimension"] == dimension, "year"]) == years, dimension
    assert breakdowns["state"].notna().all(), breakdowns[breakdowns["state"].isna()]
    gaps = df[df["state"] != "published"]
    assert gaps["evidence"].notna().all()
    missing = gaps[(gaps["state"] == "not in this dataset") & gaps["release_title"].isna()]
    assert missing.empty, missing
