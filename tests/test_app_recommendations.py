"""Recommendations page through AppTest."""

from __future__ import annotations

import json

import pytest

from harness.apptest import all_text, chart_titles, metrics, run_app, table, url


def test_default_lists_every_recommendation() -> None:
    at = run_app("recommendations")
    assert metrics(at)["Recommendations shown"] == "32"
    assert len(table(at, "recommendations")) == 32
    assert any(t.startswith("Recommendations by agency addressed and status (all reports)") for t in chart_titles(at))
    text = all_text(at)
    assert "Only two forces said they had referred a member of their own staff to Prevent." in text
    assert "Filters used here:** referring sector ·" in text


def test_agency_filter_from_the_link() -> None:
    at = run_app("recommendations", {"p_agency": "npcc"})
    df = table(at, "recommendations")
    assert len(df) == 2
    assert all("NPCC" in a for a in df["Agency"])
    assert url(at) == {"p_agency": ["npcc"]}


def test_status_and_report_filters() -> None:
    at = run_app("recommendations")
    at.multiselect(key="page_status").set_value(["Implemented (government statement)"]).run()
    assert metrics(at)["Recommendations shown"] == "6"
    assert url(at) == {"p_status": ["implemented-government-statement"]}
    at.multiselect(key="page_report").set_value(["amess-plr-2025"]).run()
    assert metrics(at)["Recommendations shown"] == "2"
    assert set(table(at, "rec_counts")["Agency"]) == {"Home Office", "CT Policing"}


def test_progress_snapshots_table() -> None:
    at = run_app("recommendations", {"p_report": "irp-2023"})
    prog = table(at, "progress")
    dated = prog[prog["As of"] != ""]
    assert ("2023-09-07", 10, 34) in {(r["As of"], r["Done"], r["Total"]) for _, r in dated.iterrows()}
    assert ("2024-02-20", 30, 34) in {(r["As of"], r["Done"], r["Total"]) for _, r in dated.iterrows()}
    assert "33 of the 34" in all_text(at)  # the undated written answer


def test_no_match_says_so() -> None:
    at = run_app("recommendations", {"p_agency": "cabinet-office", "p_status": "implemented-government-statement"})
    assert metrics(at)["Recommendations shown"] == "0"
    assert "No recommendations match these filters" in all_text(at)


@pytest.mark.parametrize(
    "sector,shown,bodies",
    [
        ("police", 8, ["CT Policing", "College of Policing", "NPCC", "Police forces"]),
        ("education", 3, ["DfE", "Higher education providers"]),
        ("prisons-and-probation", 1, ["HM Prison and Probation Service"]),
        ("health", 0, []),
        ("local-authority", 0, []),
    ],
)
def test_the_sidebar_sector_chooses_the_bodies_addressed(sector: str, shown: int, bodies: list[str]) -> None:
    at = run_app("recommendations", {"agency": sector})
    assert metrics(at)["Recommendations shown"] == str(shown)
    assert not at.sidebar.multiselect(key="f_agencies").disabled  # the page uses the sector filter
    assert at.multiselect(key="page_agency").options == bodies  # its own filter narrows within them
    info = " ".join(i.value for i in at.info)
    assert "Home Office" in info  # bodies acting for no single sector are named as left out
    if bodies:
        assert ", ".join(bodies) in info
        assert all(set(a.split(";")) & set(bodies) for a in table(at, "recommendations")["Agency"])
        spec = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart") if "by agency" in c.proto.spec)
        assert ", ".join(bodies) in " ".join(spec["title"]["subtitle"])  # the chart says which bodies it includes
    else:
        assert "no body addressed by a recommendation in this table acts for it" in info
    assert url(at) == {"agency": [sector]}


def test_the_page_filter_narrows_within_the_sector() -> None:
    at = run_app("recommendations", {"agency": "police", "p_agency": "npcc"})
    assert metrics(at)["Recommendations shown"] == "2"
    at = run_app("recommendations", {"agency": "education", "p_agency": "npcc"})  # NPCC is not an education body
    assert at.multiselect(key="page_agency").value == []
    assert metrics(at)["Recommendations shown"] == "3"


def test_the_overview_mentions_the_sectors_recommendations() -> None:
    text = "\n".join(m.value for m in run_app("overview", {"agency": "police"}).markdown)
    assert "**8** recommendations in this table are addressed to bodies acting for Police" in text
    assert "**2** implemented, per the government" in text
