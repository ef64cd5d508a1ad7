"""Build data/published/*.csv from the reference material.

    python tools/curate/build.py          # reads tools/curate/reference/, writes data/published/

The output is committed; this script documents how it was made and remakes it byte for byte.
The app does not use it; tests/test_curation.py checks that it still rebuilds the committed files.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import categories as C
import recommendations as R
from figures import (
    Row,
    choose_preferred,
    extra_other_rows,
    figure_key,
    merge_same_source,
    other_key,
    read_reference,
    seed_article_rows,
)
from sources import REPORT_SOURCES, SOURCES

YEARS = ["2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25"]

RELEASES = [
    # year, source_id, statistics status, case system, note
    (
        "2015/16",
        "ho-release-2015-16",
        "Not recorded (PDF release not available to the project)",
        "PCM (referrals) and a separate Channel system",
        "First release. 'Received Channel support' is the Channel measure until 2017/18.",
    ),
    (
        "2016/17",
        "ho-release-2016-17",
        "Not recorded (PDF release not available to the project)",
        "PCM (referrals) and a separate Channel system",
        "",
    ),
    (
        "2017/18",
        "ho-release-2017-18",
        "Not recorded (PDF release not available to the project)",
        "PCM (referrals) and a separate Channel system",
        "'Mixed, unstable or unclear' first used.",
    ),
    (
        "2018/19",
        "ho-release-2018-19",
        "Not recorded (PDF release not available to the project)",
        "PCM (referrals) and a separate Channel system",
        "'Adopted as a Channel case' replaces 'received Channel support'. Totals restated in the 2019/20 release (5,738 to 5,737; discussed 1,320 to 1,328; adopted 561 to 556).",
    ),
    ("2019/20", "ho-release-2019-20", "Experimental Statistics", "PCM (referrals) and a separate Channel system", ""),
    (
        "2020/21",
        "ho-release-2020-21",
        "Experimental Statistics",
        "PCM (referrals) and a separate Channel system",
        "Referrals fell during COVID-19 restrictions.",
    ),
    (
        "2021/22",
        "ho-release-2021-22",
        "Experimental Statistics",
        "PCM (referrals) and a separate Channel system",
        "Finer type-of-concern categories in use.",
    ),
    (
        "2022/23",
        "ho-release-2022-23",
        "Official statistics in development",
        "PCM (referrals) and a separate Channel system",
        "First release after the Independent Review of Prevent; speaks of people 'susceptible to' rather than 'vulnerable to' radicalisation.",
    ),
    (
        "2023/24",
        "ho-release-2023-24",
        "Official statistics in development",
        "PCM (referrals) and a separate Channel system",
        "",
    ),
    (
        "2024/25",
        "ho-release-2024-25",
        "Official statistics in development",
        "Prevent Case Management Tracker (PCMT), one system from May 2024",
        "New type-of-concern scheme; quarterly figures; mental health, neurodiversity and ethnicity recorded for the first time. Not comparable with earlier years for type of concern.",
    ),
]

CATEGORY_CHANGES = [
    # dimension, first_year, change, detail, source_id
    (
        "ideology",
        "2017/18",
        "'Mixed, unstable or unclear' replaces 'Unspecified'",
        "The Times describes 'mixed or unstable ideology' as a new category in 2017/18 and compares it with 696 'unspecified' referrals in 2016/17. Trends in the 'Mixed' and 'Unspecified' groups break here.",
        "times-2019-03-23",
    ),
    (
        "ideology",
        "2020/21",
        "'Right-wing' printed as 'Extreme right-wing'",
        "A change of wording in the reports; the project treats both as one group.",
        "thenational-2021-11-19",
    ),
    (
        "ideology",
        "2021/22",
        "Finer categories replace 'Mixed, unstable or unclear'",
        "'Conflicted', 'Vulnerability present but no ideology or CT risk', 'School massacre' and 'Incel' appear. No official text available to the project says exactly when; a 2021/22 school-massacre count shows the scheme was in use by then.",
        "petwonder-express-copy",
    ),
    (
        "ideology",
        "2024/25",
        "New twelve-category scheme on the Prevent Case Management Tracker",
        "Left wing, anarchist and Northern Ireland related extremism, 'Fascination with extreme violence or mass casualty attacks', 'Multiple ideologies' and two 'No ideology' categories. Not comparable with 2023/24.",
        "muslimnews-2025-11",
    ),
    (
        "age_group",
        "2022/23",
        "Finer age bands for children",
        "Reports quote '10 or under', '11 to 15' and '16 to 17'; a written answer says statistics on minors were given for the first time.",
        "pq-tugendhat-2023-12",
    ),
    (
        "measure",
        "2018/19",
        "'Adopted as a Channel case' replaces 'received Channel support'",
        "The 2019/20 release restated 2018/19 as 556 adopted (561 first published), suggesting the measure was re-based.",
        "ho-release-2019-20",
    ),
    (
        "all",
        "2024/25",
        "One case system (PCMT) from May 2024",
        "Until May 2024 referrals (PCM) and Channel cases were held in separate systems, a source of quality issues and revisions. Channel adoptions nearly tripled in 2024/25; part of the change may come from the new system.",
        "ho-user-guide-2025",
    ),
    (
        "status",
        "2022/23",
        "'Official statistics in development'",
        "From 2022/23 the statistics are official statistics in development (Experimental Statistics in 2019/20 to 2021/22).",
        "ho-release-2022-23",
    ),
]


def fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) for v in r])


def build(reference: Path, out: Path) -> dict[str, int]:
    figures, others, excluded = read_reference(reference / "prevent_figures.csv")
    figures += seed_article_rows()
    others += extra_other_rows()
    figures = merge_same_source(figures, figure_key)
    others = merge_same_source(others, other_key)

    # ---- figures ---------------------------------------------------------------------
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for r in figures:
        groups[figure_key(r)].append(r)
    fig_rows = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2], k[3])):
        rows = groups[key]
        best, pct, reason = choose_preferred(rows)
        n_values = len({r.count for r in rows if r.count is not None})
        for r in sorted(rows, key=lambda r: (r is not best, r.source_id)):
            fig_rows.append((r, r is best, r is pct, reason if r is best else "", n_values > 1))
    header = [
        "year",
        "measure",
        "dimension",
        "category",
        "count",
        "percent",
        "source_id",
        "is_preferred",
        "figure_id",
        "percent_of",
        "is_preferred_percent",
        "main_category",
        "cross_dimension",
        "cross_category",
        "label_as_printed",
        "quality",
        "values_conflict",
        "preference_reason",
        "note",
        "reference_lines",
    ]
    out_rows = []
    for i, (r, pref, ppct, reason, conflict) in enumerate(fig_rows, start=1):
        lines = ";".join(str(x) for x in [r.ref_line, *r.merged_lines] if x)
        out_rows.append(
            [
                r.year,
                r.measure,
                r.dimension,
                r.category,
                r.count,
                r.percent,
                r.source_id,
                pref,
                f"F{i:04d}",
                r.percent_of,
                ppct,
                r.main_category,
                r.cross_dimension,
                r.cross_category,
                r.label_as_printed,
                r.quality,
                conflict,
                reason,
                r.note or r.quote_hint,
                lines,
            ]
        )
    write(out / "figures.csv", header, out_rows)

    # ---- other figures -------------------------------------------------------------------
    ogroups: dict[tuple, list[Row]] = defaultdict(list)
    for r in others:
        ogroups[other_key(r)].append(r)
    orows = []
    idx = 0
    for key in sorted(ogroups):
        rows = ogroups[key]
        best, _pct, _reason = choose_preferred(rows)
        for r in sorted(rows, key=lambda r: (r is not best, r.source_id)):
            idx += 1
            lines = ";".join(str(x) for x in [r.ref_line, *r.merged_lines] if x)
            orows.append(
                [
                    f"O{idx:04d}",
                    r.year,
                    r.period,
                    r.topic,
                    r.measure,
                    r.dimension,
                    r.category,
                    r.count,
                    r.percent,
                    r.percent_of,
                    r.percent_change,
                    r.rate_per_million,
                    r.source_id,
                    r is best,
                    r.label_as_printed,
                    r.quality,
                    r.note or r.quote_hint,
                    lines,
                ]
            )
    write(
        out / "other_figures.csv",
        [
            "other_id",
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
            "is_preferred",
            "label_as_printed",
            "quality",
            "note",
            "reference_lines",
        ],
        orows,
    )

    # ---- sources ---------------------------------------------------------------------------
    src_rows = [
        [sid, title, pub, date, url, kind, note] for sid, url, title, pub, date, kind, note in SOURCES + REPORT_SOURCES
    ]
    write(out / "sources.csv", ["source_id", "title", "publisher", "published", "url", "kind", "note"], src_rows)

    # ---- categories ---------------------------------------------------------------------------
    used: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in figures:
        if r.dimension != "total":
            used[(r.dimension, r.main_category)].add(r.year)
        if r.cross_dimension:
            used[(r.cross_dimension, r.cross_category)].add(r.year)
    for r in others:
        if r.dimension == "ideology":
            used[("ideology", r.category)].add(r.year)
    cat_rows = []
    for (dim, cat), years in sorted(used.items()):
        group, role, definition, order, colour = describe_category(dim, cat)
        cat_rows.append([dim, cat, group, order, colour, role, definition, ";".join(sorted(years))])
    cat_rows.sort(key=lambda r: (r[0], r[3], r[1]))
    write(
        out / "categories.csv",
        ["dimension", "category", "group", "sort_order", "colour", "role", "definition", "years_used"],
        cat_rows,
    )

    write(
        out / "category_changes.csv",
        ["dimension", "first_year", "change", "detail", "source_id"],
        [list(c) for c in CATEGORY_CHANGES],
    )
    src_dates = {s[0]: s[4] for s in SOURCES}
    write(
        out / "releases.csv",
        ["year", "source_id", "published", "statistics_status", "case_system", "note"],
        [[y, sid, src_dates[sid], status, system, note] for y, sid, status, system, note in RELEASES],
    )

    # ---- recommendations ------------------------------------------------------------------------
    rec_rows = []
    for rec_id, sid, no, addressee, agency, theme, summary, status, confirmed, found, note in R.RECOMMENDATIONS:
        st, st_date, st_src, st_detail = status
        rec_rows.append(
            [
                sid,
                no,
                addressee,
                agency,
                theme,
                summary,
                "",
                st,
                st_date,
                st_src,
                rec_id,
                st_detail,
                confirmed,
                found,
                note,
            ]
        )
    write(
        out / "recommendations.csv",
        [
            "source_id",
            "rec_no",
            "addressee",
            "agency",
            "theme",
            "summary",
            "deadline",
            "status",
            "status_date",
            "status_source_id",
            "rec_id",
            "status_detail",
            "confirmed",
            "found_in_source_ids",
            "note",
        ],
        rec_rows,
    )
    write(
        out / "findings.csv",
        ["finding_id", "source_id", "topic", "finding", "reported_by_source_ids"],
        [list(f) for f in R.FINDINGS],
    )
    write(
        out / "progress.csv",
        ["source_id", "as_of", "stage", "unit", "done", "total", "statement", "statement_source_id", "note"],
        [list(p) for p in R.PROGRESS],
    )

    write(
        out / "reports.csv",
        ["source_id", "short_name", "recommendations_made", "made_source_id", "note"],
        [list(r) for r in R.REPORTS],
    )
    write(out / "excluded.csv", ["reference_line", "reason"], [[line, reason] for line, reason in excluded])
    return {
        "figures": len(out_rows),
        "other_figures": len(orows),
        "sources": len(src_rows),
        "categories": len(cat_rows),
        "recommendations": len(rec_rows),
        "excluded": len(excluded),
    }


def describe_category(dim: str, cat: str) -> tuple[str, str, str, int, str]:
    if dim == "ideology":
        group, role, definition = C.IDEOLOGY[cat]
        order, colour, gdef = C.IDEOLOGY_GROUPS[group]
        return group, role, definition or gdef, order, colour
    if dim == "sector":
        group, role, definition = C.SECTOR[cat]
        order, colour, gdef = C.SECTOR_GROUPS[group]
        return group, role, definition or gdef, order, colour
    table = {"age_group": C.AGE, "gender": C.GENDER, "region": C.REGION, "outcome": C.OUTCOME}[dim]
    group, role, definition, order, colour = table[cat]
    return group, role, definition, order, colour


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reference", type=Path, default=Path(__file__).parent / "reference")
    ap.add_argument("--out", type=Path, default=Path("data/published"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    counts = build(args.reference, args.out)
    for k, v in counts.items():
        print(f"{k:16} {v}")


if __name__ == "__main__":
    main()
