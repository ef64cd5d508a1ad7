"""Add a year's release: check its inputs, rebuild data/published, load it as the app does, report.

    python tools/curate/add_release.py 2025/26

after editing the inputs as tools/curate/inputs/README.md ("Adding next year's release") says. With
--data, --inputs and --reference it works on copies instead (tests/test_new_release.py adds a
fixture year that way, never touching the real data/):

    python tools/curate/add_release.py 2025/26 --data COPY/data --inputs COPY/inputs --reference COPY/reference

Steps; the first that fails stops with exit code 1 and messages naming the file, line and column:

1. The year's inputs: its row of releases.csv, whose source is an official source of figures with
   a publication date; figures for the year (reference/prevent_figures.csv or extra_figures.csv);
   every reference row well formed (a reporting year, whole-number counts, numeric percents, an
   address that sources.csv or url_aliases.csv knows).
2. Rebuild `<data>/published` with build.py (the same build, byte for byte, as without this script).
3. Load the rebuilt folder with the app's loader (prevent_explorer.database.open_database), which
   checks every file against its contract and the rules across files.
4. Report what the year now has (headline figures, new categories and their colours, gaps by
   state) and what is left to do by hand (README row counts; the synthetic demo).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
from pathlib import Path

CURATE = Path(__file__).resolve().parent
REPO_ROOT = CURATE.parent.parent
YEAR = re.compile(r"(\d{4})/(\d{2})")


def problem(file: Path | str, line: int | None, column: str | None, message: str) -> str:
    where = [str(file)] + ([f"line {line}"] if line else []) + ([f"column '{column}'"] if column else [])
    return f"{', '.join(where)}: {message}"


def valid_year(value: str) -> bool:
    m = YEAR.fullmatch(value)
    return bool(m) and int(m[2]) == (int(m[1]) + 1) % 100 and int(m[1]) >= 2015


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def check_inputs(year: str, inputs_dir: Path, reference_dir: Path) -> list[str]:
    """Step 1: the year's release and figures, and every reference row well formed."""
    issues: list[str] = []
    if not valid_year(year):
        return [f"{year!r} is not a reporting year written like 2025/26"]
    sources = {s["source_id"]: s for s in read_csv(inputs_dir / "sources.csv")}
    releases = {r["year"]: (i, r) for i, r in enumerate(read_csv(inputs_dir / "releases.csv"), start=2)}
    if year not in releases:
        issues.append(problem(inputs_dir / "releases.csv", None, "year", f"no row for {year}: add the year's release"))
    else:
        line, release = releases[year]
        source = sources.get(release["source_id"])
        if source is None:
            issues.append(
                problem(
                    inputs_dir / "releases.csv",
                    line,
                    "source_id",
                    f"{release['source_id']!r} is not in sources.csv: add the release as a source",
                )
            )
        elif source["cited_for"] != "figures" or source["kind"] != "official" or not source["published"]:
            issues.append(
                problem(
                    inputs_dir / "sources.csv",
                    None,
                    "source_id",
                    f"the release {release['source_id']!r} must be cited_for 'figures', kind 'official', with its published date",
                )
            )
    known_urls = {s["url"] for s in sources.values() if s["cited_for"] == "figures" and s["url"]}
    known_urls |= {a["url"] for a in read_csv(inputs_dir / "url_aliases.csv")}
    reference = reference_dir / "prevent_figures.csv"
    of_year = 0
    for line, row in enumerate(read_csv(reference), start=2):
        if not valid_year(row["year"]):
            issues.append(problem(reference, line, "year", f"{row['year']!r} is not a reporting year such as 2025/26"))
        if row["count"].strip() and not re.fullmatch(r"\d+", row["count"].strip()):
            issues.append(problem(reference, line, "count", f"{row['count']!r} is not a whole number (no commas)"))
        if row["percent"].strip() and not re.fullmatch(r"-?\d+(\.\d+)?", row["percent"].strip()):
            issues.append(problem(reference, line, "percent", f"{row['percent']!r} is not a number (no % sign)"))
        if row["source_url"] not in known_urls:
            issues.append(
                problem(reference, line, "source_url", "no source of figures in sources.csv has this address")
            )
        of_year += row["year"] == year
    of_year += sum(r["year"] == year for r in read_csv(inputs_dir / "extra_figures.csv"))
    if not of_year:
        issues.append(problem(reference, None, "year", f"no figures for {year}"))
    return issues


def rebuild(data_dir: Path, inputs_dir: Path, reference_dir: Path) -> subprocess.CompletedProcess:
    """Step 2: build.py into <data>/published, reading these inputs."""
    env = {**os.environ, "PREVENT_EXPLORER_CURATE_INPUTS": str(inputs_dir)}
    command = [
        sys.executable,
        str(CURATE / "build.py"),
        "--reference",
        str(reference_dir),
        "--out",
        str(data_dir / "published"),
    ]
    return subprocess.run(command, env=env, capture_output=True, text=True)


def load_and_report(year: str, data_dir: Path) -> tuple[list[str], list[str]]:
    """Steps 3 and 4: (issues, report lines)."""
    sys.path.insert(0, str(REPO_ROOT))
    from prevent_explorer.database import open_database
    from prevent_explorer.loading.validation import DataValidationError

    try:
        db = open_database(data_dir)
    except DataValidationError as err:
        return [str(i) for i in err.issues], []
    q = db.con.execute
    report = [f"{year}: rebuilt {data_dir / 'published'} and loaded it with the app's checks."]
    for measure, count, percent in q(
        """SELECT measure, count, percent FROM figure_values WHERE year = $y AND dimension = 'total'
           ORDER BY measure""",
        {"y": year},
    ).fetchall():
        shown = f"{count:,}" if count is not None else f"{percent:g}%"
        report.append(f"  {measure}: {shown}")
    (n,) = q("SELECT count(*) FROM figure_values WHERE year = $y", {"y": year}).fetchone()
    report.append(f"  {n} preferred figures")
    for dimension, category, group, colour in q(
        """SELECT dimension, category, "group", colour FROM categories WHERE years_used = $y ORDER BY ALL""",
        {"y": year},
    ).fetchall():
        report.append(f"  new category: {dimension} {category!r} (group {group!r}, colour {colour})")
    for state, rows in q(
        "SELECT state, count(*) FROM availability WHERE year = $y GROUP BY state ORDER BY state", {"y": year}
    ).fetchall():
        report.append(f"  gaps {state}: {rows}")
    layer = db.referrals
    if layer is not None and year not in layer.years:
        report.append(
            f"  the referral-level file ({layer.label}) has no rows for {year}: the Referral explorer covers "
            f"{layer.years[0]} to {layer.years[-1]} until it is regenerated "
            "(python -m prevent_explorer.referrals.synthetic --out data/demo/referrals.parquet)"
        )
    report.append("  left to do: the row counts in data/published/README.md and tools/curate/inputs/README.md")
    return [], report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("year", help="the reporting year added, e.g. 2025/26")
    ap.add_argument("--data", type=Path, default=REPO_ROOT / "data", help="the data folder (published/ is rebuilt)")
    ap.add_argument("--inputs", type=Path, default=CURATE / "inputs", help="the curated inputs")
    ap.add_argument("--reference", type=Path, default=CURATE / "reference", help="the reference material")
    args = ap.parse_args(argv)
    issues = check_inputs(args.year, args.inputs, args.reference)
    if issues:
        print("The inputs are not ready:", *issues, sep="\n  ", file=sys.stderr)
        return 1
    built = rebuild(args.data, args.inputs, args.reference)
    if built.returncode != 0:
        print("The build stopped:", built.stderr.strip().splitlines()[-1], sep="\n  ", file=sys.stderr)
        return 1
    issues, report = load_and_report(args.year, args.data)
    if issues:
        print("The rebuilt data do not pass the app's checks:", *issues, sep="\n  ", file=sys.stderr)
        return 1
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
