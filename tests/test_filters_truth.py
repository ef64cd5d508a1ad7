"""Filters that tell the truth: with any of the shared filters set, every view on every page either
applies it (its title names the choice) or says on itself that it does not (its subtitle, or the
card's note, says 'All referring sectors: ...'); no sentence ranks what the filter hides; count
breakdowns reach the published total; filters that nothing on the page applied are greyed out.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from harness.apptest import chart_headings, metrics, run_app, table
from prevent_explorer.database import Database
from prevent_explorer.filters import FilterOptions, FilterState, parse_query_params
from prevent_explorer.present.filter_notes import ALL_OF

COMBINATIONS = [
    {"ideology": "islamist"},
    {"outcome": "adopted-as-a-channel-case"},
    {"agency": "police"},
    {"outcome": "no-further-action"},
    {"ideology": "islamist", "agency": "police"},
    {"outcome": "discussed-at-a-channel-panel", "agency": "education"},
    {"ideology": "extreme-right-wing", "outcome": "adopted-as-a-channel-case", "agency": "police"},
    {"ideology": ["islamist", "extreme-right-wing"], "agency": ["education", "police"], "to": "2019-20"},
]
PAGES = ["overview", "published", "explorer", "recommendations"]


def state_of(params: dict, options: FilterOptions) -> FilterState:
    state, notices = parse_query_params(params, options)
    assert not notices, notices
    return state


@pytest.fixture(scope="module")
def options(db: Database) -> FilterOptions:
    from prevent_explorer.shell.data import filter_options

    return filter_options()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params", COMBINATIONS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_every_chart_applies_or_names_each_active_filter(page: str, params: dict, options: FilterOptions) -> None:
    state = state_of(params, options)
    at = run_app(page, params)
    charts = chart_headings(at)
    assert charts, f"{page}: no chart drawn"
    for title, subtitle in charts:
        for field in ALL_OF:
            chosen = state.selected(field)
            if not chosen:
                continue
            applied = all(c in title for c in chosen)
            said = ALL_OF[field] in subtitle
            assert applied or said, f"{page} {params}: '{title}' neither applies nor names {field} ({subtitle!r})"


@pytest.mark.parametrize("params", COMBINATIONS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_overview_cards_and_sentences_say_what_they_show(params: dict, options: FilterOptions) -> None:
    state = state_of(params, options)
    at = run_app("overview", params)
    notes = " ".join(c.value for c in at.caption)
    for label in metrics(at):
        for field in ("ideologies", "agencies"):
            chosen = state.selected(field)
            if chosen:
                applied = all(c in label for c in chosen)
                assert applied or label.endswith(" · all referrals"), f"card {label!r} hides {field}"
                if not applied:
                    assert ALL_OF[field].lower() in notes.lower(), (
                        f"card {label!r}: no note says why {field} is not applied"
                    )
    for outcome in state.outcomes:  # the outcome filter chooses the cards
        assert any(label.startswith(outcome) for label in metrics(at)), (outcome, list(metrics(at)))
    text = "\n".join(m.value for m in at.markdown)
    if state.ideologies or state.agencies:
        assert "**All referrals," in text  # the general sentences are labelled as such
        assert any(m.value.startswith("**") and "All referrals" not in m.value.split("\n")[0] for m in at.markdown)


def test_police_gets_its_published_figure_and_the_sentences_do_not_rank_it_first() -> None:
    at = run_app("overview", {"agency": "police"})
    m = metrics(at)
    assert m["Referrals · Police"] == "2,631"
    assert m["Adopted as a Channel case · all referrals"] == "1,464"
    text = "\n".join(x.value for x in at.markdown)
    assert "In 2024/25, **2,631** referrals were made by **Police** (30% of all referrals)." in text
    assert "**Education** made the most referrals (3,129" in text  # the unfiltered ranking, said of all sectors
    assert "**Police** made the most" not in text
    caption = " ".join(c.value for c in at.caption)
    assert "All referring sectors: 'Adopted as a Channel case' is not in this dataset for this group." in caption


def test_outcome_sentences_read_as_sentences() -> None:
    """A published count says what happened, with its published share when there is one."""
    text = "\n".join(x.value for x in run_app("overview", {"ideology": "islamist"}).markdown)
    assert (
        "Of the referrals about **Islamist** concerns, **226** were adopted as a Channel case in 2024/25: "
        "15% of Channel cases (people adopted or supported)." in text
    )
    text = "\n".join(x.value for x in run_app("overview", {"ideology": "islamist", "to": "2017-18"}).markdown)
    assert "Of the referrals about **Islamist** concerns, **179** were adopted as a Channel case in 2017/18.\n" in text


@pytest.mark.parametrize("agency", ["police", "education", "local-authority", "health"])
def test_no_sentence_states_a_ranking_the_unfiltered_figures_contradict(agency: str) -> None:
    def ranking(at: AppTest) -> list[str]:
        return [line for m in at.markdown for line in m.value.split("\n") if "made the most referrals" in line]

    assert ranking(run_app("overview", {"agency": agency})) == ranking(run_app("overview"))


@pytest.mark.parametrize("key,dimension", [("overview_ideology", "ideology"), ("overview_sectors", "sector")])
def test_count_breakdowns_reach_the_published_total(db: Database, key: str, dimension: str) -> None:
    totals = db.query("measure_trend", measures=["referrals"], year_from="2015/16", year_to="2024/25")
    expected = {y: int(c) for y, c in zip(totals["year"], totals["count"], strict=True) if c == c}
    df = table(run_app("overview"), key)
    counts = df.assign(n=df["Count"].fillna(0).astype(int))
    shown = counts.groupby("Year")["n"].sum().to_dict()
    assert {y: shown.get(y) for y in expected} == expected
    assert "Rest of the total: no count in this dataset" in set(df["Group"])


def test_published_count_breakdown_reaches_the_total(db: Database) -> None:
    totals = db.query("measure_trend", measures=["referrals"], year_from="2015/16", year_to="2024/25")
    expected = {y: int(c) for y, c in zip(totals["year"], totals["count"], strict=True) if c == c}
    df = table(run_app("published", {"p_by": "sector"}), "published")
    parts = df[df["Role"].isin(["part", "remainder"])]
    shown = parts.assign(n=parts["Count"].fillna(0).astype(int))
    assert shown.groupby("Year")["n"].sum().to_dict() == expected


def test_the_outcome_filter_points_to_where_the_figure_is() -> None:
    at = run_app("published", {"p_by": "outcome", "outcome": "adopted-as-a-channel-case"})
    text = " ".join(i.value for i in at.info)
    assert "Nothing was published" not in text
    assert "measure of its own" in text
    at.button(key="switch_to_adopted_as_channel_case").click().run()
    assert at.selectbox(key="page_measure").value == "adopted_as_channel_case"
    assert any(t.startswith("Adopted as a Channel case, 2015/16 to 2024/25") for t, _s in chart_headings(at))


def test_outcome_categories_of_the_breakdown_are_applied() -> None:
    at = run_app("published", {"p_by": "outcome", "outcome": ["no-further-action", "adopted-as-a-channel-case"]})
    groups = set(table(at, "published")["Group"])
    assert groups == {"No further action"}
    title, subtitle = chart_headings(at)[0]
    assert "(No further action)" in title
    assert "'Adopted as a Channel case': published as a measure of its own" in subtitle


def test_percent_shares_of_another_base_never_share_the_axis() -> None:
    at = run_app("published", {"p_by": "outcome", "show": "percent"})
    title, subtitle = chart_headings(at)[0]
    assert title.startswith("Referrals by outcome (all categories)")
    assert "Shares of another base are in the table only (referrals assessed as not suitable for Channel)" in subtitle
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert "Share of all referrals (%)" in json.dumps(spec)


def test_overlapping_shares_are_set_apart() -> None:
    at = run_app("overview", {"show": "percent", "ideology": ["islamist", "extreme-right-wing"]})
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    spec = next(
        s for s in specs if " ".join(s.get("title", {}).get("text", [])).startswith("Share of all referrals by type")
    )
    assert "xOffset" in json.dumps(spec)


@pytest.mark.parametrize(
    "page,params,enabled",
    [
        ("overview", {}, {"f_ideologies", "f_outcomes", "f_agencies"}),
        ("published", {}, {"f_ideologies"}),
        ("published", {"p_by": "sector"}, {"f_agencies"}),
        ("published", {"p_by": "total"}, set()),
        ("explorer", {}, {"f_ideologies", "f_outcomes", "f_agencies", "f_age_groups", "f_genders", "f_regions"}),
        ("recommendations", {}, {"f_agencies"}),
        ("data", {}, set()),
    ],
)
def test_filters_nothing_on_the_page_applies_are_greyed_out(page: str, params: dict, enabled: set) -> None:
    at = run_app(page, params)
    assert {m.key for m in at.sidebar.multiselect if not m.disabled} == enabled
