"""Build data/published/*.csv from the reference material and the curated inputs.

    python tools/curate/build.py          # reads tools/curate/reference/ and tools/curate/inputs/, writes data/published/
    python tools/curate/build.py --reference COPY/reference --out COPY/data/published   # with
        PREVENT_EXPLORER_CURATE_INPUTS=COPY/inputs: the same build from copies (tools/curate/add_release.py)

The curated tables (sources, releases, category changes and metadata, recommendations, findings,
progress statements, label rules and overrides) are data files in tools/curate/inputs/, described
in its README.md; the Python here only reads, maps, chooses and writes. The output is committed; this script documents how it was made and remakes it byte for byte.
The app does not use it; tests/test_curation.py checks that it still rebuilds the committed files.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from availability import COLUMNS as AVAILABILITY_COLUMNS
from availability import build_availability, published_from
from categories import describe_category
from figures import SOURCE_DATE, Row, extra_figure_rows, extra_other_rows, read_reference
from inputs import FILES, read
from preference import choose_preferred, figure_key, merge_same_source, other_key, share_disagreement


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
    figures += extra_figure_rows()
    others += extra_other_rows()
    figures = merge_same_source(figures, figure_key)
    others = merge_same_source(others, other_key)

    # ---- figures ---------------------------------------------------------------------
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for r in figures:
        groups[figure_key(r)].append(r)
    # The preferred count of every figure, for checking a count against the share shown beside it.
    base_counts = {key: choose_preferred(rows)[0].count for key, rows in groups.items()}
    fig_rows = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2], k[3])):
        rows = groups[key]
        best, pct, reason = choose_preferred(rows, base_counts)
        # A conflict: sources give different counts, or the count and its share disagree beyond rounding.
        n_values = len({r.count for r in rows if r.count is not None})
        conflict = n_values > 1 or bool(share_disagreement(best, pct, base_counts))
        # A figure stated only by low-quality sources is kept as evidence, with no preferred value.
        if best.quality == "low":
            best = pct = None
        for r in sorted(rows, key=lambda r: (r is not best, r.source_id)):
            fig_rows.append((r, r is best, r is pct, reason if r is best else "", conflict))
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
    other_preferred = []  # (row, is preferred), for availability
    idx = 0
    for key in sorted(ogroups):
        rows = ogroups[key]
        best, _pct, _reason = choose_preferred(rows)
        if best.quality == "low":
            # Only low-quality sources state it (e.g. the 2024/25 "93% rise" in panel discussions):
            # kept as evidence, never a preferred published figure (curation rules 2 and 8).
            best = None
        for r in sorted(rows, key=lambda r: (r is not best, r.source_id)):
            idx += 1
            other_preferred.append((r, r is best))
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
        [s["source_id"], s["title"], s["publisher"], s["published"], s["url"], s["kind"], s["note"]]
        for s in read("sources.csv")
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

    copy_table(out, "category_changes.csv")
    # The release's date is the published date of its source.
    releases = [{**r, "published": SOURCE_DATE[r["source_id"]]} for r in read("releases.csv")]
    header = ["year", "source_id", "published", "statistics_status", "case_system", "note"]
    write(out / "releases.csv", header, [[r[c] for c in header] for r in releases])

    # ---- availability: the state of every gap ----------------------------------------------------
    def group_of(dim: str, cat: str) -> str:
        return "All" if dim == "total" else describe_category(dim, cat)[0]

    gaps = build_availability(
        published_from(fig_rows, other_preferred, group_of), {r["year"]: r["source_id"] for r in releases}
    )
    write(out / "availability.csv", list(AVAILABILITY_COLUMNS), [[g[c] for c in AVAILABILITY_COLUMNS] for g in gaps])

    # ---- recommendations ------------------------------------------------------------------------
    rec_rows = [
        [
            r["source_id"],
            r["rec_no"],
            r["addressee"],
            r["agency"],
            r["theme"],
            r["summary"],
            "",  # deadline: none is known
            r["status"],
            r["status_date"],
            r["status_source_id"],
            r["rec_id"],
            r["status_detail"],
            r["confirmed"],
            r["found_in_source_ids"],
            r["note"],
        ]
        for r in read("recommendations.csv")
    ]
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
    for name in ("findings.csv", "progress.csv", "reports.csv", "agency_sectors.csv"):
        copy_table(out, name)
    write(out / "excluded.csv", ["reference_line", "reason"], [[line, reason] for line, reason in excluded])
    return {
        "figures": len(out_rows),
        "other_figures": len(orows),
        "sources": len(src_rows),
        "categories": len(cat_rows),
        "recommendations": len(rec_rows),
        "availability": len(gaps),
        "excluded": len(excluded),
    }


def copy_table(out: Path, name: str) -> None:
    """An input table published as it is (same name, columns and rows)."""
    header = FILES[name].header
    write(out / name, list(header), [[r[c] for c in header] for r in read(name)])


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
