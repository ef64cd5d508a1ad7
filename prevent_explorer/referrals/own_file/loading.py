"""Loading a checked referral-level file: the `referrals` table, the layer, and `load_own_file`.

`load_into` validates a file (reading, then checking) and creates `referrals` in a connection that
is not yet locked down; `load_own_file` does so in an in-memory connection of its own, adds a copy
of `categories` and locks it down; `layer_for` describes the result as a ReferralLayer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from prevent_explorer import paths
from prevent_explorer.loading.connection import lock_down, new_connection
from prevent_explorer.loading.schema import CATEGORIES
from prevent_explorer.referrals.own_file.checking import (
    VALUES,
    Checker,
    check_rows,
    create_values_table,
    duplicate_id_issues,
)
from prevent_explorer.referrals.own_file.issues import ReferralIssue
from prevent_explorer.referrals.own_file.reading import ARROW_NAME, Source, stage
from prevent_explorer.referrals.schema import (
    DEFAULT_SUPPRESSION_THRESHOLD,
    DIMENSIONS,
    NOT_KNOWN,
    OWN_LABEL,
    SYNTHETIC_LABEL,
    SYNTHETIC_NOTE,
    ReferralLayer,
    read_categories,
    vocabulary,
)
from prevent_explorer.sql_names import ident

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass
class OwnDataResult:
    layer: ReferralLayer | None
    issues: list[ReferralIssue]

    @property
    def ok(self) -> bool:
        return self.layer is not None and not self.issues


@dataclass(frozen=True)
class Loaded:
    """What load_into put in the connection's `referrals` table."""

    row_count: int
    years: list[str]
    synthetic: bool  # the Parquet metadata marks the file as made by the synthetic generator


REFERRAL_MACROS = paths.QUERIES_DIR / "_referral_macros.sql"


def create_referrals_table(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """`referrals` from the checked rows: values stored as the contract says, empty cells as
    'Not known', plus ideology_group and sector_group."""
    # Column and table names come from the schema (code, sql_names.ident); every value is a bound parameter.
    joins, cols = [], []
    values: dict[str, str] = {"not_known": NOT_KNOWN}
    for i, dim in enumerate(DIMENSIONS):
        values[f"dim{i}"] = dim
        joins.append(f"LEFT JOIN {VALUES} AS v{i} ON v{i}.dimension = $dim{i} AND v{i}.value = r.{ident(dim)}")
        cols.append(f"coalesce(v{i}.stored, $not_known) AS {ident(dim)}")
    groups = [
        f'coalesce(v{DIMENSIONS.index(d)}."group", $not_known) AS {ident(d + "_group")}' for d in ("ideology", "sector")
    ]
    con.execute(
        f"""CREATE OR REPLACE TABLE referrals AS
            SELECT r.referral_id, r.year, {", ".join(cols)}, {", ".join(groups)}
            FROM {source.raw} AS r {" ".join(joins)}""",
        {**source.params, **values},
    )
    con.execute(REFERRAL_MACROS.read_text(encoding="utf-8"))  # the shared filter of the referral queries


def load_into(
    con: duckdb.DuckDBPyConnection,
    *,
    data: bytes | None = None,
    name: str = "",
    path: Path | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    categories_file: Path | None = None,
) -> tuple[Loaded | None, list[ReferralIssue]]:
    """Validate a file and, if it passes, create `referrals` in `con` (which must not be locked
    down yet). "Not published" is accepted only in a file the synthetic generator made."""
    name = name or (path.name if path is not None else "uploaded file")
    source, issues = stage(con, data=data, name=name, path=path, max_bytes=max_bytes)
    try:
        if source is None:
            return None, issues
        vocab = vocabulary(read_categories(categories_file))
        create_values_table(con, vocab, allow_not_published=source.synthetic)
        issues = check_rows(con, source, name, vocab, allow_not_published=source.synthetic)
        create_referrals_table(con, source)
        # Duplicate ids last: counting distinct ids is cheapest on the loaded table.
        (duplicated,) = con.execute("SELECT count(referral_id) - count(DISTINCT referral_id) FROM referrals").fetchone()  # type: ignore[misc]
        if duplicated:
            issues += duplicate_id_issues(Checker(con, source, name))
        if issues:
            con.execute("DROP TABLE referrals")
            return None, issues
        rows, years = con.execute("SELECT count(*), list(DISTINCT year ORDER BY year) FROM referrals").fetchone()  # type: ignore[misc]
        return Loaded(int(rows), list(years), source.synthetic), []
    finally:
        con.execute(f"DROP TABLE IF EXISTS {VALUES}")
        if source is not None and source.relation == ARROW_NAME:
            con.unregister(ARROW_NAME)


def own_note(name: str, rows: int, threshold: int) -> str:
    return (
        f"Your own file '{name}' ({rows:,} referrals), checked and held in memory only. Counts below "
        f"{threshold} are shown as '<{threshold}', and cells that would let them be worked out are withheld."
    )


def layer_for(
    loaded: Loaded, name: str, threshold: int, con: duckdb.DuckDBPyConnection | None, owns_connection: bool
) -> ReferralLayer:
    if loaded.synthetic:
        return ReferralLayer(
            "synthetic",
            SYNTHETIC_LABEL,
            SYNTHETIC_NOTE,
            name,
            loaded.row_count,
            loaded.years,
            None,
            con,
            owns_connection,
        )
    return ReferralLayer(
        "own",
        OWN_LABEL,
        own_note(name, loaded.row_count, threshold),
        name,
        loaded.row_count,
        loaded.years,
        threshold,
        con,
        owns_connection,
    )


def load_own_file(
    data: bytes | None = None,
    filename: str = "",
    *,
    path: Path | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    threshold: int = DEFAULT_SUPPRESSION_THRESHOLD,
    data_dir: Path | None = None,
) -> OwnDataResult:
    """Validate a referral-level file and load it into its own locked-down in-memory database.

    Give the upload's bytes and file name, or a path. On success the result's layer has kind
    'own' (or 'synthetic' for a file the generator made) and a connection holding `referrals`
    and a copy of `categories`; on failure the layer is None and `issues` lists every problem.
    """
    if (data is None) == (path is None):
        raise ValueError("give either the file's bytes or its path")
    published = (Path(data_dir) if data_dir is not None else paths.data_dir()) / "published"
    con = new_connection()
    try:
        loaded, issues = load_into(
            con, data=data, name=filename, path=path, max_bytes=max_bytes, categories_file=published / "categories.csv"
        )
        if loaded is None:
            con.close()
            return OwnDataResult(None, issues)
        con.execute(
            "CREATE TABLE categories AS SELECT * FROM read_csv($path, header = true, auto_detect = false, columns = $types)",
            {"path": str(published / "categories.csv"), "types": CATEGORIES.types},
        )
        lock_down(con)
    except BaseException:
        con.close()
        raise
    name = filename or (path.name if path is not None else "uploaded file")
    return OwnDataResult(layer_for(loaded, name, threshold, con, owns_connection=True), [])
