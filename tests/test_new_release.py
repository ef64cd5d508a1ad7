"""A new release in minutes: adding a year is editing data and running one command, with no code change.

In a temporary copy of the data (never the real data/), a FIXTURE year 2025/26 is added the way
tools/curate/inputs/README.md ("Adding next year's release") says: the release as a source and in
releases.csv, its figures in the reference table, a new category, a category change and an
availability record. One command (tools/curate/add_release.py) checks the inputs, rebuilds the copy's
published files and loads them with the app's checks. The app, pointed at the copy with
PREVENT_EXPLORER_DATA_DIR, then shows the year on every page. Every fixture value is obviously made
up (11,111 referrals, 2,222 discussed, 1,111 adopted, ...) and its source is titled "FIXTURE — not a
real release".
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st

from harness.apptest import all_text, metrics, run_app, table
from harness.files import find_row, set_cell
from prevent_explorer.database import open_database
from prevent_explorer.loading.validation import DataValidationError
from prevent_explorer.paths import DATA_DIR_ENV, REPO_ROOT

CURATE = REPO_ROOT / "tools" / "curate"
YEAR = "2025/26"
SOURCE = "fixture-release-2025-26"
URL = "https://example.invalid/prevent-explorer/fixture-release-2025-26"
CATEGORY = "Fixture concern (not real)"
GROUP = "Fixture group (not real)"
COLOUR = "#882255"  # not a colour of any other ideology group
FIXTURE = "FIXTURE — not a real release"

# (measure, reference dimension, category, count, percent): obviously made-up values.
FIGURES = [
    ("referrals", "total", "All", "11111", ""),
    ("discussed_at_channel", "total", "All", "2222", ""),
    ("adopted_as_channel_case", "total", "All", "1111", ""),
    ("referrals", "type_of_concern", "Extreme Right Wing", "3333", "30"),
    ("referrals", "type_of_concern", "Islamist Extremism", "2222", ""),
    ("referrals", "type_of_concern", CATEGORY, "1234", ""),
    ("referrals", "sector", "Education", "4444", ""),
    ("referrals", "sector", "Police", "3333", ""),
    ("referrals", "outcome", "No further action", "5555", ""),
    ("adopted_as_channel_case", "type_of_concern", "Extreme Right Wing", "555", ""),
]


def append_rows(path: Path, rows: list[list[str]]) -> None:
    """Add rows to a CSV the way a spreadsheet saving CSV UTF-8 would (quoted where needed)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())


def add_fixture_year(inputs: Path, reference: Path) -> None:
    """The edits of inputs/README.md 'Adding next year's release', for a fixture year."""
    note = "Test fixture for tests/test_new_release.py: made-up values, not a real release."
    append_rows(
        inputs / "sources.csv",
        [[SOURCE, "figures", FIXTURE, "FIXTURE (test data)", "2026-11-05", URL, "official", note]],
    )
    append_rows(inputs / "releases.csv", [[YEAR, SOURCE, "FIXTURE status", "FIXTURE case system", FIXTURE]])
    append_rows(
        reference / "prevent_figures.csv",
        [[YEAR, m, d, c, n, p, URL, "official", f"FIXTURE: {c} (not a real figure)"] for m, d, c, n, p in FIGURES],
    )
    append_rows(
        inputs / "categories.csv",
        [["ideology", CATEGORY, GROUP, "part", "30", COLOUR, "FIXTURE: a made-up category for the new-release test."]],
    )
    append_rows(
        inputs / "category_changes.csv",
        [["ideology", YEAR, "FIXTURE: a new category", f"FIXTURE: '{CATEGORY}' first used.", SOURCE]],
    )
    append_rows(
        inputs / "availability.csv",
        [[YEAR, "referrals", "gender", "*", "not published", "FIXTURE: the fixture release says so.", SOURCE, ""]],
    )


def add_release(root: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(CURATE / "add_release.py"), YEAR, "--data", str(root / "data")]
    command += ["--inputs", str(root / "inputs"), "--reference", str(root / "reference"), *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def copy_repository_data(root: Path) -> None:
    shutil.copytree(REPO_ROOT / "data", root / "data")
    shutil.copytree(CURATE / "inputs", root / "inputs")
    shutil.copytree(CURATE / "reference", root / "reference")


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the data with the fixture year added by the one command; (root, its report)."""
    root = tmp_path_factory.mktemp("new-release")
    copy_repository_data(root)
    before = {p.name: p.read_bytes() for p in (REPO_ROOT / "data" / "published").glob("*.csv")}
    add_fixture_year(root / "inputs", root / "reference")
    done = add_release(root)
    assert done.returncode == 0, done.stderr
    after = {p.name: p.read_bytes() for p in (REPO_ROOT / "data" / "published").glob("*.csv")}
    assert after == before, "the real data/published was changed"
    return root, done.stdout


@pytest.fixture
def app_on_copy(release: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app reads the copy (PREVENT_EXPLORER_DATA_DIR), with nothing cached from the real data."""
    root, _ = release
    monkeypatch.setenv(DATA_DIR_ENV, str(root / "data"))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield root / "data"
    st.cache_resource.clear()
    st.cache_data.clear()


def test_one_command_adds_the_year_and_reports_it(release: tuple[Path, str]) -> None:
    root, report = release
    assert f"{YEAR}: rebuilt" in report
    assert "referrals: 11,111" in report and "discussed_at_channel: 2,222" in report
    assert f"new category: ideology '{CATEGORY}' (group '{GROUP}', colour {COLOUR})" in report
    assert f"has no rows for {YEAR}" in report  # the synthetic demo stops at 2024/25
    db = open_database(root / "data", load_referrals=False)
    (title,) = db.con.execute("SELECT title FROM sources WHERE source_id = $s", {"s": SOURCE}).fetchone()
    assert title == FIXTURE


def test_the_rebuild_is_reproducible(release: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = release
    again = tmp_path / "published"
    env = {"PREVENT_EXPLORER_CURATE_INPUTS": str(root / "inputs")}
    command = [sys.executable, str(CURATE / "build.py"), "--reference", str(root / "reference"), "--out", str(again)]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, **env})
    for path in (root / "data" / "published").glob("*.csv"):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_year_has_its_gaps_and_its_release(release: tuple[Path, str]) -> None:
    root, _ = release
    db = open_database(root / "data", load_referrals=False)
    gaps = db.query("availability", measure="referrals", dimensions=[], year_from=YEAR, year_to=YEAR)
    state = dict(zip(gaps.loc[gaps["scope"] == "breakdown", "dimension"], gaps["state"], strict=False))
    assert state["total"] == "published" and state["ideology"] == "published"
    assert state["gender"] == "not published"  # the curated record
    assert state["region"] == "not in this dataset"  # the default, found in the year's release
    region = gaps[gaps["dimension"] == "region"]
    assert region["release_title"].item() == FIXTURE


def test_every_page_shows_the_new_year(app_on_copy: Path) -> None:
    at = run_app()
    slider = at.sidebar.select_slider(key="f_years")
    assert slider.options[-1] == YEAR and slider.value == ("2015/16", YEAR)
    assert f"{YEAR} in figures" in [h.value for h in at.header]
    m = metrics(at)
    assert (m["Referrals"], m["Discussed at a Channel panel"], m["Adopted as a Channel case"]) == (
        "11,111",
        "2,222",
        "1,111",
    )
    text = all_text(at)
    assert f"In {YEAR} there were **11,111 referrals**" in text
    assert "**Education** made the most referrals (4,444" in text
    groups = set(table(at, "overview_ideology").query("Year == @YEAR")["Group"])
    assert GROUP in groups

    at = run_app("published", {"p_by": "total"})
    df = table(at, "published")
    assert df.loc[df["Year"] == YEAR, "Count"].tolist() == [11111]
    grid = table(at, "coverage")
    published = dict(zip(*grid.loc[grid["Year"] == YEAR, ["Breakdown", "Published figures"]].T.values, strict=True))
    assert (published["Total"], published["Type of concern (ideology)"], published["Gender"]) == (1, 3, 0)


def test_the_new_category_has_its_colour(app_on_copy: Path) -> None:
    at = run_app("published", {"p_by": "ideology", "from": YEAR})
    df = table(at, "published")
    row = df[df["Category (as published)"] == CATEGORY]
    assert (row["Year"].item(), row["Group"].item(), row["Count"].item()) == (YEAR, GROUP, 1234)
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    scales = [s for spec in specs for s in find_colour_scales(spec)]
    assert any(GROUP in scale["domain"] and scale["range"][scale["domain"].index(GROUP)] == COLOUR for scale in scales)


def find_colour_scales(spec: object) -> Iterator[dict]:
    if isinstance(spec, dict):
        color = spec.get("color")
        if isinstance(color, dict) and isinstance(color.get("scale"), dict) and "domain" in color["scale"]:
            yield color["scale"]
        for value in spec.values():
            yield from find_colour_scales(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from find_colour_scales(value)


def test_the_explorer_says_the_demo_stops_before_the_new_year(app_on_copy: Path) -> None:
    """The synthetic demo has no 2025/26 rows (it is regenerated separately). The explorer runs, shows
    the published 11,111 beside its rows, and says on the page that the referral-level data stop at
    2024/25, with or without the new year alone chosen."""
    at = run_app("explorer")
    assert metrics(at)["Referrals matching"] == "66,904"  # every demo row: 2015/16 to 2024/25
    warning = " ".join(w.value for w in at.warning)
    assert f"The referral-level data cover 2015/16 to 2024/25: {YEAR} is not in them" in warning
    at = run_app("explorer", {"from": "2025-26"})
    assert metrics(at)["Referrals matching"] == "0"
    text = all_text(at)
    assert f"Referrals: **11,111** ({FIXTURE})" in text  # the published figure, beside the synthetic rows
    assert f"{YEAR} is not in them" in text


def test_the_other_pages_run_with_the_year(app_on_copy: Path) -> None:
    at = run_app("data")
    assert YEAR in set(table(at, "releases")["Year"])
    run_app("recommendations")


def test_the_inputs_check_names_file_line_and_column(tmp_path: Path) -> None:
    copy_repository_data(tmp_path)
    add_fixture_year(tmp_path / "inputs", tmp_path / "reference")
    reference = tmp_path / "reference" / "prevent_figures.csv"
    row = find_row(reference, year=YEAR, measure="referrals", dimension="total")
    set_cell(reference, row, "count", "11,111")
    line = set_cell(reference, row + 1, "year", "2025/27")
    done = add_release(tmp_path)
    assert done.returncode == 1
    assert f"prevent_figures.csv, line {row + 1}, column 'count': '11,111' is not a whole number" in done.stderr
    assert f"prevent_figures.csv, line {line}, column 'year': '2025/27' is not a reporting year" in done.stderr
    assert not (tmp_path / "data" / "published" / "availability.csv").read_text().count(YEAR), "nothing was rebuilt"


@pytest.mark.parametrize(
    "measure,column,value,message",
    [
        ("referrals", "count", "eleven thousand", "the value 'eleven thousand' cannot be read as a whole number"),
        (
            "adopted_as_channel_case",
            "year",
            "2025-26",
            "'2025-26' is not in the expected form (a year such as 2018/19)",
        ),
        ("discussed_at_channel", "year", "2025/27", "'2025/27' is not a reporting year"),
    ],
)
def test_the_loader_catches_a_malformed_addition(
    release: tuple[Path, str], tmp_path: Path, measure: str, column: str, value: str, message: str
) -> None:
    """A row of the new year edited by hand in data/published: the app refuses to start, naming the
    file, the line and the column."""
    root, _ = release
    shutil.copytree(root / "data", tmp_path / "data")
    figures = tmp_path / "data" / "published" / "figures.csv"
    line = set_cell(figures, find_row(figures, year=YEAR, measure=measure, dimension="total"), column, value)
    with pytest.raises(DataValidationError) as err:
        open_database(tmp_path / "data", load_referrals=False)
    assert f"data/published/figures.csv, line {line}, column '{column}': {message}" in str(err.value)
