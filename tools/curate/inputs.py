"""Read the curated inputs in tools/curate/inputs/ (what each file holds: inputs/README.md).

Every CSV cell is read as text, exactly as written; an empty cell is "". A file must have exactly
the header listed in FILES, the same number of cells on every row, and its key columns must be
unique together. Keyed settings are in inputs/settings.toml.
"""

from __future__ import annotations

import csv
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# The folder of curated inputs: inputs/ beside this file, unless PREVENT_EXPLORER_CURATE_INPUTS names
# another (a copy, e.g. tests/test_new_release.py adding a fixture year without touching the real one).
INPUTS_ENV = "PREVENT_EXPLORER_CURATE_INPUTS"
INPUTS = Path(os.environ.get(INPUTS_ENV, "").strip() or Path(__file__).parent / "inputs")
SETTINGS = "settings.toml"


class InputError(ValueError):
    """An input file does not have the expected shape."""


@dataclass(frozen=True)
class Spec:
    header: tuple[str, ...]
    key: tuple[str, ...]  # columns that identify a row; unique together


FILES: dict[str, Spec] = {
    "sources.csv": Spec(
        ("source_id", "cited_for", "title", "publisher", "published", "url", "kind", "note"), ("source_id",)
    ),
    "url_aliases.csv": Spec(("url", "source_id"), ("url",)),
    "releases.csv": Spec(("year", "source_id", "statistics_status", "case_system", "note"), ("year",)),
    "category_changes.csv": Spec(
        ("dimension", "first_year", "change", "detail", "source_id"), ("dimension", "first_year", "change")
    ),
    "category_groups.csv": Spec(("dimension", "group", "sort_order", "colour", "definition"), ("dimension", "group")),
    "categories.csv": Spec(
        ("dimension", "category", "group", "role", "sort_order", "colour", "definition"), ("dimension", "category")
    ),
    "canonical_labels.csv": Spec(
        ("dimension", "year", "label_as_printed", "category", "reason"), ("dimension", "year", "label_as_printed")
    ),
    "cross_parts.csv": Spec(("label", "dimension"), ("label",)),
    "label_routes.csv": Spec(
        (
            "reference_label",
            "match",
            "reference_dimension",
            "reference_year",
            "table",
            "topic",
            "period",
            "measure",
            "dimension",
            "category",
            "percent_of",
            "value",
            "reason",
        ),
        ("reference_label", "match", "reference_dimension", "reference_year"),
    ),
    "quality_overrides.csv": Spec(("reference_line", "quality", "note"), ("reference_line",)),
    "extra_figures.csv": Spec(
        (
            "year",
            "measure",
            "dimension",
            "category",
            "count",
            "percent",
            "source_id",
            "percent_of",
            "quote_hint",
            "note",
        ),
        ("year", "measure", "dimension", "category", "source_id"),
    ),
    "extra_other_figures.csv": Spec(
        (
            "year",
            "period",
            "topic",
            "measure",
            "dimension",
            "category",
            "count",
            "percent",
            "percent_of",
            "percent_change",
            "rate_per_million",
            "source_id",
            "quote_hint",
            "note",
        ),
        ("year", "period", "topic", "measure", "dimension", "category", "source_id"),
    ),
    "recommendations.csv": Spec(
        (
            "rec_id",
            "source_id",
            "rec_no",
            "addressee",
            "agency",
            "theme",
            "summary",
            "status",
            "status_date",
            "status_source_id",
            "status_detail",
            "confirmed",
            "found_in_source_ids",
            "note",
        ),
        ("rec_id",),
    ),
    "findings.csv": Spec(("finding_id", "source_id", "topic", "finding", "reported_by_source_ids"), ("finding_id",)),
    "progress.csv": Spec(
        ("source_id", "as_of", "stage", "unit", "done", "total", "statement", "statement_source_id", "note"),
        ("source_id", "as_of", "stage", "unit", "statement_source_id"),
    ),
    "reports.csv": Spec(("source_id", "short_name", "recommendations_made", "made_source_id", "note"), ("source_id",)),
    "agency_sectors.csv": Spec(("agency", "sector", "reason"), ("agency",)),
    "availability.csv": Spec(
        ("years", "measures", "dimension", "category", "state", "evidence", "source_id", "release_source_id"),
        ("years", "measures", "dimension", "category"),
    ),
}


@cache
def _read(name: str, folder: Path) -> tuple[dict[str, str], ...]:
    spec = FILES[name]
    path = folder / name
    rows: list[dict[str, str]] = []
    seen: dict[tuple[str, ...], int] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh, strict=True)
        header = tuple(next(reader, ()))
        if header != spec.header:
            raise InputError(f"{path}: header is {list(header)}, expected {list(spec.header)}")
        for values in reader:
            line = reader.line_num
            if len(values) != len(spec.header):
                raise InputError(f"{path} line {line}: {len(values)} cells, expected {len(spec.header)}")
            row = dict(zip(spec.header, values, strict=True))
            key = tuple(row[c] for c in spec.key)
            if key in seen:
                raise InputError(
                    f"{path} line {line}: {dict(zip(spec.key, key, strict=True))} repeats line {seen[key]}"
                )
            seen[key] = line
            rows.append(row)
    return tuple(rows)


def read(name: str, folder: Path = INPUTS) -> list[dict[str, str]]:
    """The rows of one input CSV, as dicts of text (copies: callers may change them)."""
    return [dict(r) for r in _read(name, folder)]


@cache
def settings(folder: Path = INPUTS) -> dict:
    with (folder / SETTINGS).open("rb") as fh:
        return tomllib.load(fh)
