"""The state of every gap in the published figures: data/published/availability.csv.

A gap is a year, measure and breakdown (or one category of a breakdown) with no preferred figure.
It is in one of three states (inputs/README.md, data/published/README.md "Three states of a gap"):

* `not in this dataset`: published, or probably published, in the release's tables, which the
  project does not hold; `release_source_id` names the release where it can be found. The DEFAULT.
* `not published`: a source says so, or the category did not exist that year (evidence required).
* `not collected`: the measure was not recorded that year.

Rules: every release year x headline measure x dimension (inputs/settings.toml [availability])
whose breakdown has no preferred figure of its own (cross-tabs aside) is a gap, with the default
state unless a row of inputs/availability.csv says otherwise; the rows of inputs/availability.csv
for single categories (a label or a stable group of categories.csv) and for other dimensions
(ethnicity, mental health) are added as they are. A row of inputs/availability.csv for a breakdown
that has a preferred figure, or for a category that has one, stops the build: the table never
describes a figure that is published.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from inputs import read, settings

STATES = ("not published", "not in this dataset", "not collected")
COLUMNS = ("year", "measure", "dimension", "category", "state", "evidence", "source_id", "release_source_id")
WHOLE = ("All", "*")  # the total, a whole breakdown

SETTINGS = settings()["availability"]
HEADLINE_MEASURES: tuple[str, ...] = tuple(SETTINGS["measures"])
GRID_DIMENSIONS: tuple[str, ...] = tuple(SETTINGS["dimensions"])
DIMENSIONS = ("total", "ideology", "sector", "age_group", "gender", "region", "outcome")  # of figures.csv
DEFAULT_EVIDENCE: str = SETTINGS["default_evidence"]


class AvailabilityError(ValueError):
    """inputs/availability.csv contradicts the figures."""


@dataclass(frozen=True)
class Published:
    """What is published: preferred figures as (year, measure, dimension, category, group, is cross-tab)."""

    figures: frozenset[tuple[str, str, str, str, str, bool]]
    other: frozenset[tuple[str, str, str]]  # preferred other figures: (year, measure, dimension)

    def breakdown_has_figures(self, year: str, measure: str, dimension: str) -> bool:
        return (
            any((y, m, d) == (year, measure, dimension) and not cross for y, m, d, _c, _g, cross in self.figures)
            or (year, measure, dimension) in self.other
        )

    def category_has_figures(self, year: str, measure: str, dimension: str, category: str) -> bool:
        return any((y, m, d) == (year, measure, dimension) and category in (c, g) for y, m, d, c, g, _x in self.figures)


def order_key(row: dict[str, str]) -> tuple:
    """Year; the headline measures, then others; the grid's dimensions, then others; the breakdown first."""
    m, d = row["measure"], row["dimension"]
    measure = HEADLINE_MEASURES.index(m) if m in HEADLINE_MEASURES else len(HEADLINE_MEASURES)
    dimension = GRID_DIMENSIONS.index(d) if d in GRID_DIMENSIONS else len(GRID_DIMENSIONS)
    return (row["year"], measure, m, dimension, d, row["category"] not in WHOLE, row["category"])


def expand(rec: dict[str, str], line: int) -> Iterable[dict[str, str]]:
    """One input row (several years and measures) -> one row per year and measure."""
    measures = rec["measures"].split(";") if rec["measures"] else list(HEADLINE_MEASURES)
    for year in rec["years"].split(";"):
        for measure in measures:
            yield {
                "year": year,
                "measure": measure,
                "dimension": rec["dimension"],
                "category": rec["category"],
                "state": rec["state"],
                "evidence": rec["evidence"],
                "source_id": rec["source_id"],
                "release_source_id": rec["release_source_id"],
                "line": str(line),
            }


def build_availability(published: Published, releases: dict[str, str]) -> list[dict[str, str]]:
    """Every gap with its state; `releases` maps each year to its release's source_id."""
    curated: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for line, rec in enumerate(read("availability.csv"), start=2):
        for row in expand(rec, line):
            key = (row["year"], row["measure"], row["dimension"], row["category"])
            where = f"inputs/availability.csv line {line}: {' | '.join(key)}"
            if key in curated:
                raise AvailabilityError(f"{where} repeats line {curated[key]['line']}")
            if row["year"] not in releases:
                raise AvailabilityError(f"{where}: {row['year']} has no release in releases.csv")
            if row["state"] not in STATES:
                raise AvailabilityError(f"{where}: state {row['state']!r} is not one of {', '.join(STATES)}")
            whole = row["category"] in WHOLE
            if whole and published.breakdown_has_figures(row["year"], row["measure"], row["dimension"]):
                raise AvailabilityError(f"{where}: the breakdown has published figures, so it is not a gap")
            if not whole and published.category_has_figures(*key):
                raise AvailabilityError(f"{where}: the category has a published figure, so it is not a gap")
            curated[key] = row

    rows: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for year in sorted(releases):
        for measure in HEADLINE_MEASURES:
            for dimension in GRID_DIMENSIONS:
                if published.breakdown_has_figures(year, measure, dimension):
                    continue
                key = (year, measure, dimension, "All" if dimension == "total" else "*")
                rows[key] = curated.pop(key, None) or {
                    "year": year,
                    "measure": measure,
                    "dimension": dimension,
                    "category": key[3],
                    "state": "not in this dataset",
                    "evidence": DEFAULT_EVIDENCE,
                    "source_id": "",
                    "release_source_id": "",
                }
    rows.update(curated)  # single categories, and dimensions outside the grid
    out = []
    for row in rows.values():
        if row["state"] == "not in this dataset" and not row["release_source_id"]:
            row = {**row, "release_source_id": releases[row["year"]]}
        out.append(row)
    return sorted(out, key=order_key)


def published_from(fig_rows: Iterable[tuple], other_rows: Iterable[tuple], group_of) -> Published:
    """From the built rows: figures as (Row, is preferred, ...) and other figures as (Row, is preferred)."""
    figures = set()
    for r, preferred, *_ in fig_rows:
        if not preferred:
            continue
        cross = bool(r.cross_dimension)  # a cross-tab publishes its two categories, not the breakdowns
        figures.add((r.year, r.measure, r.dimension, r.main_category, group_of(r.dimension, r.main_category), cross))
        if cross:
            cross_group = group_of(r.cross_dimension, r.cross_category)
            figures.add((r.year, r.measure, r.cross_dimension, r.cross_category, cross_group, True))
    # Other figures publish the breakdowns that figures.csv has no dimension for (ethnicity, mental health).
    other = {
        (r.year, r.measure, r.dimension) for r, preferred in other_rows if preferred and r.dimension not in DIMENSIONS
    }
    return Published(frozenset(figures), frozenset(other))
