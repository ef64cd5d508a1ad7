"""Your own referral-level file: every rule has a clear message; a good file loads into a locked-down connection."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from harness.files import GOOD_ROWS, csv_bytes, million_row_csv
from prevent_explorer.filters import FilterState
from prevent_explorer.referrals.own_file import (
    DEFAULT_MAX_BYTES,
    OwnDataResult,
    ReferralIssue,
    load_own_file,
    suggestion,
)
from prevent_explorer.referrals.schema import FILE_COLUMNS, NOT_PUBLISHED, TABLE_COLUMNS


def parquet_bytes(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def issues_of(result: OwnDataResult, kind: str) -> list[ReferralIssue]:
    assert not result.ok
    found = [i for i in result.issues if i.kind == kind]
    assert found, f"no {kind} issue in {[str(i) for i in result.issues]}"
    return found


def test_a_good_file_loads_with_labels_groups_and_not_known() -> None:
    result = load_own_file(csv_bytes(GOOD_ROWS), "mine.csv")
    assert result.ok, [str(i) for i in result.issues]
    layer = result.layer
    assert layer.kind == "own" and layer.suppression_threshold == 5 and layer.row_count == 4
    assert layer.years == ["2018/19", "2019/20", "2024/25"]
    assert layer.source_name == "mine.csv"
    rows = layer.con.execute("SELECT * FROM referrals ORDER BY referral_id").fetchall()
    columns = [d[0] for d in layer.con.execute("SELECT * FROM referrals LIMIT 0").description]
    assert columns == list(TABLE_COLUMNS)
    by_id = {r[0]: dict(zip(columns, r, strict=True)) for r in rows}
    assert by_id["R2"]["ideology"] == "Right-wing" and by_id["R2"]["ideology_group"] == "Extreme right-wing"
    assert by_id["R2"]["age_group"] == "15 to 20"  # stored as the stable group
    assert by_id["R3"]["sector"] == "Prisons" and by_id["R3"]["sector_group"] == "Prisons and probation"
    assert by_id["R3"]["gender"] == "Not known" and by_id["R3"]["region"] == "Not known"  # empty cells
    assert by_id["R4"]["ideology"] == "InCel" and by_id["R4"]["ideology_group"] == "Incel"  # spaces trimmed
    assert by_id["R4"]["sector_group"] == "Local authority"  # a group name is accepted too
    assert by_id["R4"]["outcome"] == "Not known"
    (n,) = layer.con.execute("SELECT count(*) FROM categories").fetchone()
    assert n == 61


def test_parquet_upload_and_path_with_whole_number_ids(tmp_path: Path) -> None:
    table = pa.table({c: [r[i] for r in GOOD_ROWS] for i, c in enumerate(FILE_COLUMNS)})
    table = table.set_column(0, "referral_id", pa.array([101, 102, 103, 104], pa.int64()))
    result = load_own_file(parquet_bytes(table), "mine.parquet")
    assert result.ok, [str(i) for i in result.issues]
    path = tmp_path / "mine.parquet"
    pq.write_table(table, path)
    from_path = load_own_file(path=path)
    assert from_path.ok and from_path.layer.row_count == 4
    ids = from_path.layer.con.execute("SELECT list(referral_id ORDER BY referral_id) FROM referrals").fetchone()[0]
    assert ids == ["101", "102", "103", "104"]


def test_too_large() -> None:
    data = csv_bytes(GOOD_ROWS)
    (issue,) = issues_of(load_own_file(data, "big.csv", max_bytes=100), "too_large")
    assert "largest file accepted" in issue.message
    assert DEFAULT_MAX_BYTES == 200 * 1024 * 1024


def test_empty_file_and_header_only() -> None:
    assert "empty" in str(issues_of(load_own_file(b"", "x.csv"), "empty")[0])
    assert "empty" in str(issues_of(load_own_file(b"  \n", "x.csv"), "empty")[0])
    (issue,) = issues_of(load_own_file(csv_bytes([]), "x.csv"), "empty")
    assert "no data rows" in issue.message


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("referrals.xlsx", b"PK\x03\x04 spreadsheet", "Excel"),
        ("referrals.json", b"[{}]", "not accepted"),
        ("referrals.csv", b"PAR1\x00\x00PAR1", "Parquet"),
        ("referrals.parquet", b"referral_id,year\n", "not a Parquet file"),
    ],
)
def test_wrong_type(name: str, data: bytes, words: str) -> None:
    (issue,) = issues_of(load_own_file(data, name), "wrong_type")
    assert words in issue.message


def test_not_utf8_and_wrong_separator() -> None:
    data = csv_bytes(GOOD_ROWS).replace(b"Islamist", b"Islam\xe9st")
    (issue,) = issues_of(load_own_file(data, "x.csv"), "wrong_type")
    assert "UTF-8" in issue.message and issue.line == 2
    semicolons = csv_bytes([], header=[";".join(FILE_COLUMNS)])
    (issue,) = issues_of(load_own_file(semicolons, "x.csv"), "wrong_type")
    assert "semicolons" in issue.message


def test_missing_column() -> None:
    header = [c for c in FILE_COLUMNS if c != "gender"]
    rows = [[v for v, c in zip(r, FILE_COLUMNS, strict=True) if c != "gender"] for r in GOOD_ROWS]
    (issue,) = issues_of(load_own_file(csv_bytes(rows, header), "x.csv"), "missing_columns")
    assert "missing column(s): gender" in issue.message and issue.line == 1


def test_extra_column_with_a_hint() -> None:
    header = [*FILE_COLUMNS, "notes"]
    rows = [[*r, "x"] for r in GOOD_ROWS]
    (issue,) = issues_of(load_own_file(csv_bytes(rows, header), "x.csv"), "extra_columns")
    assert "'notes'" in issue.message
    renamed = ["Ideology" if c == "ideology" else c for c in FILE_COLUMNS]
    result = load_own_file(csv_bytes(GOOD_ROWS, renamed), "x.csv")
    assert "did you mean 'ideology'?" in issues_of(result, "extra_columns")[0].message
    issues_of(result, "missing_columns")


def test_wrong_column_type() -> None:
    table = pa.table({c: [r[i] for r in GOOD_ROWS] for i, c in enumerate(FILE_COLUMNS)})
    table = table.set_column(1, "year", pa.array([2018, 2018, 2019, 2024], pa.int64()))
    table = table.set_column(6, "region", pa.array([1.5, 2.5, None, 3.0], pa.float64()))
    result = load_own_file(parquet_bytes(table), "x.parquet")
    issues = issues_of(result, "column_type")
    assert {i.column for i in issues} == {"year", "region"}
    assert "whole numbers; expected text such as 2018/19" in next(i.message for i in issues if i.column == "year")


@pytest.mark.parametrize(
    ("year", "words"),
    [("2018-19", "written like 2018/19"), ("2014/15", "from 2015/16"), ("2018/20", "from 2015/16"), ("2019", "like")],
)
def test_bad_year(year: str, words: str) -> None:
    rows = [list(r) for r in GOOD_ROWS]
    rows[2][1] = year
    (issue,) = issues_of(load_own_file(csv_bytes(rows), "x.csv"), "bad_year")
    assert words in issue.message and issue.line == 4 and issue.column == "year"
    assert str(issue).startswith("x.csv, line 4, column 'year': ")


def test_duplicate_ids_name_their_lines() -> None:
    rows = [list(r) for r in GOOD_ROWS] + [list(GOOD_ROWS[0]), list(GOOD_ROWS[0])]
    (issue,) = issues_of(load_own_file(csv_bytes(rows), "x.csv"), "duplicate_id")
    assert issue.message == "the referral id 'R1' appears 3 times: lines 2, 6, 7"
    assert issue.line == 2


def test_duplicate_ids_in_parquet_name_rows() -> None:
    table = pa.table({c: [r[i] for r in GOOD_ROWS] for i, c in enumerate(FILE_COLUMNS)})
    table = table.set_column(0, "referral_id", pa.array(["A", "B", "A", "C"]))
    (issue,) = issues_of(load_own_file(parquet_bytes(table), "x.parquet"), "duplicate_id")
    assert "rows 1, 3" in issue.message and str(issue).startswith("x.parquet, row 1")


def test_unknown_value_suggests_the_nearest() -> None:
    rows = [list(r) for r in GOOD_ROWS]
    rows[0][2] = "Islamic"
    rows[1][2] = "Islamic"
    rows[2][3] = "education"
    rows[3][7] = "Adopted"
    issues = issues_of(load_own_file(csv_bytes(rows), "x.csv"), "unknown_value")
    by_column = {i.column: i for i in issues}
    assert (
        by_column["ideology"].message == "'Islamic' is not an allowed ideology; did you mean 'Islamist'? (lines 2, 3)"
    )
    assert "did you mean 'Education'?" in by_column["sector"].message
    assert "did you mean 'Adopted as Channel case'?" in by_column["outcome"].message
    assert suggestion("zzzz", ["Islamist", "Other"]) is None


def test_not_published_is_only_for_the_demo() -> None:
    rows = [list(r) for r in GOOD_ROWS]
    rows[0][4] = NOT_PUBLISHED
    (issue,) = issues_of(load_own_file(csv_bytes(rows), "x.csv"), "not_published")
    assert "leave the cell empty" in issue.message


def test_required_values_and_bad_rows() -> None:
    rows = [list(r) for r in GOOD_ROWS]
    rows[1][0] = " "
    rows[2][1] = ""
    issues = issues_of(load_own_file(csv_bytes(rows), "x.csv"), "missing_value")
    assert {(i.line, i.column) for i in issues} == {(3, "referral_id"), (4, "year")}
    broken = csv_bytes(GOOD_ROWS) + b"R9,2018/19,Islamist,Education\n"
    (issue,) = issues_of(load_own_file(broken, "x.csv"), "bad_row")
    assert issue.line == 6 and "8 values" in issue.message


def test_blank_lines_keep_line_numbers_right() -> None:
    rows = [list(r) for r in GOOD_ROWS]
    rows[3][1] = "2030-31"
    data = csv_bytes(rows).replace(b"\nR2,", b"\n\n\r\nR2,")
    (issue,) = issues_of(load_own_file(data, "x.csv"), "bad_year")
    assert issue.line == 7


def test_every_problem_is_listed_at_once() -> None:
    rows = [list(r) for r in GOOD_ROWS] + [list(GOOD_ROWS[1])]
    rows[0][1] = "2018-19"
    rows[1][5] = "Males"
    kinds = {i.kind for i in load_own_file(csv_bytes(rows), "x.csv").issues}
    assert kinds == {"bad_year", "unknown_value", "duplicate_id"}


def test_connection_is_locked_down_and_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = load_own_file(csv_bytes(GOOD_ROWS), "mine.csv")
    assert result.ok
    assert list(tmp_path.iterdir()) == []
    con = result.layer.con
    source = Path(__file__).resolve().parent.parent / "data" / "published" / "sources.csv"
    for sql in (
        f"SELECT * FROM read_csv('{source}')",
        f"SELECT * FROM read_parquet('{source}')",
        f"COPY referrals TO '{tmp_path / 'out.csv'}'",
        f"ATTACH '{tmp_path / 'x.duckdb'}' AS other",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
    ):
        with pytest.raises((duckdb.PermissionException, duckdb.InvalidInputException, duckdb.CatalogException)):
            con.execute(sql)
    assert list(tmp_path.iterdir()) == []
    result.layer.close()
    assert result.layer.con is None


def test_a_million_row_csv_loads_and_validates() -> None:
    """How long it takes is a benchmark target (benchmarks/own_file.py, <= 20 s), not a test."""
    result = load_own_file(million_row_csv(), "million.csv")
    assert result.ok, [str(i) for i in result.issues]
    assert result.layer.row_count == 1_000_000
    total = result.layer.query(
        "referral_total", **FilterState("2015/16", "2024/25", ideologies=("Islamist",)).sql_params()
    )
    assert 0 < int(total["referrals"].iloc[0]) < 1_000_000
    result.layer.close()
