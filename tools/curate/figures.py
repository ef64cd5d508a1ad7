"""Turn the reference table of published Prevent figures into the curated tables.

Every decision is a rule below, with its reason next to it:

* which table a row belongs in (`figures` for counts and shares of referrals and Channel
  stages, `other_figures` for changes, quarters, rates, mental health and ethnicity);
* the canonical label of a category within its year (one published label per year, so a
  breakdown never counts the same category twice; the source's own wording is kept in
  `label_as_printed`);
* what a percentage is a share of (`percent_of`);
* quality (`doubtful` for values the notes flag as garbled, typos or conflicting; `low` for
  the one low-quality rewrite site) and which value is preferred.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sources import OFFICIAL, PARLIAMENTARY, SECONDARY, SOURCES, URL_ALIASES

DIMENSION_NAMES = {"type_of_concern": "ideology"}

# --------------------------------------------------------------------------------------
# Canonical labels within a year
# --------------------------------------------------------------------------------------
IDEOLOGY_LABELS_BY_YEAR: dict[str, dict[str, str]] = {
    # 2015/16: the release's table (quoted in PQ 114556) says "Extreme Right Wing"; news copy says "Right-wing".
    "2015/16": {"Right-wing": "Extreme Right Wing"},
    # 2021/22-2023/24: reports write "Extreme right-wing"; CTP's 2022/23 release writes "Extreme Right Wing".
    "2021/22": {"Extreme Right Wing": "Extreme right-wing"},
    "2022/23": {"Extreme Right Wing": "Extreme right-wing"},
    "2023/24": {"Extreme Right Wing": "Extreme right-wing"},
    # 2024/25: Table 6 of the release (reproduced by Muslim News) gives the labels; reports vary.
    "2024/25": {
        "Extreme right-wing": "Extreme Right Wing",
        "Islamist": "Islamist Extremism",
        "Islamist extremism": "Islamist Extremism",
        "Left-wing extremism": "Left Wing Extremism",
        "Fascination with extreme violence or mass casualty attacks": (
            "Fascination with extreme violence or mass casualty attacks (where no other ideology)"
        ),
        "No ideology (no clear ideology)": "No ideology",
        "No ideology (no identified ideology)": "No ideology",
        "No ideology (no specific ideology identified)": "No ideology",
        "Extreme right wing plus Islamist extremist (combined)": "Extreme Right Wing and Islamist Extremism (combined)",
        "Extreme right wing plus Islamist (combined)": "Extreme Right Wing and Islamist Extremism (combined)",
    },
}
AGE_LABELS_BY_YEAR: dict[str, dict[str, str]] = {
    # TrainingTrust's "under 20" is the same 58% the official 2019/20 release calls "20 or under".
    "2018/19": {"Under 20": "20 or under"},
    # The written answer's "17 and under" is the same 3,773 that PA calls "under 18".
    "2022/23": {"17 and under": "Under 18"},
    # Most sources (PA, LBC, The National) say "10 or under"; two say "under 10".
    "2024/25": {"Under 10 (as printed)": "10 or under"},
}

# Second parts of cross-tab categories ("A / B") and the dimension they belong to.
CROSS_PART_DIMENSION = {
    "Islamist": "ideology",
    "Right-wing": "ideology",
    "Under 15": "age_group",
    "15 to 20": "age_group",
    "Under 18": "age_group",
    "20 or under": "age_group",
    "15 or over (20 or under)": "age_group",
    "41 to 50": "age_group",
    "51 to 60": "age_group",
    "Female": "gender",
    "Male": "gender",
    "Community": "sector",
    "Education": "sector",
    "Friends and family": "sector",
    "Health": "sector",
    "Local Authority": "sector",
    "Police": "sector",
    "Prisons": "sector",
}


def canonical(year: str, dimension: str, label: str) -> str:
    if dimension == "ideology":
        return IDEOLOGY_LABELS_BY_YEAR.get(year, {}).get(label, label)
    if dimension == "age_group":
        return AGE_LABELS_BY_YEAR.get(year, {}).get(label, label)
    return label


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


SOURCE_BY_URL = {s[1]: s[0] for s in SOURCES}
SOURCE_BY_URL.update(URL_ALIASES)
SOURCE_KIND = {s[0]: s[5] for s in SOURCES}
SOURCE_DATE = {s[0]: s[4] for s in SOURCES}

DOUBTFUL_MARKERS = ("garbled", "typo", "likely transposition", "conflicts with", "year unstated", "conflicts 612")


# Reference lines whose hint mentions a typo that is not in the value itself.
QUALITY_OVERRIDES = {
    288: (
        "ok",
        "The written answer labels the row '2020/19'; the value is read as 2020/21 (the five years add up to the table's total).",
    ),
}


def quality_of(source_id: str, hint: str) -> str:
    if source_id == "tokyonews24-2025-11":
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


# Rows of the reference table that are not stored, with the reason.
EXCLUDED_NO_VALUE = {
    "At least one mental health or neurodiversity condition": "Guardian's 'just over a third' is not exact; LBC/PA give 2,955 (34%).",
}

CHANNEL_DETAIL = {
    "Dropped out of Channel": "dropped_out_of_channel",
    "Left Channel process": "left_channel",
    "Still receiving Channel support": "still_receiving_channel_support",
    "Withdrew from Channel": "withdrew_from_channel",
    "Left Channel with outstanding concerns": "left_channel_with_outstanding_concerns",
}
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
    cat = r.category
    if r.dimension == "outcome" and cat in CHANNEL_DETAIL:
        r.measure, r.dimension, r.category = CHANNEL_DETAIL[cat], "total", "All"
        return "figures"
    if r.dimension == "region" and cat.startswith("North East / ") and r.year == "2016/17":
        # Examiner: shares of the region's Islamist / right-wing referrals "receiving support".
        r.measure = "adopted_as_channel_case"
        return "figures"
    if r.dimension == "region" and cat.startswith("Fascination with extreme violence: "):
        region = cat.split(": ", 1)[1]
        r.measure = "referrals"
        r.category = f"{region} / Fascination with extreme violence or mass casualty attacks (where no other ideology)"
        return "figures"
    if cat in EXCLUDED_NO_VALUE:
        excluded.append((r.ref_line, f"{r.year} {cat}: {EXCLUDED_NO_VALUE[cat]}"))
        return "none"
    # --- everything else goes to other_figures -----------------------------------------
    m = QUARTER_RE.match(cat)
    if m:
        r.topic, r.period = "quarterly", m["period"]
        r.measure = "referrals"
        label = m["label"]
        r.dimension = "total" if label == "All" else "ideology"
        r.category = canonical(r.year, r.dimension, label)
        return "other"
    if cat == "Referrals in quarter January to March 2025":
        r.topic, r.period, r.measure, r.dimension, r.category = (
            "quarterly",
            "Q4 Jan-Mar 2025",
            "referrals",
            "total",
            "All",
        )
        return "other"
    if r.dimension == "ideology" and cat == "Right-wing":
        r.topic, r.measure = "channel_stage_unclear", "referred_to_channel_stage_unclear"
        r.percent_of = "right-wing referrals (the stage of the Channel process is not clear from the report)"
        return "other"
    if r.dimension == "region" and cat == "North East / Right-wing" and r.year == "2019/20":
        r.topic, r.measure, r.dimension = "rate_per_million", "referrals", "region"
        r.category = "North East / Right-wing"
        r.rate_per_million = 33.4  # in the report's text; stored in quote_hint of the reference row
        return "other"
    change = re.match(r"^Percent (increase|decrease) in (.+) vs previous year$", cat)
    if change:
        sign = 1 if change[1] == "increase" else -1
        what = change[2]
        r.measure = {
            "referrals": "referrals",
            "Channel cases adopted": "adopted_as_channel_case",
            "referrals discussed at Channel panel": "discussed_at_channel",
        }[what]
        r.topic, r.dimension, r.category = "percent_change", "total", "All"
        r.percent_change, r.percent = sign * (r.percent or 0), None
        return "other"
    change = re.match(r"^(.+) \(percent (increase|decrease) vs previous year\)$", cat)
    if change:
        sign = 1 if change[2] == "increase" else -1
        r.topic, r.measure, r.category = "percent_change", "referrals", change[1]
        r.percent_change, r.percent = sign * (r.percent or 0), None
        return "other"
    if cat == "Education share of all referrals since 2015/16 (cumulative)":
        r.topic, r.measure, r.category, r.period = "cumulative_share", "referrals", "Education", "2015/16 to 2022/23"
        r.percent_of = "all referrals since 2015/16"
        return "other"
    if cat.startswith("Education referrals classed vulnerability but no ideology"):
        r.topic, r.measure, r.category = (
            "percent_change",
            "referrals",
            "Education / Vulnerability present but no ideology or CT risk",
        )
        r.period = "since before Covid (base year not stated)"
        r.percent_change, r.percent = r.percent, None
        return "other"
    if cat.startswith("Change in referrals 29 Jul 2024-31 Mar 2025"):
        r.topic, r.measure, r.dimension, r.category = "percent_change", "referrals", "total", "All"
        r.period = "29 Jul 2024 to 31 Mar 2025, against the same period a year earlier"
        r.percent_change, r.percent = r.percent, None
        return "other"
    if cat == "Change in referrals discussed at Channel panel vs previous year":
        r.topic, r.measure, r.dimension, r.category = "percent_change", "discussed_at_channel", "total", "All"
        r.percent_change, r.percent = r.percent, None
        return "other"
    mh = {
        "At least one mental health or neurodiversity condition recorded": "At least one mental health or neurodiversity condition recorded",
        "Autism Spectrum Disorder recorded": "Autistic spectrum disorder (ASD) recorded",
        "Autistic Spectrum Disorder (ASD) recorded": "Autistic spectrum disorder (ASD) recorded",
        "Autistic spectrum disorder (ASD) recorded": "Autistic spectrum disorder (ASD) recorded",
        "No mental health or neurodiversity information recorded": "No mental health or neurodiversity information recorded",
    }
    if cat in mh:
        r.topic, r.measure, r.dimension, r.category = (
            "mental_health_neurodiversity",
            "referrals",
            "mental_health_neurodiversity",
            mh[cat],
        )
        r.percent_of = "all referrals" if r.percent is not None else ""
        return "other"
    eth = re.match(r"^Ethnicity: (\w+) \((count )?where recorded\)$", cat)
    if eth:
        r.topic, r.measure, r.dimension, r.category = "ethnicity", "referrals", "ethnicity", eth[1]
        r.percent_of = "referrals with ethnicity recorded" if r.percent is not None else ""
        return "other"
    raise ValueError(f"unrouted reference line {r.ref_line}: {r.measure} {r.dimension} {cat}")


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
SEED = "independent-2020-03-09"


def seed_article_rows() -> list[Row]:
    """The 2018/19 shares in the seed article (The Independent, 9 March 2020).

    'More than 5,700', 'a quarter' (no further action) and 'half' (passed on) are not exact
    and are not stored."""
    out = []
    shares = [
        ("referrals", "ideology", "Islamist", 24, "Suspected Islamists ... 24 per cent of the total"),
        ("referrals", "ideology", "Right-wing", 24, "far-right extremists ... 24 per cent of the total"),
        (
            "referrals",
            "ideology",
            "Mixed, unstable or unclear",
            38,
            "38 per cent ... 'mixed, unstable or unclear ideology'",
        ),
        ("referrals", "ideology", "Other", 14, "14 per cent ... other types of radicalisation"),
        ("discussed_at_channel", "total", "All", 23, "23 per cent were considered by the Channel scheme"),
    ]
    for measure, dim, cat, pct, hint in shares:
        r = Row(
            ref_line=0,
            year="2018/19",
            measure=measure,
            dimension=dim,
            category=cat,
            count=None,
            percent=float(pct),
            source_id=SEED,
            kind=SECONDARY,
            quote_hint=hint,
            label_as_printed=cat,
        )
        split_cross(r)
        r.percent_of = "all referrals"
        r.note = "Seed article (The Independent, 9 March 2020)."
        out.append(r)
    return out


def extra_other_rows() -> list[Row]:
    return [
        Row(
            ref_line=0,
            year="2019/20",
            measure="referrals",
            dimension="region",
            category="North East",
            count=None,
            percent=None,
            source_id="yorkshirepost-2020",
            kind=SECONDARY,
            quote_hint="114.8 referrals per million (in the text of reference line 252)",
            label_as_printed="North East",
            topic="rate_per_million",
            rate_per_million=114.8,
            note="North East region including Yorkshire and the Humber.",
        )
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


def choose_preferred(rows: list[Row]) -> tuple[Row, Row | None, str]:
    """Return (preferred row, preferred-percent row, reason)."""
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
    reason = describe_reason(best, ordered)
    with_pct = [r for r in ordered if r.percent is not None]
    pct_row = None
    if best.percent is not None:
        pct_row = best
    elif with_pct:
        same_base = [r for r in with_pct if r.quality == "ok"] or with_pct
        pct_row = same_base[0]
    return best, pct_row, reason


def describe_reason(best: Row, ordered: list[Row]) -> str:
    others = [r for r in ordered if r is not best]
    if not others:
        return "only value"
    ok_counts = {r.count for r in ordered if r.count is not None and r.quality == "ok"}
    all_counts = {r.count for r in ordered if r.count is not None}
    parts = []
    if best.count is None and all_counts:
        parts.append("every count given is flagged doubtful; the published share is shown")
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
    return "; ".join(parts) or "best-ranked source"
