"""Validate and load a referral-level file (CSV or Parquet), entirely in memory.

    result = load_own_file(uploaded.getvalue(), uploaded.name)      # an upload: bytes + file name
    result = load_own_file(path=Path("export.parquet"))             # a file named on the command line
    if result.ok:
        df = result.layer.query("referral_total", **filters)
    else:
        for issue in result.issues: print(issue)   # "export.csv, line 7, column 'ideology': ..."

Nothing is written to disk: an upload is parsed from its bytes (pyarrow), a path is read by DuckDB
or pyarrow directly, and the rows live in an in-memory DuckDB connection of their own, locked down
(no file access, no configuration changes) once loaded.

Rules (every problem found is listed; each check reports at most five examples and how many more):
- the file is at most `max_bytes` (200 MB by default; no limit for a file named on the command line),
  not empty, and a CSV (comma-separated UTF-8 text with a header row) or a Parquet file;
- it has exactly the columns referral_id, year, ideology, sector, age_group, gender, region,
  outcome (in any order); in a Parquet file they hold text (referral_id may hold whole numbers);
- referral_id and year are required; referral ids are unique (duplicates name their lines);
- years are reporting years written like 2018/19, from 2015/16 to the current year;
- every other value is an allowed value of its column (a published label or stable group, see
  referral_schema); an unknown value is reported with the nearest allowed value;
- an EMPTY cell of ideology, sector, age_group, gender, region or outcome means "Not known" (and
  "Not known" may be written out); "Not published" is reserved for the synthetic demo.
Leading and trailing spaces are ignored. Line numbers count the header as line 1 (CSV); Parquet
problems give the row number (first row = 1).
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from prevent_explorer import paths
from prevent_explorer.loading.connection import lock_down, new_connection
from prevent_explorer.loading.schema import CATEGORIES
from prevent_explorer.loading.validation import Issue
from prevent_explorer.referrals.schema import (
    DEFAULT_SUPPRESSION_THRESHOLD,
    DIMENSIONS,
    FILE_COLUMNS,
    NOT_KNOWN,
    NOT_PUBLISHED,
    OWN_LABEL,
    SYNTHETIC_LABEL,
    SYNTHETIC_METADATA_KEY,
    SYNTHETIC_NOTE,
    ReferralLayer,
    Vocabulary,
    latest_first_year,
    read_categories,
    vocabulary,
    year_problem,
)

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
MAX_EXAMPLES = 5
LINE = "__line"
VALUES = "referral_values"
CSV_SUFFIXES = (".csv", ".txt")
PARQUET_SUFFIXES = (".parquet", ".pq")
INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")


@dataclass(frozen=True)
class ReferralIssue(Issue):
    """A problem in a referral-level file. `kind` says which rule; `unit` is 'line' (CSV, the
    header is line 1) or 'row' (Parquet, the first row is 1)."""

    kind: str = "invalid"


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


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def _lines(values: Sequence[int], total: int, unit: str) -> str:
    shown = ", ".join(str(v) for v in values)
    more = total - len(values)
    plural = unit + "s" if total > 1 else unit
    return f"{plural} {shown}" + (f" and {more:,} more" if more > 0 else "")


def suggestion(value: str, allowed: Sequence[str]) -> str | None:
    """The allowed value nearest to `value`: the same text ignoring case, else the only value that
    starts with (then contains) it, else difflib's closest match."""
    folded = {a.casefold(): a for a in allowed}
    key = value.casefold()
    if key in folded:
        return folded[key]
    for test in (str.startswith, str.__contains__):
        hits = [a for f, a in folded.items() if len(key) >= 3 and test(f, key)]
        if len(hits) == 1:
            return hits[0]
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


# ----------------------------------------------------------------------------------------------
# Reading the file: checks of size, type and columns; its rows as a relation with line numbers
# ----------------------------------------------------------------------------------------------


def _file_format(name: str, head: bytes, tail: bytes, label: str) -> tuple[str | None, list[ReferralIssue]]:
    suffix = Path(name).suffix.lower()
    is_parquet = head.startswith(b"PAR1")
    if suffix in PARQUET_SUFFIXES or (is_parquet and suffix not in CSV_SUFFIXES):
        if not (is_parquet and tail.endswith(b"PAR1")):
            return None, [
                ReferralIssue(label, "the file is named .parquet but is not a Parquet file", kind="wrong_type")
            ]
        return "parquet", []
    if suffix in CSV_SUFFIXES:
        if is_parquet or b"\x00" in head or head.startswith(b"PK\x03\x04"):
            kind = "a Parquet file" if is_parquet else "not text (a spreadsheet or other binary file?)"
            return None, [
                ReferralIssue(
                    label,
                    f"the file is named .csv but is {kind}; save it as comma-separated UTF-8 text",
                    kind="wrong_type",
                )
            ]
        return "csv", []
    hint = " (an Excel workbook: save it as CSV)" if suffix in (".xlsx", ".xls", ".ods") else ""
    return None, [
        ReferralIssue(
            label,
            f"the file type {suffix or '(no extension)'} is not accepted{hint}; "
            "give a .csv (comma-separated UTF-8 text) or .parquet file",
            kind="wrong_type",
        )
    ]


def _header_issues(header: list[str], label: str) -> list[ReferralIssue]:
    expected = list(FILE_COLUMNS)
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        sep = next(s for s in ";\t|" if s in header[0])
        name = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}[sep]
        return [
            ReferralIssue(
                label,
                f"the header is one column separated by {name}; the file must be comma-separated",
                line=1,
                kind="wrong_type",
            )
        ]
    issues = []
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    dupes = sorted({c for c in header if header.count(c) > 1})
    if missing:
        issues.append(
            ReferralIssue(
                label,
                f"missing column(s): {', '.join(missing)} (expected: {', '.join(expected)})",
                line=1,
                kind="missing_columns",
            )
        )
    if extra:
        described = []
        for c in extra:
            near = suggestion(c.strip(), expected)
            described.append(f"'{c}'" + (f" (did you mean '{near}'?)" if near and near in missing else ""))
        issues.append(
            ReferralIssue(
                label,
                f"extra column(s) not in the schema: {', '.join(described)}; remove them "
                f"(expected: {', '.join(expected)})",
                line=1,
                kind="extra_columns",
            )
        )
    if dupes:
        issues.append(
            ReferralIssue(label, f"column(s) appear more than once: {', '.join(dupes)}", line=1, kind="extra_columns")
        )
    return issues


def _csv_line_numbers(data: bytes, rows: int) -> np.ndarray:
    """Line number of each data row. pyarrow skips empty lines, so count the non-empty ones."""
    if b"\n\n" not in data and b"\n\r\n" not in data:
        return np.arange(2, rows + 2, dtype=np.int64)
    buf = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(buf == 10)
    starts = np.concatenate([[0], ends + 1])
    stops = np.concatenate([ends, [buf.size]])
    length = stops - starts
    first = buf[np.minimum(starts, buf.size - 1)] if buf.size else np.zeros(0, np.uint8)
    blank = (length == 0) | ((length == 1) & (first == 13))
    numbers = np.flatnonzero(~blank) + 1
    return numbers[1 : rows + 1].astype(np.int64)


def _read_csv(data: bytes, label: str) -> tuple[pa.Table | None, list[ReferralIssue]]:
    text_head = data[:65536].decode("utf-8-sig", errors="replace")
    header = next(csv.reader(io.StringIO(text_head.splitlines()[0] if text_head.strip() else "")), [])
    header = [h.strip() for h in header]
    issues = _header_issues(header, label)
    if issues:
        return None, issues
    bad_rows: list[int | None] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad_rows.append(row.number)
        return "skip"

    def read(threads: bool) -> pa.Table:
        return pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(use_threads=threads, column_names=header, skip_rows=1),
            parse_options=pacsv.ParseOptions(delimiter=",", quote_char='"', invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.string() for h in header}, strings_can_be_null=True, null_values=[""]
            ),
        )

    try:
        table = read(threads=True)
    except pa.ArrowInvalid as err:
        if "UTF8" in str(err) or "UTF-8" in str(err):
            return None, [_utf8_issue(data, label)]
        return None, [ReferralIssue(label, f"the file cannot be read as CSV ({err})", kind="wrong_type")]
    if bad_rows:
        total = len(bad_rows)
        bad_rows.clear()
        read(threads=False)  # single-threaded, the reader knows each bad row's line number
        issues = [
            ReferralIssue(
                label,
                f"the row does not have {len(header)} values (an unquoted comma, a missing value or a "
                "line break inside a value?)",
                line=n,
                kind="bad_row",
            )
            for n in bad_rows[:MAX_EXAMPLES]
        ]
        if total > MAX_EXAMPLES:
            issues.append(ReferralIssue(label, f"... and {total - MAX_EXAMPLES:,} more such lines", kind="bad_row"))
        return None, issues
    lines = _csv_line_numbers(data, table.num_rows)
    return table.append_column(LINE, pa.array(lines)), []


def _utf8_issue(data: bytes, label: str) -> ReferralIssue:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return ReferralIssue(
            label,
            f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be read); save it as UTF-8",
            line=line,
            kind="wrong_type",
        )
    return ReferralIssue(label, "the file is not UTF-8 text; save it as UTF-8", kind="wrong_type")


def _arrow_type_words(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return "whole numbers"
    if pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "numbers"
    if pa.types.is_boolean(t):
        return "true/false values"
    if pa.types.is_temporal(t):
        return "dates or times"
    return f"values of type {t}"


def _is_text(t: pa.DataType) -> bool:
    if pa.types.is_dictionary(t):
        t = t.value_type
    return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t) or pa.types.is_null(t)


def _type_issues(types: dict[str, str], label: str) -> list[ReferralIssue]:
    """`types`: column -> 'text', 'integer' or a description of another type."""
    issues = []
    for name in FILE_COLUMNS:
        kind = types[name]
        if kind == "text" or (name == "referral_id" and kind == "integer"):
            continue
        words = "whole numbers" if kind == "integer" else kind
        expected = "text such as 2018/19" if name == "year" else "text"
        issues.append(
            ReferralIssue(label, f"the column holds {words}; expected {expected}", column=name, kind="column_type")
        )
    return issues


def _read_parquet_bytes(data: bytes, label: str) -> tuple[pa.Table | None, bool, list[ReferralIssue]]:
    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        schema = parquet.schema_arrow
    except (pa.ArrowException, OSError) as err:
        return None, False, [ReferralIssue(label, f"the Parquet file cannot be read ({err})", kind="wrong_type")]
    issues = _header_issues(list(schema.names), label)
    if issues:
        return None, False, issues
    types = {
        f.name: "text" if _is_text(f.type) else "integer" if pa.types.is_integer(f.type) else _arrow_type_words(f.type)
        for f in schema
    }
    issues = _type_issues(types, label)
    if issues:
        return None, False, issues
    metadata = parquet.metadata.metadata or {}
    synthetic = metadata.get(SYNTHETIC_METADATA_KEY.encode()) == b"true"
    try:
        table = parquet.read()
    except (pa.ArrowException, OSError) as err:
        return None, False, [ReferralIssue(label, f"the Parquet file cannot be read ({err})", kind="wrong_type")]
    table = table.append_column(LINE, pa.array(np.arange(1, table.num_rows + 1, dtype=np.int64)))
    return table, synthetic, []


@dataclass(frozen=True)
class Source:
    """Where the file's rows are read from: a relation giving __line and the file's columns."""

    relation: str  # SQL of the relation (a registered Arrow table, or read_parquet with a bound path)
    params: dict[str, str]
    unit: str  # 'line' (CSV) or 'row' (Parquet)
    synthetic: bool

    @property
    def raw(self) -> str:
        """The rows with every value as trimmed text, empty cells as NULL."""
        cols = ", ".join(f'nullif(trim(CAST("{c}" AS VARCHAR)), \'\') AS "{c}"' for c in FILE_COLUMNS)
        return f"(SELECT CAST({LINE} AS BIGINT) AS {LINE}, {cols} FROM {self.relation})"


ARROW_NAME = "referrals_arrow"


def _arrow_source(con: duckdb.DuckDBPyConnection, table: pa.Table, unit: str, synthetic: bool) -> Source:
    con.register(ARROW_NAME, table)
    return Source(ARROW_NAME, {}, unit, synthetic)


def _parquet_path_source(
    con: duckdb.DuckDBPyConnection, path: Path, label: str
) -> tuple[Source | None, list[ReferralIssue]]:
    p = {"p": str(path)}
    try:
        described = con.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($p))", p)
        columns = dict(described.fetchall())
        metadata = dict(con.execute("SELECT key::VARCHAR, value::VARCHAR FROM parquet_kv_metadata($p)", p).fetchall())
    except duckdb.Error as err:
        return None, [ReferralIssue(label, f"the Parquet file cannot be read ({err})", kind="wrong_type")]
    issues = _header_issues(list(columns), label)
    if issues:
        return None, issues
    types = {
        n: "text" if t == "VARCHAR" else "integer" if t in INTEGER_TYPES else f"values of type {t}"
        for n, t in columns.items()
    }
    issues = _type_issues(types, label)
    if issues:
        return None, issues
    relation = f"(SELECT file_row_number + 1 AS {LINE}, * FROM read_parquet($p, file_row_number = true))"
    return Source(relation, p, "row", metadata.get(SYNTHETIC_METADATA_KEY) == "true"), []


def stage(
    con: duckdb.DuckDBPyConnection,
    *,
    data: bytes | None,
    name: str,
    path: Path | None,
    max_bytes: int | None,
) -> tuple[Source | None, list[ReferralIssue]]:
    """Check the file's size, type and columns, and make its rows readable by `con`."""
    label = name
    if path is not None:
        if not path.exists():
            return None, [ReferralIssue(label, "the file is missing", kind="missing_file")]
        if path.is_dir():
            return None, [ReferralIssue(label, "expected a file but found a folder", kind="wrong_type")]
        size = path.stat().st_size
    else:
        size = len(data or b"")
    if max_bytes is not None and size > max_bytes:
        text = f"the file is {_mb(size)}; the largest file accepted is {_mb(max_bytes)}"
        return None, [ReferralIssue(label, text, kind="too_large")]
    if size == 0:
        return None, [ReferralIssue(label, "the file is empty", kind="empty")]
    if path is not None:
        with path.open("rb") as fh:
            head = fh.read(65536)
            fh.seek(max(size - 4, 0))
            tail = fh.read()
    else:
        assert data is not None
        head, tail = data[:65536], data[-4:]
    fmt, issues = _file_format(name, head, tail, label)
    if fmt is None:
        return None, issues
    if fmt == "parquet":
        if path is not None:
            return _parquet_path_source(con, path, label)
        table, synthetic, issues = _read_parquet_bytes(data or b"", label)
        return (_arrow_source(con, table, "row", synthetic) if table is not None else None), issues
    raw = data if data is not None else path.read_bytes()  # type: ignore[union-attr]
    if not raw.strip():
        return None, [ReferralIssue(label, "the file is empty", kind="empty")]
    table, issues = _read_csv(raw, label)
    return (_arrow_source(con, table, "line", False) if table is not None else None), issues


# ----------------------------------------------------------------------------------------------
# Checking the rows (SQL: one pass over the low-cardinality columns; duplicate ids are counted on
# the loaded table) and building the `referrals` table
# ----------------------------------------------------------------------------------------------


def _create_values_table(con: duckdb.DuckDBPyConnection, vocab: Vocabulary, allow_not_published: bool) -> None:
    rows = [r for r in vocab.rows() if allow_not_published or r[1] != NOT_PUBLISHED]
    table = pa.table(
        {
            "dimension": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "stored": [r[2] for r in rows],
            "group": [r[3] for r in rows],
        }
    )
    con.register("referral_values_arrow", table)
    try:
        con.execute(f"CREATE OR REPLACE TABLE {VALUES} AS SELECT * FROM referral_values_arrow")
    finally:
        con.unregister("referral_values_arrow")


@dataclass(frozen=True)
class _Checker:
    con: duckdb.DuckDBPyConnection
    source: Source
    label: str

    def issue(self, message: str, line: int | None = None, column: str | None = None, kind: str = "") -> ReferralIssue:
        return ReferralIssue(self.label, message, line=line, column=column, kind=kind, unit=self.source.unit)

    def fetch(self, sql: str, params: dict | None = None) -> list[tuple]:
        return self.con.execute(sql, {**self.source.params, **(params or {})}).fetchall()

    def lines_of(self, column: str, values: list[str], limit: int) -> dict[str, list[int]]:
        rows = self.fetch(
            f"""SELECT "{column}", list({LINE} ORDER BY {LINE})[1:$limit] FROM {self.source.raw}
                WHERE list_contains($values, "{column}") GROUP BY "{column}" """,
            {"values": values, "limit": limit},
        )
        return {v: list(lines) for v, lines in rows}


def check_rows(
    con: duckdb.DuckDBPyConnection, source: Source, label: str, vocab: Vocabulary, allow_not_published: bool
) -> list[ReferralIssue]:
    """Every rule on the values. Returns the problems found (at most five examples per rule)."""
    c = _Checker(con, source, label)
    dims = ("year", *DIMENSIONS)
    quoted = ", ".join(f'"{d}"' for d in dims)
    sets = ", ".join(f'("{d}")' for d in dims)
    # One pass: the distinct values of every column but referral_id, with counts and first lines.
    grouped = c.fetch(
        f"""SELECT {quoted}, GROUPING({quoted}) AS g, count(*) AS n, min({LINE}) AS first,
                   count(*) FILTER (WHERE referral_id IS NULL) AS no_id
            FROM {source.raw} GROUP BY GROUPING SETS ({sets})"""
    )
    full = 2 ** len(dims) - 1
    by_dim: dict[str, list[tuple[str | None, int, int]]] = {d: [] for d in dims}
    missing_ids = 0
    for row in grouped:
        g, n, first, no_id = row[len(dims) :]
        i = next(k for k, d in enumerate(dims) if g == full - 2 ** (len(dims) - 1 - k))
        by_dim[dims[i]].append((row[i], int(n), int(first)))
        if i == 0:
            missing_ids += int(no_id)
    if sum(n for _, n, _ in by_dim["year"]) == 0:
        return [ReferralIssue(label, "the file has a header but no data rows", kind="empty")]

    issues: list[ReferralIssue] = []
    missing_years = sum(n for v, n, _ in by_dim["year"] if v is None)
    for column, count in (("referral_id", missing_ids), ("year", missing_years)):
        if not count:
            continue
        lines = [
            r[0]
            for r in c.fetch(
                f'SELECT {LINE} FROM {source.raw} WHERE "{column}" IS NULL ORDER BY 1 LIMIT {MAX_EXAMPLES}'
            )
        ]
        issues += [c.issue("a value is required", line, column, "missing_value") for line in lines]
        if count > len(lines):
            issues.append(c.issue(f"... and {count - len(lines):,} more empty values", None, column, "missing_value"))

    last = latest_first_year()
    bad_years = sorted(
        ((v, n, f) for v, n, f in by_dim["year"] if v is not None and year_problem(v, last)), key=lambda t: t[2]
    )
    lines = c.lines_of("year", [v for v, _, _ in bad_years[:MAX_EXAMPLES]], 3)
    for value, n, first in bad_years[:MAX_EXAMPLES]:
        text = f"{year_problem(value, last)} ({_lines(lines[value], n, source.unit)})"
        issues.append(c.issue(text, first, "year", "bad_year"))
    if len(bad_years) > MAX_EXAMPLES:
        issues.append(c.issue(f"... and {len(bad_years) - MAX_EXAMPLES:,} more wrong years", None, "year", "bad_year"))

    for dim in DIMENSIONS:
        allowed = [v for v in vocab.allowed(dim) if allow_not_published or v != NOT_PUBLISHED]
        known = set(allowed)
        unknown = sorted(((v, n, f) for v, n, f in by_dim[dim] if v is not None and v not in known), key=lambda t: t[2])
        lines = c.lines_of(dim, [v for v, _, _ in unknown[:MAX_EXAMPLES]], 3)
        for value, n, first in unknown[:MAX_EXAMPLES]:
            where = _lines(lines[value], n, source.unit)
            if value == NOT_PUBLISHED:
                text = f"'{NOT_PUBLISHED}' is only used by the synthetic demo; leave the cell empty or write '{NOT_KNOWN}' ({where})"
                kind = "not_published"
            else:
                near = suggestion(value, allowed)
                hint = f"; did you mean {near!r}?" if near else f"; allowed: {', '.join(allowed)}"
                text = f"{value!r} is not an allowed {dim.replace('_', ' ')}{hint} ({where})"
                kind = "unknown_value"
            issues.append(c.issue(text, first, dim, kind))
        if len(unknown) > MAX_EXAMPLES:
            issues.append(
                c.issue(f"... and {len(unknown) - MAX_EXAMPLES:,} more unknown values", None, dim, "unknown_value")
            )
    return issues


def _duplicate_ids(c: _Checker) -> list[ReferralIssue]:
    dupes = c.fetch(
        f"""SELECT referral_id, n, first, count(*) OVER () FROM (
                SELECT referral_id, count(*) AS n, min({LINE}) AS first FROM {c.source.raw}
                WHERE referral_id IS NOT NULL GROUP BY referral_id HAVING count(*) > 1)
            ORDER BY first LIMIT $limit""",
        {"limit": MAX_EXAMPLES},
    )
    if not dupes:
        return []
    lines = c.lines_of("referral_id", [d[0] for d in dupes], MAX_EXAMPLES)
    issues = [
        c.issue(
            f"the referral id {referral_id!r} appears {n} times: {_lines(lines[referral_id], n, c.source.unit)}",
            first,
            "referral_id",
            "duplicate_id",
        )
        for referral_id, n, first, _ in dupes
    ]
    total = dupes[0][3]
    if total > len(dupes):
        issues.append(
            c.issue(f"... and {total - len(dupes):,} more duplicated referral ids", None, "referral_id", "duplicate_id")
        )
    return issues


REFERRAL_MACROS = paths.QUERIES_DIR / "_referral_macros.sql"


def create_referrals_table(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """`referrals` from the checked rows: values stored as the contract says, empty cells as
    'Not known', plus ideology_group and sector_group."""
    # Column and table names come from the schema (code); every value is a bound parameter.
    joins, cols = [], []
    values: dict[str, str] = {"not_known": NOT_KNOWN}
    for i, dim in enumerate(DIMENSIONS):
        values[f"dim{i}"] = dim
        joins.append(f'LEFT JOIN {VALUES} AS v{i} ON v{i}.dimension = $dim{i} AND v{i}.value = r."{dim}"')
        cols.append(f'coalesce(v{i}.stored, $not_known) AS "{dim}"')
    groups = [f'coalesce(v{DIMENSIONS.index(d)}."group", $not_known) AS {d}_group' for d in ("ideology", "sector")]
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
        _create_values_table(con, vocab, allow_not_published=source.synthetic)
        issues = check_rows(con, source, name, vocab, allow_not_published=source.synthetic)
        create_referrals_table(con, source)
        # Duplicate ids last: counting distinct ids is cheapest on the loaded table.
        (duplicated,) = con.execute("SELECT count(referral_id) - count(DISTINCT referral_id) FROM referrals").fetchone()  # type: ignore[misc]
        if duplicated:
            issues += _duplicate_ids(_Checker(con, source, name))
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
