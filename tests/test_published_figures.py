"""The query layer returns the published figures: the seed article's 2018/19 figures and every year's totals."""

from __future__ import annotations

import pandas as pd
import pytest

from prevent_explorer.database import Database

ALL_YEARS = ("2015/16", "2024/25")

# Total referrals by year, as published (2018/19: restated in the 2019/20 release).
TOTAL_REFERRALS = {
    "2015/16": 7631,
    "2016/17": 6093,
    "2017/18": 7318,
    "2018/19": 5737,
    "2019/20": 6287,
    "2020/21": 4915,
    "2021/22": 6406,
    "2022/23": 6817,
    "2023/24": 6922,
    "2024/25": 8778,
}
# Referrals discussed at a Channel panel / adopted as a Channel case ("received Channel support"
# before 2018/19). None: no reliable count was published.
DISCUSSED = {
    "2015/16": 1072,
    "2016/17": None,
    "2017/18": 1314,
    "2018/19": 1328,
    "2019/20": 1424,
    "2020/21": 1333,
    "2021/22": 1486,
    "2022/23": None,
    "2023/24": 893,
    "2024/25": None,
}
ADOPTED = {
    "2015/16": 381,
    "2016/17": 332,
    "2017/18": 394,
    "2018/19": 556,
    "2019/20": 697,
    "2020/21": 688,
    "2021/22": 804,
    "2022/23": 654,
    "2023/24": 512,
    "2024/25": 1464,
}


def trend(db: Database, measure: str) -> dict[str, object]:
    df = db.query("measure_trend", measures=[measure], year_from=ALL_YEARS[0], year_to=ALL_YEARS[1])
    return {row.year: row for row in df.itertuples()}


@pytest.mark.parametrize("year,expected", TOTAL_REFERRALS.items())
def test_total_referrals_every_year(db: Database, year: str, expected: int) -> None:
    assert trend(db, "referrals")[year].count == expected


@pytest.mark.parametrize(
    "measure,expected", [("discussed_at_channel", DISCUSSED), ("adopted_as_channel_case", ADOPTED)]
)
def test_channel_totals_every_year(db: Database, measure: str, expected: dict[str, int | None]) -> None:
    rows = trend(db, measure)
    got = {year: (None if pd.isna(rows[year].count) else int(rows[year].count)) for year in expected}
    assert got == expected


def test_seed_article_total_preferred_and_first_published(db: Database) -> None:
    df = db.query("figure_alternatives", year="2018/19", measure="referrals", dimension="total", category="All")
    preferred = df[df.is_preferred]
    assert preferred["count"].tolist() == [5737]
    assert preferred["kind"].tolist() == ["official"]
    alternatives = df[~df.is_preferred]
    assert 5738 in alternatives["count"].tolist()
    assert set(df["count"].dropna().astype(int)) == {5737, 5738}


def test_seed_article_ideology_shares(db: Database) -> None:
    df = db.query(
        "breakdown",
        measure="referrals",
        dimension="ideology",
        year_from="2018/19",
        year_to="2018/19",
        groups=[],
        roles=["part"],
        include_cross_tabs=False,
    )
    shares = dict(zip(df["category_group"], df["percent"], strict=True))
    assert shares == {
        "Islamist": 24,
        "Extreme right-wing": 24,
        "Mixed, unclear or unstable": 38,
        "Other": 14,
    }
    assert set(df["percent_of"]) == {"all referrals"}
    # the seed article is the source of the 'Other' share (no other source gives it)
    assert df.loc[df.category_group == "Other", "percent_source_id"].item() == "independent-2020-03-09"


def test_seed_article_channel_share_2018_19(db: Database) -> None:
    row = trend(db, "discussed_at_channel")["2018/19"]
    assert (row.count, row.percent, row.percent_source_id) == (1328, 23, "independent-2020-03-09")


def test_headline_metrics_change_on_previous_year(db: Database) -> None:
    df = db.query("headline_metrics", year="2024/25").set_index("measure")
    assert df.loc["referrals", "count"] == 8778
    assert df.loc["referrals", "previous_count"] == 6922
    assert df.loc["referrals", "previous_year"] == "2023/24"
    assert df.loc["adopted_as_channel_case", "count"] == 1464
    assert pd.isna(df.loc["discussed_at_channel", "count"])  # not published


def test_first_year_has_no_previous(db: Database) -> None:
    df = db.query("headline_metrics", year="2015/16")
    assert df["previous_year"].isna().all()
    assert df.set_index("measure").loc["referrals", "count"] == 7631


def test_every_figure_has_exactly_one_preferred_value(db: Database) -> None:
    (bad,) = db.con.execute(
        "SELECT count(*) FROM (SELECT year, measure, dimension, category FROM figures GROUP BY ALL HAVING sum(is_preferred::INT) <> 1)"
    ).fetchone()
    assert bad == 0


def test_every_figure_row_cites_a_known_source(db: Database) -> None:
    (orphans,) = db.con.execute(
        "SELECT count(*) FROM figures WHERE source_id NOT IN (SELECT source_id FROM sources)"
    ).fetchone()
    assert orphans == 0


def test_2024_25_type_of_concern_table_adds_up(db: Database) -> None:
    """Table 6 of the 2024/25 release (as reproduced): the twelve parts add up to the total."""
    df = db.query(
        "breakdown",
        measure="referrals",
        dimension="ideology",
        year_from="2024/25",
        year_to="2024/25",
        groups=[],
        roles=["part"],
        include_cross_tabs=False,
    )
    assert len(df) == 12
    assert df["count"].sum() == 8778


def test_conflicts_list_the_alternatives(db: Database) -> None:
    df = db.query("figure_conflicts", year_from="2015/16", year_to="2024/25", measures=[])
    rw = df[(df.year == "2018/19") & (df.dimension == "ideology") & (df.category == "Right-wing")]
    assert set(rw["count"].dropna().astype(int)) == {1388, 1389}
    assert rw.loc[rw.is_preferred, "count"].item() == 1388
    assert "restatement" in rw["preference_reason"].iloc[0]


def test_ideology_groups_are_stable_across_label_changes(db: Database) -> None:
    df = db.query(
        "breakdown",
        measure="referrals",
        dimension="ideology",
        year_from="2015/16",
        year_to="2024/25",
        groups=["Extreme right-wing"],
        roles=["part"],
        include_cross_tabs=False,
    )
    labels = set(df["category"])
    assert {"Extreme Right Wing", "Right-wing", "Extreme right-wing"} <= labels
    assert df.groupby("year").size().max() == 1  # one label per year
