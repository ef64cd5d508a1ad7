"""In-memory DuckDB connections, and locking one down once its data are loaded."""

from __future__ import annotations

import duckdb


def new_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory database: nothing the app loads is ever written to disk."""
    return duckdb.connect(":memory:")


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """No file access (read_csv, COPY, ATTACH, INSTALL all fail) and no configuration changes."""
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
