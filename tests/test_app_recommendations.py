"""Recommendations page through AppTest."""

from __future__ import annotations

from harness.apptest import all_text, chart_titles, metrics, run_app, table, url


def test_default_lists_every_recommendation() -> None:
    at = run_app("recommendations")
    assert metrics(at)["Recommendations shown"] == "32"
    assert len(table(at, "recommendations")) == 32
    assert any(t.startswith("Recommendations by agency addressed and status (all reports)") for t in chart_titles(at))
    text = all_text(at)
    assert "Only two forces said they had referred a member of their own staff to Prevent." in text
    assert "Filters used here:** none" in text


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
