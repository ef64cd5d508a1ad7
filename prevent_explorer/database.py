"""Open the app's data: the published tables and the referral-level layer, validated, then locked down.

    db = open_database()            # raises DataValidationError naming file, line and column
    df = db.query("measure_trend", measures=["referrals"], year_from="2015/16", year_to="2024/25")

Nothing is ever written to disk: the database lives in memory, and once loaded the connection
can no longer read or write files, attach databases or change its configuration. This module
only puts the layers together (loading/ for the published files, referrals/ for the rows).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from prevent_explorer import paths
from prevent_explorer.loading.connection import lock_down, new_connection
from prevent_explorer.loading.published import load_published
from prevent_explorer.loading.validation import DataValidationError
from prevent_explorer.queries import run_query
from prevent_explorer.referrals.layer import ReferralLayer, load_referral_layer

# Text columns as Python strings rather than Arrow arrays, for every frame the app makes from here
# on (DuckDB's results follow this option too). The app's frames are small, where each Arrow
# compute call costs more than the work, and releases and re-takes the GIL, which under load makes
# every other session wait (benchmarks/README.md, "The server under load"). Set here, where the
# data are opened, and not on importing the package: the server's entry point imports the package
# before it starts, and pandas would delay the start.
pd.set_option("mode.string_storage", "python")


@dataclass
class Database:
    """The loaded, validated and locked-down database. Queries run on their own cursor."""

    con: duckdb.DuckDBPyConnection
    data_dir: Path
    referrals: ReferralLayer | None = None  # the referral-level layer, when a file was loaded
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


def open_database(
    data_dir: Path | None = None, referrals_file: Path | None = None, load_referrals: bool = True
) -> Database:
    """Load data/published (and the referral-level file), validate, create views, lock down."""
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    con = new_connection()
    try:
        load_published(con, data_dir)
        db = Database(con=con, data_dir=data_dir)
        if load_referrals:
            db.referrals = load_referral_layer(con, data_dir, referrals_file)
        lock_down(con)
    except BaseException:
        con.close()
        raise
    return db
