"""Reading a referral-level file: checks of size, type and columns; its rows as a relation with line numbers.

`stage` takes an upload's bytes or a path, checks the file's size, format (CSV or Parquet, from the
name and the first and last bytes) and columns, and makes its rows readable by a DuckDB connection
as a `Source`: a CSV is parsed from memory by pyarrow, a Parquet upload by pyarrow, a Parquet path by
DuckDB's read_parquet (with a bound path). Nothing is written to disk.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from prevent_explorer.referrals.own_file.columns import arrow_type_words, header_issues, is_text, type_issues
from prevent_explorer.referrals.own_file.issues import MAX_EXAMPLES, ReferralIssue
from prevent_explorer.referrals.schema import FILE_COLUMNS, SYNTHETIC_METADATA_KEY
from prevent_explorer.sql_names import ident

LINE = "__line"
CSV_SUFFIXES = (".csv", ".txt")
PARQUET_SUFFIXES = (".parquet", ".pq")
INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


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
    issues = header_issues(header, label)
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


def _read_parquet_bytes(data: bytes, label: str) -> tuple[pa.Table | None, bool, list[ReferralIssue]]:
    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        schema = parquet.schema_arrow
    except (pa.ArrowException, OSError) as err:
        return None, False, [ReferralIssue(label, f"the Parquet file cannot be read ({err})", kind="wrong_type")]
    issues = header_issues(list(schema.names), label)
    if issues:
        return None, False, issues
    types = {
        f.name: "text" if is_text(f.type) else "integer" if pa.types.is_integer(f.type) else arrow_type_words(f.type)
        for f in schema
    }
    issues = type_issues(types, label)
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
        cols = ", ".join(f"nullif(trim(CAST({ident(c)} AS VARCHAR)), '') AS {ident(c)}" for c in FILE_COLUMNS)
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
    issues = header_issues(list(columns), label)
    if issues:
        return None, issues
    types = {
        n: "text" if t == "VARCHAR" else "integer" if t in INTEGER_TYPES else f"values of type {t}"
        for n, t in columns.items()
    }
    issues = type_issues(types, label)
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
