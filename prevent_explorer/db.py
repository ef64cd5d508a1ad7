"""Build the in-memory DuckDB database from data/, validate it, then lock it down.

    db = open_database()            # raises DataValidationError naming file, line and column
    df = db.query("figure_trend", measures=["referrals"], year_from="2015/16", year_to="2024/25")

Nothing is ever written to disk: the database lives in memory, and once loaded the connection
can no longer read or write files, attach databases or change its configuration.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from . import paths
from .published_checks import TABLE_CHECKS
from .queries import run_query
from .schema import PUBLISHED_TABLES, Table
from .validation import (
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

VIEWS_FILE = paths.QUERIES_DIR / "_views.sql"


@dataclass
class Database:
    """The loaded, validated and locked-down database. Queries run on their own cursor."""

    con: duckdb.DuckDBPyConnection
    data_dir: Path
    referrals: Any = None  # prevent_explorer.referrals.ReferralLayer once loaded
    referrals_error: DataValidationError | None = None  # a referral file named at start-up that failed its checks
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        # DuckDB connections are not thread-safe; each Streamlit session runs in its own thread,
        # so every query gets its own cursor (a thread-local duplicate of the connection).
        with self._lock:
            return self.con.cursor()

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        cur = self.cursor()
        try:
            return run_query(cur, name, **params)
        finally:
            cur.close()


def _label(path: Path, data_dir: Path) -> str:
    try:
        return str(Path("data") / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def load_published(con: duckdb.DuckDBPyConnection, published: Path, data_dir: Path) -> None:
    """Load every published table; raise DataValidationError listing every problem found."""
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
        con.execute(f'ALTER TABLE "{table.name}" DROP COLUMN {LINE_COLUMN}')
    con.execute("DROP TABLE IF EXISTS reject_errors")
    con.execute("DROP TABLE IF EXISTS reject_scans")


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


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """No file access (read_csv, COPY, ATTACH, INSTALL all fail) and no configuration changes."""
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def open_database(
    data_dir: Path | None = None, referrals_file: Path | None = None, load_referrals: bool = True
) -> Database:
    """Load data/published (and the referral-level file), validate, create views, lock down."""
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    con = duckdb.connect(":memory:")
    try:
        load_published(con, data_dir / "published", data_dir)
        con.execute(VIEWS_FILE.read_text(encoding="utf-8"))
        db = Database(con=con, data_dir=data_dir)
        if load_referrals:
            from .referrals import load_referral_layer

            db.referrals = load_referral_layer(con, data_dir, referrals_file)
        lock_down(con)
    except BaseException:
        con.close()
        raise
    return db
