"""Turn the reference table of published Prevent figures into the curated tables.

Every decision is a rule, either below (patterns and rankings) or as a row of a table in
tools/curate/inputs/ (labels, sources, overrides), with its reason next to it:

* which table a row belongs in (`figures` for counts and shares of referrals and Channel
  stages, `other_figures` for changes, quarters, rates, mental health and ethnicity);
  fixed labels in inputs/label_routes.csv, patterns in `route`;
* the canonical label of a category within its year (one published label per year, so a
  breakdown never counts the same category twice; the source's own wording is kept in
  `label_as_printed`): inputs/canonical_labels.csv;
* what a percentage is a share of (`percent_of`);
* quality (`doubtful` for values the notes flag as garbled, typos or conflicting; `low` for
  the one low-quality rewrite site; inputs/settings.toml and inputs/quality_overrides.csv)
  and which value is preferred.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from inputs import read, settings

OFFICIAL = "official"
PARLIAMENTARY = "parliamentary"
SECONDARY = "secondary"

SETTINGS = settings()
DIMENSION_NAMES: dict[str, str] = SETTINGS["dimension_names"]

# Canonical labels within a year: (dimension, year, label as printed) -> category (inputs/canonical_labels.csv).
CANONICAL_LABELS = {
    (r["dimension"], r["year"], r["label_as_printed"]): r["category"] for r in read("canonical_labels.csv")
}

# Second parts of cross-tab categories ("A / B") and the dimension they belong to (inputs/cross_parts.csv).
CROSS_PART_DIMENSION = {r["label"]: r["dimension"] for r in read("cross_parts.csv")}


def canonical(year: str, dimension: str, label: str) -> str:
    return CANONICAL_LABELS.get((dimension, year, label), label)


# --------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------
@dataclass
class Row:
    ref_line: int  # line in the reference CSV (header = line 1)
    year: str
    measure: str
    dimension: str
    category: str
    count: int | None
    percent: float | None
    source_id: str
    kind: str
    quote_hint: str
    label_as_printed: str
    main_category: str = ""
    cross_dimension: str = ""
    cross_category: str = ""
    percent_of: str = ""
    quality: str = "ok"
    restated: bool = False
    note: str = ""
    merged_lines: list[int] = field(default_factory=list)
    # other_figures only
    topic: str = ""
    period: str = ""
    percent_change: float | None = None
    rate_per_million: float | None = None


# The sources of figures (inputs/sources.csv, cited_for = figures), by address, kind and date.
FIGURE_SOURCES = [s for s in read("sources.csv") if s["cited_for"] == "figures"]
SOURCE_BY_URL = {s["url"]: s["source_id"] for s in FIGURE_SOURCES}
SOURCE_BY_URL.update({a["url"]: a["source_id"] for a in read("url_aliases.csv")})
SOURCE_KIND = {s["source_id"]: s["kind"] for s in FIGURE_SOURCES}
SOURCE_DATE = {s["source_id"]: s["published"] for s in FIGURE_SOURCES}

DOUBTFUL_MARKERS = tuple(SETTINGS["quality"]["doubtful_markers"])
LOW_QUALITY_SOURCES = frozenset(SETTINGS["quality"]["low_quality_sources"])

# Reference lines whose quality is set by hand, with the reason (inputs/quality_overrides.csv).
QUALITY_OVERRIDES = {int(r["reference_line"]): (r["quality"], r["note"]) for r in read("quality_overrides.csv")}


def quality_of(source_id: str, hint: str) -> str:
    if source_id in LOW_QUALITY_SOURCES:
        return "low"
    h = hint.lower()
    if any(m in h for m in DOUBTFUL_MARKERS):
        return "doubtful"
    return "ok"


def num(value: str) -> float | None:
    return float(value) if value.strip() else None


def whole(value: str) -> int | None:
    return int(value) if value.strip() else None


# What the percent is a share of, by pattern. First match wins; rows with no percent get "".
def percent_base(r: Row) -> str:
    h = r.quote_hint.lower()
    m, d, c = r.measure, r.dimension, r.main_category
    if r.percent is None:
        return ""
    if r.cross_dimension:
        if c == "North East" and r.cross_dimension == "gender":
            return "referrals in the North East"
        if c == "North East" and r.cross_dimension == "ideology":
            return f"{r.cross_category.lower()} referrals in the North East"
        if d == "ideology":
            return f"{c.lower()} referrals"
    if m == "referrals":
        if d == "gender" and r.year >= "2020/21":
            return "referrals where gender was specified"
        if d == "age_group" and ("age known" in h or "known age" in h or "where age" in h):
            return "referrals where age was known"
        if d == "age_group" and r.year in ("2020/21", "2021/22", "2024/25"):
            # The releases (2020/21, 2021/22) and the PA copy (2024/25) give age shares of those with age known.
            return "referrals where age was known"
        if d == "ideology" and c == "No ideology":
            return "referrals with a type of concern recorded"
        if d == "outcome" and c == "Signposted to other services":
            return "referrals assessed as not suitable for Channel"
        return "all referrals"
    if m == "discussed_at_channel":
        return "all referrals" if d == "total" else "referrals discussed at a Channel panel"
    if m == "adopted_as_channel_case":
        if d == "total":
            return "all referrals"
        if d == "ideology" and c == "No ideology":
            return "referrals with no ideology"
        if d == "age_group" and c == "Under 18" and r.year == "2020/21":
            return "referrals of under-18s"
        return "Channel cases (people adopted or supported)"
    if m in ("left_channel", "dropped_out_of_channel"):
        return "people who received Channel support"
    if m == "left_channel_no_further_concern":
        return "people who left Channel"
    raise ValueError(f"no percent base rule for line {r.ref_line}: {m} {d} {c}")


# Reference labels with a fixed destination (inputs/label_routes.csv); first match wins.
LABEL_ROUTES = read("label_routes.csv")
PERCENT_CHANGE_MEASURES: dict[str, str] = SETTINGS["percent_change_measures"]
QUARTER_RE = re.compile(r"^(?P<label>.+) \| (?P<period>Q\d [A-Za-z]{3}-[A-Za-z]{3} \d{4})$")


def read_reference(path: Path) -> tuple[list[Row], list[Row], list[tuple[int, str]]]:
    figures: list[Row] = []
    others: list[Row] = []
    excluded: list[tuple[int, str]] = []
    with path.open(newline="", encoding="utf-8") as fh:
        for line, rec in enumerate(csv.DictReader(fh), start=2):
            source_id = SOURCE_BY_URL[rec["source_url"]]
            dim = DIMENSION_NAMES.get(rec["dimension"], rec["dimension"])
            hint = rec["quote_hint"]
            row = Row(
                ref_line=line,
                year=rec["year"],
                measure=rec["measure"],
                dimension=dim,
                category=rec["category"],
                count=whole(rec["count"]),
                percent=num(rec["percent"]),
                source_id=source_id,
                kind=SOURCE_KIND[source_id],
                quote_hint=hint,
                label_as_printed=rec["category"],
                quality=quality_of(source_id, hint),
                restated="restated" in hint.lower(),
            )
            if line in QUALITY_OVERRIDES:
                row.quality, row.note = QUALITY_OVERRIDES[line]
            target = route(row, excluded)
            if target == "figures":
                split_cross(row)
                row.percent_of = percent_base(row)
                figures.append(row)
            elif target == "other":
                others.append(row)
    return figures, others, excluded


def route(r: Row, excluded: list[tuple[int, str]]) -> str:
    """Decide where a row goes, rewriting measure/dimension/category as needed."""
    if r.measure == "left_channel_no_further_concern":
        return "figures"
    if r.measure != "other":
        if r.count is None and r.percent is None:
            excluded.append((r.ref_line, f"{r.year} {r.category}: no exact number ({r.quote_hint})"))
            return "none"
        return "figures"
    fixed = label_route(r)
    if fixed is not None:
        return apply_label_route(r, fixed, excluded)
    cat = r.category
    if r.dimension == "region" and cat.startswith("North East / ") and r.year == "2016/17":
        # Examiner: shares of the region's Islamist / right-wing referrals "receiving support".
        r.measure = "adopted_as_channel_case"
        return "figures"
    if r.dimension == "region" and cat.startswith("Fascination with extreme violence: "):
        region = cat.split(": ", 1)[1]
        r.measure = "referrals"
        r.category = f"{region} / Fascination with extreme violence or mass casualty attacks (where no other ideology)"
        return "figures"
    # --- everything else goes to other_figures -----------------------------------------
    m = QUARTER_RE.match(cat)
    if m:
        r.topic, r.period = "quarterly", m["period"]
        r.measure = "referrals"
        label = m["label"]
        r.dimension = "total" if label == "All" else "ideology"
        r.category = canonical(r.year, r.dimension, label)
        return "other"
    change = re.match(r"^Percent (increase|decrease) in (.+) vs previous year$", cat)
    if change:
        sign = 1 if change[1] == "increase" else -1
        r.measure = PERCENT_CHANGE_MEASURES[change[2]]
        r.topic, r.dimension, r.category = "percent_change", "total", "All"
        r.percent_change, r.percent = sign * (r.percent or 0), None
        return "other"
    change = re.match(r"^(.+) \(percent (increase|decrease) vs previous year\)$", cat)
    if change:
        sign = 1 if change[2] == "increase" else -1
        r.topic, r.measure, r.category = "percent_change", "referrals", change[1]
        r.percent_change, r.percent = sign * (r.percent or 0), None
        return "other"
    eth = re.match(r"^Ethnicity: (\w+) \((count )?where recorded\)$", cat)
    if eth:
        r.topic, r.measure, r.dimension, r.category = "ethnicity", "referrals", "ethnicity", eth[1]
        r.percent_of = "referrals with ethnicity recorded" if r.percent is not None else ""
        return "other"
    raise ValueError(f"unrouted reference line {r.ref_line}: {r.measure} {r.dimension} {cat}")


def label_route(r: Row) -> dict[str, str] | None:
    """The first row of label_routes.csv that matches the reference row's label, dimension and year."""
    for fixed in LABEL_ROUTES:
        if fixed["reference_dimension"] not in ("", r.dimension) or fixed["reference_year"] not in ("", r.year):
            continue
        label = fixed["reference_label"]
        if r.category == label or (fixed["match"] == "prefix" and r.category.startswith(label)):
            return fixed
    return None


def apply_label_route(r: Row, fixed: dict[str, str], excluded: list[tuple[int, str]]) -> str:
    if fixed["table"] == "excluded":
        excluded.append((r.ref_line, f"{r.year} {r.category}: {fixed['reason']}"))
        return "none"
    r.measure = fixed["measure"]
    r.dimension = fixed["dimension"] or r.dimension
    r.category = fixed["category"] or r.category
    if fixed["table"] == "figures":
        return "figures"
    r.topic, r.period = fixed["topic"], fixed["period"]
    if fixed["percent_of"] and r.percent is not None:
        r.percent_of = fixed["percent_of"]
    if fixed["value"] == "percent_change":
        # The published percent is a change, not a share.
        r.percent_change, r.percent = r.percent, None
    elif fixed["value"] == "rate_per_million_in_hint":
        # The rate is in the report's text, kept in the reference row's quote_hint.
        rate = re.search(r"(\d+(?:\.\d+)?) per million", r.quote_hint)
        if rate is None:
            raise ValueError(f"reference line {r.ref_line}: no 'per million' rate in {r.quote_hint!r}")
        r.rate_per_million = float(rate[1])
    return "other"


def split_cross(r: Row) -> None:
    """Canonicalise the category and split cross-tabs ("A / B") into their parts."""
    if " / " in r.category:
        main, cross = r.category.split(" / ", 1)
        cross_dim = "ideology" if cross.startswith("Fascination with extreme violence") else CROSS_PART_DIMENSION[cross]
        main = canonical(r.year, r.dimension, main)
        cross = canonical(r.year, cross_dim, cross)
        r.main_category, r.cross_dimension, r.cross_category = main, cross_dim, cross
        r.category = f"{main} / {cross}"
    else:
        r.category = canonical(r.year, r.dimension, r.category)
        r.main_category = r.category


# --------------------------------------------------------------------------------------
# Figures the reference table does not hold
# --------------------------------------------------------------------------------------
def extra_figure_rows() -> list[Row]:
    """Figures from inputs/extra_figures.csv, e.g. the 2018/19 shares in the seed article."""
    out = []
    for rec in read("extra_figures.csv"):
        r = Row(
            ref_line=0,
            year=rec["year"],
            measure=rec["measure"],
            dimension=rec["dimension"],
            category=rec["category"],
            count=whole(rec["count"]),
            percent=num(rec["percent"]),
            source_id=rec["source_id"],
            kind=SOURCE_KIND[rec["source_id"]],
            quote_hint=rec["quote_hint"],
            label_as_printed=rec["category"],
        )
        split_cross(r)
        r.percent_of = rec["percent_of"]
        r.note = rec["note"]
        out.append(r)
    return out


def extra_other_rows() -> list[Row]:
    """Other figures from inputs/extra_other_figures.csv."""
    return [
        Row(
            ref_line=0,
            year=rec["year"],
            measure=rec["measure"],
            dimension=rec["dimension"],
            category=rec["category"],
            count=whole(rec["count"]),
            percent=num(rec["percent"]),
            source_id=rec["source_id"],
            kind=SOURCE_KIND[rec["source_id"]],
            quote_hint=rec["quote_hint"],
            label_as_printed=rec["category"],
            percent_of=rec["percent_of"],
            topic=rec["topic"],
            period=rec["period"],
            percent_change=num(rec["percent_change"]),
            rate_per_million=num(rec["rate_per_million"]),
            note=rec["note"],
        )
        for rec in read("extra_other_figures.csv")
    ]
