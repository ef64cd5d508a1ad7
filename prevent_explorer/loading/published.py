"""Load every published CSV of data/published/ into a DuckDB connection, checking each against its contract.

    load_published(con, data_dir)   # raises DataValidationError listing every problem (file, line, column)

Each file is read by DuckDB's own CSV reader with explicit column types, then checked (types,
ranges, patterns, uniqueness, references, and the cross-file rules of loading.checks). The
views the queries read (queries/_views.sql) are created once every table has loaded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from prevent_explorer import paths
from prevent_explorer.loading.checks import TABLE_CHECKS
from prevent_explorer.loading.schema import PUBLISHED_TABLES, Table
from prevent_explorer.loading.validation import (
    LINE_COLUMN,
    DataValidationError,
    Issue,
    check_bytes,
    check_columns,
    check_header,
    check_references,
    check_unique,
    check_years,
    convert_booleans,
    header_of,
    load_csv,
)
from prevent_explorer.sql_names import ident

VIEWS_FILE = paths.QUERIES_DIR / "_views.sql"


def _label(path: Path, data_dir: Path) -> str:
    try:
        return str(Path("data") / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def load_published(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Load every table of `data_dir`/published and create the views; raise DataValidationError listing every problem found."""
    published = data_dir / "published"
    latest_first_year = max(dt.date.today().year, 2025)
    loaded: set[str] = set()
    issues: list[Issue] = []
    for table in PUBLISHED_TABLES:
        table_issues = _load_table(
            con, table, published / table.file, _label(published / table.file, data_dir), loaded, latest_first_year
        )
        issues += table_issues
        if not table_issues:
            loaded.add(table.name)
    if issues:
        raise DataValidationError(issues)
    for table in PUBLISHED_TABLES:
        con.execute(f"ALTER TABLE {ident(table.name)} DROP COLUMN {LINE_COLUMN}")
    con.execute("DROP TABLE IF EXISTS reject_errors")
    con.execute("DROP TABLE IF EXISTS reject_scans")
    con.execute(VIEWS_FILE.read_text(encoding="utf-8"))


def _load_table(
    con: duckdb.DuckDBPyConnection, table: Table, path: Path, label: str, loaded: set[str], latest_first_year: int
) -> list[Issue]:
    issues = check_bytes(path, label)
    if issues:
        return issues
    header = header_of(path)
    issues = check_header(header, table, label)
    if issues:
        return issues
    issues = load_csv(con, path, table, label, header)
    if issues:
        return issues
    ((rows,),) = con.table(table.name).count("*").fetchall()
    if rows == 0 and not table.allow_empty:
        return [Issue(label, "the file has a header but no data rows", line=2)]
    issues = check_columns(con, table, label)
    issues += check_years(con, table, label, latest_first_year)
    issues += check_unique(con, table, label)
    issues += check_references(con, table, label, loaded)
    if issues:
        return issues
    convert_booleans(con, table)
    if table.name in TABLE_CHECKS:
        check, needs = TABLE_CHECKS[table.name]
        if needs <= loaded:  # cross-file rules only once the files they read have loaded cleanly
            issues += check(con, label)
    return issues
