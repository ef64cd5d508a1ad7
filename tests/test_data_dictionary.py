"""data/published/README.md documents every file and every column of the schema."""

from __future__ import annotations

from prevent_explorer.loading.schema import PUBLISHED_TABLES
from prevent_explorer.paths import REPO_ROOT

README = (REPO_ROOT / "data" / "published" / "README.md").read_text(encoding="utf-8")


def test_every_file_is_documented() -> None:
    for table in PUBLISHED_TABLES:
        assert f"### `{table.file}`" in README, table.file
        assert (REPO_ROOT / "data" / "published" / table.file).exists()


def test_every_column_is_documented_under_its_file() -> None:
    for table in PUBLISHED_TABLES:
        section = README.split(f"### `{table.file}`", 1)[1].split("### ", 1)[0]
        for col in table.columns:
            assert f"| `{col.name}` | {col.type} |" in section, f"{table.file}: {col.name}"


def test_no_undocumented_files() -> None:
    files = {p.name for p in (REPO_ROOT / "data" / "published").glob("*.csv")}
    assert files == {t.file for t in PUBLISHED_TABLES}


def test_csv_headers_follow_the_schema() -> None:
    for table in PUBLISHED_TABLES:
        header = (REPO_ROOT / "data" / "published" / table.file).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == table.column_names, table.file


def test_the_availability_counts_in_the_readme_are_current() -> None:
    """The README's 'Three states of a gap' gives the row count of availability.csv by state."""
    import csv

    with (REPO_ROOT / "data" / "published" / "availability.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_state = {
        s: sum(r["state"] == s for r in rows) for s in ("not in this dataset", "not published", "not collected")
    }
    assert f"| `availability.csv` | {len(rows)} |" in README
    assert (
        f"({len(rows)} rows: {by_state['not in this dataset']} not in this dataset, "
        f"{by_state['not published']} not published, {by_state['not collected']} not collected)"
    ) in README
