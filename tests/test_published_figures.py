"""The query layer returns the published figures: what a table of expected rows cannot say.

The published facts themselves (every year's totals, the seed article's 2018/19 figures and shares,
the headline metrics, the 2024/25 type-of-concern table) are the expected rows of the examples beside
each query (queries/<name>.examples.toml), checked by tests/test_queries.py::test_example.
"""

from __future__ import annotations

from prevent_explorer.database import Database


def test_seed_article_total_preferred_and_first_published(db: Database) -> None:
    """2018/19: the official 5,737 is the only preferred value and no source gives a count but 5,737 or
    5,738 (that the preferred row is official and that 5,738 is an alternative: the default example in
    queries/figure_alternatives.examples.toml)."""
    df = db.query("figure_alternatives", year="2018/19", measure="referrals", dimension="total", category="All")
    assert df[df.is_preferred]["count"].tolist() == [5737]
    assert set(df["count"].dropna().astype(int)) == {5737, 5738}


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


def test_conflicts_list_the_alternatives(db: Database) -> None:
    df = db.query("figure_conflicts", year_from="2015/16", year_to="2024/25", measures=[])
    rw = df[
        (df.year == "2018/19")
        & (df.measure == "referrals")
        & (df.dimension == "ideology")
        & (df.category == "Right-wing")
    ]
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
