"""Downloads open cleanly: a tidy CSV (header row first, numbers as numbers, a status for every gap)
that pandas reads with no options, and a ZIP with notes.md (filters, notes, status meanings,
sources with their addresses); formula-like text cells are neutralised."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest

from harness.apptest import run_app, table
from prevent_explorer.present.export import Notes, Source, csv_bytes, neutralise, notes_markdown, zip_bytes


def test_formula_cells_are_neutralised() -> None:
    df = pd.DataFrame(
        {"text": ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "plain"], "n": [1, -2, 3, 4, 5, 6]}
    )
    body = pd.read_csv(io.BytesIO(csv_bytes(df)))
    assert list(body["text"]) == ['\'=HYPERLINK("http://x")', "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "plain"]
    assert list(body["n"]) == [1, -2, 3, 4, 5, 6]  # numbers are left alone


def test_neutralise_only_touches_text() -> None:
    assert neutralise(-5) == -5
    assert neutralise("=1") == "'=1"
    assert neutralise("ok") == "ok"


def test_the_zip_carries_the_table_and_its_notes() -> None:
    df = pd.DataFrame(
        {"Year": ["2024/25"], "Count": pd.array([None], dtype="Int64"), "Status": ["not in this dataset"]}
    )
    notes = Notes(
        "Discussed at a Channel panel, 2024/25",
        "2024/25 · Referring sector: Police",
        ["All referring sectors: published Channel figures are not broken down by referring sector"],
        [Source("Individuals referred ... April 2024 to March 2025", "Home Office", "https://www.gov.uk/x")],
    )
    with zipfile.ZipFile(io.BytesIO(zip_bytes(df, notes, dt.date(2026, 11, 28)))) as z:
        assert sorted(z.namelist()) == ["data.csv", "notes.md"]
        data = pd.read_csv(z.open("data.csv"))
        text = z.read("notes.md").decode("utf-8")
    assert data.loc[0, "Status"] == "not in this dataset" and pd.isna(data.loc[0, "Count"])
    assert "Downloaded 2026-11-28." in text and "2024/25 · Referring sector: Police" in text
    assert "All referring sectors: published Channel figures are not broken down by referring sector" in text
    assert "- not in this dataset: published, or probably published, in tables the project does not hold" in text
    assert "Individuals referred ... April 2024 to March 2025 (Home Office): https://www.gov.uk/x" in text
    assert notes_markdown(notes).startswith("# Prevent Explorer: Discussed at a Channel panel, 2024/25")


@pytest.mark.parametrize(
    "page,params,key",
    [
        ("overview", {}, "overview_trend"),
        ("overview", {}, "overview_ideology"),
        ("overview", {"show": "percent"}, "overview_ideology"),
        ("published", {"p_by": "sector"}, "published"),
        ("published", {"p_by": "total", "p_measure": "discussed-at-channel"}, "published"),
        ("explorer", {}, "explorer_trend"),
        ("recommendations", {}, "recommendations"),
        ("data", {}, "availability"),
    ],
)
def test_every_download_reads_back_as_the_table_shown(page: str, params: dict, key: str) -> None:
    shown = table(run_app(page, params), key)
    read = pd.read_csv(io.BytesIO(csv_bytes(shown)))  # no options: the header is the first row
    assert list(read.columns) == [str(c) for c in shown.columns]
    assert len(read) == len(shown)
    for col in shown.columns:
        if str(shown[col].dtype) in ("Int64", "Float64", "int64", "float64"):
            expected = pd.to_numeric(shown[col]).astype("float64").round(6).tolist()
            got = pd.to_numeric(read[col]).astype("float64").round(6).tolist()
            assert [None if pd.isna(v) else v for v in got] == [None if pd.isna(v) else v for v in expected], col
    counts = [c for c in shown.columns if c in ("Count", "Referrals")]
    for col in counts:  # numbers are numbers: no '1,404' text, no 'not published' in a count column
        assert pd.api.types.is_numeric_dtype(read[col]), (col, read[col].head())
    if counts and shown[counts[0]].isna().any():
        assert "Status" in shown.columns  # a gap says what it is
