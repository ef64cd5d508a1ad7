"""Checks that a data file matches its contract. Every problem names the file, the line and the column.

Structure and types are checked by DuckDB's CSV reader itself (explicit column types, strict
mode and `store_rejects`, which records the line and column of every value it cannot read);
meaning (ranges, allowed values, references, one preferred value per figure) is checked in SQL
on the loaded table.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb

from prevent_explorer.loading.schema import Column, Table
from prevent_explorer.sql_names import ident, idents

MAX_ISSUES_PER_CHECK = 5
LINE_COLUMN = "__line"


@dataclass(frozen=True)
class Issue:
    file: str
    message: str
    line: int | None = None  # line of the file (the header is line 1)
    column: str | None = None
    unit: str = "line"  # what `line` counts: 'line' (CSV, the header is line 1) or 'row' (Parquet)

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"{self.unit} {self.line}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(Exception):
    """A data file does not match its contract. `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


def check_bytes(path: Path, label: str) -> list[Issue]:
    """The file exists, is not empty and is UTF-8. Returns issues; an empty list means go on."""
    if not path.exists():
        return [Issue(label, "the file is missing")]
    if path.is_dir():
        return [Issue(label, "expected a file but found a folder")]
    data = path.read_bytes()
    if not data.strip():
        return [Issue(label, "the file is empty (expected a header row and data rows)")]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return [
            Issue(
                label,
                f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be read); save it as UTF-8",
                line=line,
            )
        ]
    return []


def header_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
    return next(csv.reader(io.StringIO(first)), [])


def check_header(header: list[str], table: Table, label: str) -> list[Issue]:
    expected = table.column_names
    issues: list[Issue] = []
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        sep = next(s for s in ";\t|" if s in header[0])
        name = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}[sep]
        return [Issue(label, f"the header is one column separated by {name}; the file must be comma-separated", line=1)]
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    dupes = sorted({c for c in header if header.count(c) > 1})
    if missing:
        issues.append(Issue(label, f"missing column(s): {', '.join(missing)}", line=1))
    if unknown:
        issues.append(
            Issue(label, f"unknown column(s): {', '.join(unknown)} (expected: {', '.join(expected)})", line=1)
        )
    if dupes:
        issues.append(Issue(label, f"column(s) appear more than once: {', '.join(dupes)}", line=1))
    return issues


REJECT_TEXT = {
    "CAST": "cannot be read as {type}",
    "MISSING COLUMNS": "the row has too few values",
    "TOO MANY COLUMNS": "the row has too many values (an unquoted comma?)",
    "UNQUOTED VALUE": "a quote is not closed or a value is badly quoted",
    "LINE SIZE OVER MAXIMUM": "the line is too long",
    "INVALID ENCODING": "the text is not UTF-8",
    "INVALID STATE": "the line cannot be read as CSV",
}


def load_csv(con: duckdb.DuckDBPyConnection, path: Path, table: Table, label: str, header: list[str]) -> list[Issue]:
    """Load the file into `table.name` with explicit types; return reader issues (line and column)."""
    # Booleans are read as text first: DuckDB would also accept yes/no/1/0, the contract says true/false.
    types = {name: ("VARCHAR" if table.types[name] == "BOOLEAN" else table.types[name]) for name in header}
    con.execute("DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans")
    con.execute(
        f"""
        CREATE OR REPLACE TABLE {ident(table.name)} AS
        SELECT row_number() OVER () + 1 AS {LINE_COLUMN}, *
        FROM read_csv($path, header = true, delim = ',', quote = '"', escape = '"',
                      auto_detect = false, strict_mode = true, columns = $types,
                      store_rejects = true, rejects_table = 'reject_errors', rejects_scan = 'reject_scans')
        """,
        {"path": str(path), "types": types},
    )
    rejects = con.execute(
        "SELECT line, column_name, error_type::VARCHAR, csv_line FROM reject_errors ORDER BY line, column_idx"
    ).fetchall()
    issues = []
    for line, column, kind, csv_line in rejects[: MAX_ISSUES_PER_CHECK * 4]:
        text = REJECT_TEXT.get(kind, kind.lower())
        if kind == "CAST" and column:
            text = f"the value {value_at(csv_line, header, column)!r} " + text.format(
                type=type_words(table.types[column])
            )
        issues.append(Issue(label, text, line=int(line), column=column if kind == "CAST" else None))
    return issues


def value_at(csv_line: str, header: list[str], column: str) -> str:
    try:
        values = next(csv.reader(io.StringIO(csv_line)))
        return values[header.index(column)]
    except (StopIteration, IndexError, ValueError):
        return csv_line


def type_words(duck_type: str) -> str:
    return {
        "INTEGER": "a whole number",
        "BIGINT": "a whole number",
        "DOUBLE": "a number",
        "BOOLEAN": "true or false",
        "DATE": "a date (YYYY-MM-DD)",
        "VARCHAR": "text",
    }.get(duck_type, duck_type)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> list[tuple]:
    return con.execute(sql, params or {}).fetchmany(MAX_ISSUES_PER_CHECK)


def check_columns(con: duckdb.DuckDBPyConnection, table: Table, label: str) -> list[Issue]:
    """Required, allowed values, patterns and ranges, column by column."""
    issues: list[Issue] = []
    t = ident(table.name)
    for col in table.columns:
        c = ident(col.name)
        if col.required:
            blank = f"OR trim({c}) = ''" if col.type == "VARCHAR" else ""
            for (line,) in _rows(con, f"SELECT {LINE_COLUMN} FROM {t} WHERE {c} IS NULL {blank} ORDER BY 1"):
                issues.append(Issue(label, "a value is required", line=line, column=col.name))
        issues += _check_values(con, table, col, label)
    return issues


def _check_values(con: duckdb.DuckDBPyConnection, table: Table, col: Column, label: str) -> list[Issue]:
    issues: list[Issue] = []
    t, c = ident(table.name), ident(col.name)
    if col.allowed is not None:
        if col.list_sep:
            sql = f"""SELECT {LINE_COLUMN}, v FROM (SELECT {LINE_COLUMN}, trim(unnest(string_split({c}, $sep))) AS v FROM {t}
                      WHERE {c} IS NOT NULL) WHERE NOT list_contains($allowed, v) ORDER BY 1"""
            rows = _rows(con, sql, {"sep": col.list_sep, "allowed": list(col.allowed)})
        else:
            sql = f"SELECT {LINE_COLUMN}, {c} FROM {t} WHERE {c} IS NOT NULL AND NOT list_contains($allowed, {c}) ORDER BY 1"
            rows = _rows(con, sql, {"allowed": list(col.allowed)})
        for line, value in rows:
            issues.append(
                Issue(label, f"{value!r} is not one of: {', '.join(col.allowed)}", line=line, column=col.name)
            )
    if col.type == "BOOLEAN":
        sql = f"SELECT {LINE_COLUMN}, {c} FROM {t} WHERE {c} IS NOT NULL AND {c} NOT IN ('true', 'false') ORDER BY 1"
        for line, value in _rows(con, sql):
            issues.append(Issue(label, f"the value {value!r} must be true or false", line=line, column=col.name))
    if col.pattern is not None:
        sql = f"SELECT {LINE_COLUMN}, {c} FROM {t} WHERE {c} IS NOT NULL AND trim({c}) <> '' AND NOT regexp_full_match({c}, $p) ORDER BY 1"
        for line, value in _rows(con, sql, {"p": col.pattern}):
            issues.append(
                Issue(
                    label, f"{value!r} is not in the expected form ({pattern_words(col)})", line=line, column=col.name
                )
            )
    if col.minimum is not None:
        sql = f"SELECT {LINE_COLUMN}, {c} FROM {t} WHERE {c} < $m ORDER BY 1"
        for line, value in _rows(con, sql, {"m": col.minimum}):
            issues.append(
                Issue(label, f"{value:g} is below the minimum of {col.minimum:g}", line=line, column=col.name)
            )
    if col.maximum is not None:
        sql = f"SELECT {LINE_COLUMN}, {c} FROM {t} WHERE {c} > $m ORDER BY 1"
        for line, value in _rows(con, sql, {"m": col.maximum}):
            issues.append(
                Issue(label, f"{value:g} is above the maximum of {col.maximum:g}", line=line, column=col.name)
            )
    return issues


def pattern_words(col: Column) -> str:
    if "\\d{4}/\\d{2}" in (col.pattern or ""):
        return "a year such as 2018/19"
    if col.pattern and col.pattern.startswith("#"):
        return "a colour such as #0072B2"
    if col.pattern and col.pattern.startswith("https?"):
        return "a web address starting http:// or https://"
    return f"pattern {col.pattern}"


def check_years(con: duckdb.DuckDBPyConnection, table: Table, label: str, latest_first_year: int) -> list[Issue]:
    """Years look like 2018/19: the second part follows the first, within the series."""
    issues: list[Issue] = []
    for col in table.columns:
        if col.pattern != r"\d{4}/\d{2}":
            continue
        c = ident(col.name)
        sql = f"""SELECT {LINE_COLUMN}, {c} FROM {ident(table.name)}
                  WHERE regexp_full_match({c}, '\\d{{4}}/\\d{{2}}')
                    AND (CAST(substr({c}, 6, 2) AS INTEGER) <> (CAST(substr({c}, 1, 4) AS INTEGER) + 1) % 100
                         OR CAST(substr({c}, 1, 4) AS INTEGER) NOT BETWEEN 2015 AND $last)
                  ORDER BY 1"""
        for line, value in _rows(con, sql, {"last": latest_first_year}):
            issues.append(
                Issue(
                    label,
                    f"{value!r} is not a reporting year from 2015/16 to {latest_first_year}/{(latest_first_year + 1) % 100:02d}",
                    line=line,
                    column=col.name,
                )
            )
    return issues


def check_unique(con: duckdb.DuckDBPyConnection, table: Table, label: str) -> list[Issue]:
    issues: list[Issue] = []
    for cols in table.unique:
        quoted = idents(cols)
        sql = f"""SELECT min({LINE_COLUMN}), max({LINE_COLUMN}), concat_ws(' / ', {quoted}) FROM {ident(table.name)}
                  GROUP BY {quoted} HAVING count(*) > 1 ORDER BY 1"""
        for first, last, value in _rows(con, sql):
            issues.append(
                Issue(label, f"{value!r} appears more than once (also line {first})", line=last, column=cols[0])
            )
    return issues


def check_references(con: duckdb.DuckDBPyConnection, table: Table, label: str, loaded: set[str]) -> list[Issue]:
    issues: list[Issue] = []
    for col in table.columns:
        if not col.references or col.references[0] not in loaded:
            continue
        ref_table, ref_col = col.references
        c = ident(col.name)
        sql = f"""SELECT {LINE_COLUMN}, {c} FROM {ident(table.name)} WHERE {c} IS NOT NULL
                  AND {c} NOT IN (SELECT {ident(ref_col)} FROM {ident(ref_table)}) ORDER BY 1"""
        for line, value in _rows(con, sql):
            issues.append(
                Issue(label, f"{value!r} is not a known {ref_col} in {ref_table}.csv", line=line, column=col.name)
            )
    return issues


def convert_booleans(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """After the text checks pass, give boolean columns their real type."""
    for col in table.columns:
        if col.type == "BOOLEAN":
            con.execute(f"ALTER TABLE {ident(table.name)} ALTER COLUMN {ident(col.name)} TYPE BOOLEAN")
