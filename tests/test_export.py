"""Downloads: the header names view, filters and sources; formula-like text cells are neutralised."""

from __future__ import annotations

import io

import pandas as pd

from prevent_explorer.present.export import csv_bytes, header_lines, neutralise


def test_formula_cells_are_neutralised() -> None:
    df = pd.DataFrame(
        {"text": ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "plain"], "n": [1, -2, 3, 4, 5, 6]}
    )
    out = csv_bytes(df, ["title"]).decode("utf-8")
    body = pd.read_csv(io.StringIO(out), comment="#")
    assert list(body["text"]) == ['\'=HYPERLINK("http://x")', "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "plain"]
    assert list(body["n"]) == [1, -2, 3, 4, 5, 6]  # numbers are left alone


def test_header_lines_name_filters_and_sources() -> None:
    lines = header_lines(
        "referrals by ideology", "2018/19 · Type of concern: Islamist", sources=["ho-release-2019-20"], notes=["a note"]
    )
    text = csv_bytes(pd.DataFrame({"a": [1]}), lines).decode("utf-8")
    assert text.startswith(
        "# Prevent Explorer: referrals by ideology\n# Filters: 2018/19 · Type of concern: Islamist\n# Note: a note\n# Sources: ho-release-2019-20\n"
    )
    assert text.rstrip().endswith("a\n1")


def test_neutralise_only_touches_text() -> None:
    assert neutralise(-5) == -5
    assert neutralise("=1") == "'=1"
    assert neutralise("ok") == "ok"
