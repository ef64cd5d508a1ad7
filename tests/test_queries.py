"""Every query file runs with default and with non-default parameters; values are always bound."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from prevent_explorer.database import Database
from prevent_explorer.queries import QueryError, get, registry
from tests.test_referral_queries import REFERRAL_QUERY_CASES

INJECTION = "'; DROP TABLE figures; --"
ALL = {"year_from": "2015/16", "year_to": "2024/25"}

# For every query: (default parameters, non-default parameters). A new query without an entry fails
# test_every_query_has_cases.
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "all_figures": (dict(preferred_only=False), dict(preferred_only=True)),
    "all_other_figures": (dict(preferred_only=False), dict(preferred_only=True)),
    "excluded_rows": (dict(limit=100), dict(limit=1)),
    "breakdown": (
        dict(measure="referrals", dimension="ideology", groups=[], roles=[], include_cross_tabs=False, **ALL),
        dict(
            measure="adopted_as_channel_case",
            dimension="ideology",
            groups=["Islamist", "Extreme right-wing"],
            roles=["part", "subtotal"],
            include_cross_tabs=True,
            year_from="2017/18",
            year_to="2019/20",
        ),
    ),
    "categories": (dict(dimensions=[]), dict(dimensions=["sector", "region"])),
    "category_changes": (
        dict(dimensions=[], **ALL),
        dict(dimensions=["ideology"], year_from="2020/21", year_to="2024/25"),
    ),
    "category_groups": (dict(dimension="ideology"), dict(dimension="sector")),
    "group_colours": ({}, {}),
    "coverage_grid": (dict(measures=[]), dict(measures=["adopted_as_channel_case"])),
    "figure_alternatives": (
        dict(year="2018/19", measure="referrals", dimension="total", category="All"),
        dict(year="2015/16", measure="referrals", dimension="ideology", category="Extreme Right Wing"),
    ),
    "figure_conflicts": (
        dict(measures=[], **ALL),
        dict(measures=["adopted_as_channel_case"], year_from="2018/19", year_to="2024/25"),
    ),
    "findings": (dict(reports=[]), dict(reports=["hmicfrs-2020-prevent"])),
    "headline_metrics": (dict(year="2024/25"), dict(year="2018/19")),
    "measure_trend": (
        dict(measures=[], **ALL),
        dict(measures=["left_channel_no_further_concern"], year_from="2016/17", year_to="2018/19"),
    ),
    "other_figures": (dict(topics=[], **ALL), dict(topics=["quarterly"], year_from="2024/25", year_to="2024/25")),
    "progress_snapshots": (dict(reports=[]), dict(reports=["irp-2023"])),
    "recommendation_counts": (
        dict(reports=[], agencies=[], themes=[], statuses=[]),
        dict(reports=["irp-2023"], agencies=["Home Office"], themes=["training"], statuses=["In progress", "Accepted"]),
    ),
    "recommendations": (
        dict(reports=[], agencies=[], themes=[], statuses=[]),
        dict(reports=["hmicfrs-2020-prevent"], agencies=["NPCC"], themes=[], statuses=["Accepted"]),
    ),
    "releases": (dict(**ALL), dict(year_from="2022/23", year_to="2024/25")),
    "reports": ({}, {}),
    "sources": (dict(kinds=[]), dict(kinds=["official", "parliamentary"])),
    "sources_by_id": (
        dict(source_ids=["ho-release-2019-20"]),
        dict(source_ids=["independent-2020-03-09", "pq-114556"]),
    ),
    "years": ({}, {}),
}


CASES.update(REFERRAL_QUERY_CASES)

# Non-default parameters that legitimately select everything (all findings are from one report).
SAME_RESULT = {"findings"}


def test_every_query_has_cases() -> None:
    assert set(CASES) == set(registry()), "add default and non-default parameters for new queries to CASES"


@pytest.mark.parametrize("name", sorted(CASES))
def test_query_runs_with_default_parameters(db: Database, name: str) -> None:
    df = db.query(name, **CASES[name][0])
    assert isinstance(df, pd.DataFrame)
    assert len(df) > 0, f"{name} returned nothing with its default parameters"


@pytest.mark.parametrize("name", sorted(CASES))
def test_query_runs_with_non_default_parameters(db: Database, name: str) -> None:
    default, other = CASES[name]
    df = db.query(name, **other)
    assert len(df) > 0
    if other != default and name not in SAME_RESULT:
        assert not df.equals(db.query(name, **default)), f"{name}: non-default parameters changed nothing"


def test_every_query_documents_itself() -> None:
    for name, query in registry().items():
        assert query.description, f"{name} has no description in its header"
        for param, doc in query.params.items():
            assert doc, f"{name}: parameter {param} is not described"


@pytest.mark.parametrize("name", sorted(CASES))
def test_sql_in_a_parameter_is_only_a_value(db: Database, name: str) -> None:
    params = dict(CASES[name][0])
    for key, value in params.items():
        if isinstance(value, str):
            params[key] = INJECTION
        elif isinstance(value, list):
            params[key] = [INJECTION]
    db.query(name, **params)  # runs; the value matches nothing or is ignored
    (n,) = db.con.execute("SELECT count(*) FROM figures").fetchone()
    assert n > 400, "the figures table must still be there"


def test_filters_narrow_results(db: Database) -> None:
    everything = db.query("recommendations", reports=[], agencies=[], themes=[], statuses=[])
    npcc = db.query("recommendations", reports=[], agencies=["NPCC"], themes=[], statuses=[])
    assert 0 < len(npcc) < len(everything)
    assert all("NPCC" in a for a in npcc["agency"])


def test_multi_agency_recommendation_matches_each_agency(db: Database) -> None:
    ct = db.query("recommendations", reports=[], agencies=["CT Policing"], themes=[], statuses=[])
    assert "AMESS-2025-1" in set(ct["rec_id"])  # addressed to the Home Office and CT Policing


def test_recommendation_counts_agree_with_list(db: Database) -> None:
    counts = db.query("recommendation_counts", reports=[], agencies=["Home Office"], themes=[], statuses=[])
    listed = db.query("recommendations", reports=[], agencies=["Home Office"], themes=[], statuses=[])
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
    recs = db.query("recommendations", reports=["hmicfrs-2020-prevent"], agencies=[], themes=[], statuses=[])
    assert len(recs) == 7  # of the eight; the eighth is not known to the project
    assert {"staff-vulnerability", "performance", "duty-scope"} <= set(recs["theme"])


def test_findings_filter_by_report(db: Database) -> None:
    assert db.query("findings", reports=["irp-2023"]).empty
    assert len(db.query("findings", reports=["hmicfrs-2020-prevent"])) == 12


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
