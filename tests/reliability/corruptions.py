"""Ways to corrupt a copy of data/ (the kinds of tests/test_validation.py), each with the message the
app must show: the file, and the line and column where there is one."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from harness.files import find_row, read_rows, set_cell, write_rows


@dataclass(frozen=True)
class Expected:
    file: str  # e.g. "data/published/figures.csv"
    line: int | None
    column: str | None
    text: str  # part of the message (case-insensitive)


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under `root` (relative path -> digest)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _pub(data: Path, name: str) -> Path:
    return data / "published" / name


FIGURES = "data/published/figures.csv"
SOURCES = "data/published/sources.csv"


def missing_column(data: Path) -> Expected:
    path = _pub(data, "figures.csv")
    rows = read_rows(path)
    i = rows[0].index("count")
    write_rows(path, [r[:i] + r[i + 1 :] for r in rows])
    return Expected(FIGURES, 1, None, "missing column(s): count")


def non_numeric_count(data: Path) -> Expected:
    return Expected(FIGURES, set_cell(_pub(data, "figures.csv"), 7, "count", "twelve"), "count", "'twelve'")


def negative_count(data: Path) -> Expected:
    return Expected(FIGURES, set_cell(_pub(data, "figures.csv"), 3, "count", "-5"), "count", "below the minimum of 0")


def percent_over_100(data: Path) -> Expected:
    path = _pub(data, "figures.csv")
    row = find_row(path, year="2018/19", measure="referrals", dimension="ideology", category="Islamist")
    return Expected(FIGURES, set_cell(path, row, "percent", "124"), "percent", "above the maximum of 100")


def unknown_source_id(data: Path) -> Expected:
    line = set_cell(_pub(data, "figures.csv"), 10, "source_id", "made-up-source")
    return Expected(FIGURES, line, "source_id", "'made-up-source' is not a known source_id")


def two_preferred_values(data: Path) -> Expected:
    path = _pub(data, "figures.csv")
    row = find_row(path, year="2018/19", measure="referrals", dimension="total", is_preferred="false")
    set_cell(path, row, "is_preferred", "true")
    first = find_row(path, year="2018/19", measure="referrals", dimension="total", is_preferred="true") + 1
    return Expected(FIGURES, first, "is_preferred", "2 preferred values")


def unmapped_category(data: Path) -> Expected:
    cats = _pub(data, "categories.csv")
    write_rows(cats, [r for r in read_rows(cats) if r[1] != "Conflicted"])
    line = find_row(_pub(data, "figures.csv"), category="Conflicted") + 1
    return Expected(FIGURES, line, "category", "'Conflicted' of dimension 'ideology' is not in categories.csv")


def malformed_year(data: Path) -> Expected:
    return Expected(FIGURES, set_cell(_pub(data, "figures.csv"), 12, "year", "2018-19"), "year", "expected form")


def empty_file(data: Path) -> Expected:
    _pub(data, "sources.csv").write_text("", encoding="utf-8")
    return Expected(SOURCES, None, None, "the file is empty")


def wrong_delimiter(data: Path) -> Expected:
    path = _pub(data, "figures.csv")
    write_rows(path, read_rows(path), delimiter=";")
    return Expected(FIGURES, 1, None, "separated by semicolons")


def wrong_encoding(data: Path) -> Expected:
    path = _pub(data, "sources.csv")
    rows = read_rows(path)
    rows[4][rows[0].index("note")] = "Publié à Paris"
    write_rows(path, rows, encoding="latin-1")
    return Expected(SOURCES, 5, None, "not UTF-8")


def truncated_demo(data: Path) -> Expected:
    """The bundled referral-level demo cut short (not one of test_validation's kinds: the other loader)."""
    path = data / "demo" / "referrals.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return Expected("data/demo/referrals.parquet", None, None, "not a Parquet file")


CORRUPTIONS: dict[str, Callable[[Path], Expected]] = {
    "missing column": missing_column,
    "non-numeric count": non_numeric_count,
    "negative count": negative_count,
    "percent over 100": percent_over_100,
    "unknown source_id": unknown_source_id,
    "two preferred values": two_preferred_values,
    "unmapped category": unmapped_category,
    "malformed year": malformed_year,
    "empty file": empty_file,
    "wrong delimiter": wrong_delimiter,
    "wrong encoding": wrong_encoding,
    "truncated demo file": truncated_demo,
}
