"""Data & methods page through AppTest."""

from __future__ import annotations

from harness.apptest import all_text, run_app, table, url


def test_caveats_and_every_table_to_download() -> None:
    at = run_app("data")
    text = all_text(at)
    assert "official statistics in development" in text
    assert "Prevent Case Management Tracker" in text
    keys = {b.key for b in at.get("download_button")}
    for name in (
        "figures",
        "other-figures",
        "sources",
        "categories",
        "category-changes",
        "releases",
        "reports",
        "recommendations",
        "findings",
        "progress",
        "excluded",
    ):
        assert f"download_all_{name}" in keys
    releases = table(at, "releases")
    assert (
        releases.loc[releases["Year"] == "2024/25", "Statistics status"].item() == "Official statistics in development"
    )


def test_definitions_switch_dimension() -> None:
    at = run_app("data", {"p_definitions": "sector"})
    cats = table(at, "categories_sector")
    assert "Friends and family" in set(cats["Category"])
    assert url(at) == {"p_definitions": ["sector"]}


def test_sources_filter_by_kind() -> None:
    at = run_app("data", {"p_kinds": "parliamentary"})
    assert set(table(at, "sources")["Kind"]) == {"parliamentary"}
