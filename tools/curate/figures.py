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
import math
import re
from collections import defaultdict
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


# --------------------------------------------------------------------------------------
# Merging and preference
# --------------------------------------------------------------------------------------
def figure_key(r: Row) -> tuple[str, ...]:
    return (r.year, r.measure, r.dimension, r.category)


def other_key(r: Row) -> tuple[str, ...]:
    return (r.year, r.period, r.topic, r.measure, r.dimension, r.category)


def merge_same_source(rows: list[Row], key) -> list[Row]:
    """One source stating one figure twice (e.g. in a table and in the text) is one row."""
    merged: dict[tuple, Row] = {}
    out: list[Row] = []
    for r in rows:
        k = (*key(r), r.source_id)
        prev = merged.get(k)
        compatible = (
            prev is not None
            and (prev.count is None or r.count is None or prev.count == r.count)
            and (prev.percent is None or r.percent is None or prev.percent == r.percent)
            and prev.quality == r.quality
        )
        if compatible:
            prev.count = prev.count if prev.count is not None else r.count
            prev.percent = prev.percent if prev.percent is not None else r.percent
            if prev.percent_of == "" and r.percent_of:
                prev.percent_of = r.percent_of
            if r.label_as_printed != prev.label_as_printed and r.label_as_printed not in prev.label_as_printed:
                prev.label_as_printed += f"; {r.label_as_printed}"
            prev.merged_lines.append(r.ref_line)
            continue
        merged[k] = r
        out.append(r)
    return out


KIND_RANK = {OFFICIAL: 0, PARLIAMENTARY: 1, SECONDARY: 2}
QUALITY_RANK = {"ok": 0, "doubtful": 1, "low": 2}


def date_rank(source_id: str) -> str:
    return SOURCE_DATE.get(source_id) or "9999-99-99"


def choose_preferred(
    rows: list[Row], base_counts: dict[tuple[str, ...], int | None] | None = None
) -> tuple[Row, Row | None, str]:
    """Return (preferred row, preferred-percent row, reason). With `base_counts` (the preferred count of
    every figure), the reason also says where the count and the share beside it disagree."""
    counts_by_kind: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        if r.count is not None and r.quality == "ok":
            counts_by_kind[r.kind].add(r.count)

    def restatement_rank(r: Row) -> int:
        # A restatement wins over the first value only where the two values differ.
        conflicting = len(counts_by_kind[r.kind]) > 1
        return 0 if (conflicting and r.restated) else 1

    def key(r: Row):
        official_recency = "" if r.kind != OFFICIAL else "".join(chr(255 - ord(ch)) for ch in date_rank(r.source_id))
        return (
            QUALITY_RANK[r.quality],
            r.count is None,
            KIND_RANK[r.kind],
            restatement_rank(r),
            official_recency,
            r.percent is None,
            date_rank(r.source_id),
            r.source_id,
        )

    ordered = sorted(rows, key=key)
    best = ordered[0]
    with_pct = [r for r in ordered if r.percent is not None]
    pct_row = None
    if best.percent is not None:
        pct_row = best
    elif with_pct:
        same_base = [r for r in with_pct if r.quality == "ok"] or with_pct
        pct_row = same_base[0]
    share_conflict = share_disagreement(best, pct_row, base_counts) if base_counts is not None else ""
    return best, pct_row, describe_reason(best, ordered, share_conflict)


def describe_reason(best: Row, ordered: list[Row], share_conflict: str = "") -> str:
    """Why `best` is preferred; `share_conflict` (see share_disagreement) is added where the count and
    the share shown beside it disagree."""
    others = [r for r in ordered if r is not best]
    if not others:
        return "; ".join(["only value", share_conflict]) if share_conflict else "only value"
    ok_counts = {r.count for r in ordered if r.count is not None and r.quality == "ok"}
    all_counts = {r.count for r in ordered if r.count is not None}
    parts = []
    if best.count is None and all_counts:
        parts.append("every count given is flagged doubtful; the published share is shown")
    elif len(all_counts) <= 1 and share_conflict:
        parts.append("the only count, preferred over a share alone (rule 2.2)")
    elif len(all_counts) <= 1:
        parts.append("sources agree")
    else:
        if best.kind == OFFICIAL:
            parts.append("official release preferred")
        elif best.kind == PARLIAMENTARY:
            parts.append("parliamentary answer quoting the release preferred")
        if best.restated and len(ok_counts) > 1:
            parts.append("later restatement preferred over first publication")
        if any(r.quality != "ok" for r in others):
            parts.append("other value(s) flagged doubtful or low quality")
    if share_conflict:
        parts.append(share_conflict)
    return "; ".join(parts) or "best-ranked source"


# --------------------------------------------------------------------------------------
# A count and the share shown beside it that disagree
# --------------------------------------------------------------------------------------
# What a share is of (`percent_of`) -> the figure that is its base, in the same year. Shares of
# other bases (e.g. "right-wing referrals in the North East") are not checked.
SHARE_BASES: dict[str, tuple[str, str, str]] = {
    "all referrals": ("referrals", "total", "All"),
    "Channel cases (people adopted or supported)": ("adopted_as_channel_case", "total", "All"),
    "referrals discussed at a Channel panel": ("discussed_at_channel", "total", "All"),
    "referrals where age was known": ("referrals", "age_group", "Age known (base)"),
    "referrals where gender was specified": ("referrals", "gender", "Gender specified (base)"),
    "referrals with a type of concern recorded": ("referrals", "ideology", "Type of concern specified (base)"),
}
# A printed share may have been rounded twice (20.48 -> 20.5 -> 21), so a count and a share agree
# when the count's share of the base is within 0.55 units of the last printed digit of the share.
ROUNDING_ALLOWANCE = 0.55


def decimals(percent: float) -> int:
    text = f"{percent:g}"
    return len(text.split(".", 1)[1]) if "." in text else 0


def share_disagreement(best: Row, pct: Row | None, base_counts: dict[tuple[str, ...], int | None]) -> str:
    """'' if the preferred count and the share shown beside it agree (or cannot be compared); else why not.

    The comparison uses the preferred count of the share's base figure in the same year (SHARE_BASES);
    the numbers in the text explain the flag and are not stored as figures."""
    if best.count is None or pct is None or pct.percent is None or pct.percent_of not in SHARE_BASES:
        return ""
    base = base_counts.get((best.year, *SHARE_BASES[pct.percent_of]))
    if not base:
        return ""
    unit = 10 ** -decimals(pct.percent)
    calculated = 100 * best.count / base
    if abs(calculated - pct.percent) <= ROUNDING_ALLOWANCE * unit + 1e-9:
        return ""
    low = math.ceil((pct.percent - unit / 2) * base / 100 - 1e-9)
    high = math.floor((pct.percent + unit / 2) * base / 100 + 1e-9)
    places = decimals(pct.percent) + 1
    return (
        f"the count and the published share disagree beyond rounding: {best.count:,} ({best.source_id}) is "
        f"{calculated:.{places}f}% of {base:,}, the published number of {pct.percent_of}, while {pct.percent:g}% ({pct.source_id}) "
        f"of {base:,} is {low:,} to {high:,}; both are kept as published"
    )
