"""After loading, the database cannot touch the file system, and loading writes nothing under data/."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from prevent_explorer.database import Database, open_database
from prevent_explorer.paths import REPO_ROOT

FORBIDDEN = [
    "SELECT * FROM read_csv('{csv}')",
    "SELECT * FROM read_parquet('{parquet}')",
    "SELECT * FROM read_text('{csv}')",
    "COPY (SELECT 1 AS x) TO '{out}'",
    "COPY figures TO '{out}' (FORMAT csv)",
    "ATTACH '{db}' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "CREATE TABLE stolen AS SELECT * FROM '{csv}'",
]


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("statement", FORBIDDEN)
def test_connection_cannot_read_write_or_attach(db: Database, statement: str, tmp_path: Path) -> None:
    csv_file = REPO_ROOT / "data" / "published" / "sources.csv"
    sql = statement.format(csv=csv_file, parquet=csv_file, out=tmp_path / "out.csv", db=tmp_path / "x.duckdb")
    cur = db.cursor()
    try:
        with pytest.raises((duckdb.PermissionException, duckdb.InvalidInputException, duckdb.CatalogException)):
            cur.execute(sql)
    finally:
        cur.close()
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "x.duckdb").exists()


def test_loading_writes_nothing_under_data() -> None:
    before = tree_digest(REPO_ROOT / "data")
    open_database()
    assert tree_digest(REPO_ROOT / "data") == before
