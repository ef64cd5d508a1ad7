"""Published figures page through AppTest."""

from __future__ import annotations

from harness.apptest import all_text, chart_titles, run_app, table, url


def test_default_breakdown_is_type_of_concern() -> None:
    at = run_app("published")
    assert at.title[0].value == "Published figures"
    assert any(
        t.startswith("Referrals by type of concern (all categories), 2015/16 to 2024/25") for t in chart_titles(at)
    )
    df = table(at, "published")
    row = df[(df["Year"] == "2018/19") & (df["Group"] == "Islamist")]
    assert row["Count"].item() == 1404 and row["Share (%)"].item() == 24
    assert url(at) == {}


def test_deep_link_total_of_a_measure() -> None:
    at = run_app("published", {"p_by": "total", "p_measure": "adopted-as-channel-case"})
    df = table(at, "published")
    counts = dict(zip(df["Year"], df["Count"], strict=True))
    assert counts["2018/19"] == 556
    assert counts["2024/25"] == 1464
    assert url(at) == {"p_by": ["total"], "p_measure": ["adopted-as-channel-case"]}


def test_not_published_is_never_zero() -> None:
    at = run_app("published", {"p_by": "total", "p_measure": "discussed-at-channel"})
    df = table(at, "published")
    status = dict(zip(df["Year"], df["Status"], strict=True))
    assert status["2016/17"] == "share only" and status["2022/23"] == "share only"  # 19% and 16% published
    assert status["2024/25"] == "not in this dataset"  # the 2024/25 release holds it
    assert df.loc[df["Year"].isin(["2016/17", "2022/23", "2024/25"]), "Count"].isna().all()  # a gap, never 0
    assert 0 not in set(df["Count"].dropna())


def test_breakdown_filter_applies_to_its_dimension() -> None:
    at = run_app("published", {"p_by": "sector", "agency": ["police"]})
    df = table(at, "published")
    assert set(df["Group"]) == {"Police"}
    assert "referring sector" in " ".join(c.value for c in at.caption)


def test_widget_changes_update_the_url() -> None:
    at = run_app("published")
    at.selectbox(key="page_by").set_value("region").run()
    assert url(at) == {"p_by": ["region"]}
    df = table(at, "published")
    assert "North East" in set(df["Category (as published)"])


def test_cross_tabs_and_subtotals_on_demand() -> None:
    at = run_app("published", {"p_by": "region", "p_extras": ["subtotals", "cross-tabs"]})
    cats = set(table(at, "published")["Category (as published)"])
    assert "North East / Islamist" in cats
    at2 = run_app("published", {"p_by": "region"})
    assert "North East / Islamist" not in set(table(at2, "published")["Category (as published)"])


def test_coverage_grid_and_conflicts() -> None:
    at = run_app("published")
    grid = table(at, "coverage")
    row = grid[(grid["Year"] == "2015/16") & (grid["Breakdown"] == "Type of concern (ideology)")]
    assert row["Published figures"].item() == 4
    assert "figures for referrals with more than one published value" in " ".join(e.label for e in at.expander)
    conflicts = table(at, "conflicts")
    assert {5737, 5738} <= set(conflicts.loc[conflicts["Year"] == "2018/19", "Count"].dropna().astype(int))


def test_bad_page_parameter_gives_notice() -> None:
    at = run_app("published", {"p_by": "star-sign"})
    assert "star" in " ".join(w.value for w in at.warning)
    assert any("type of concern" in t for t in chart_titles(at))
    assert "Every figure the project found" in all_text(at)
