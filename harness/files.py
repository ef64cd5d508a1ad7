"""Data files for tests and benchmarks: editing one cell of a data CSV (the corruption tests), and a
large valid referral-level CSV (the own-file test and benchmark)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from prevent_explorer.referrals.schema import FILE_COLUMNS, NOT_PUBLISHED, vocabulary


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n", delimiter=delimiter).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def set_cell(path: Path, data_row: int, column: str, value: str) -> int:
    """Set a cell (data_row 1 = first row under the header); return the file line changed."""
    rows = read_rows(path)
    rows[data_row][rows[0].index(column)] = value
    write_rows(path, rows)
    return data_row + 1


def find_row(path: Path, **match: str) -> int:
    rows = read_rows(path)
    header = rows[0]
    for i, row in enumerate(rows[1:], start=1):
        if all(row[header.index(k)] == v for k, v in match.items()):
            return i
    raise AssertionError(f"no row matching {match}")


def million_row_csv(n: int = 1_000_000) -> bytes:
    """A valid referral-level CSV of `n` rows (random allowed values, fixed seed, unique ids)."""
    rng = np.random.default_rng(20150401)
    vocab = vocabulary()
    columns = {
        "referral_id": pa.array(np.char.add("R", np.arange(n).astype(str))),
        "year": pa.array(rng.choice(["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"], n)),
    }
    for dim in FILE_COLUMNS[2:]:
        columns[dim] = pa.array(rng.choice([v for v in vocab.allowed(dim) if v != NOT_PUBLISHED], n))
    buf = io.BytesIO()
    pacsv.write_csv(pa.table(columns), buf)
    return buf.getvalue()


# A small valid referral-level file: labels and groups, an empty cell ('Not known'), several years.
GOOD_ROWS = [
    ["R1", "2018/19", "Islamist", "Education", "Under 15", "Male", "North East", "No further action"],
    [
        "R2",
        "2018/19",
        "Right-wing",
        "Police",
        "15 or over (20 or under)",
        "Female",
        "London",
        "Adopted as Channel case",
    ],
    ["R3", "2019/20", "Extreme right-wing", "Prisons", "15 to 20", "", "", "Discussed at Channel, not adopted"],
    ["R4", "2024/25", "  InCel ", "Local authority", "11 to 15", "Not known", "North West", ""],
]


def csv_bytes(rows: list[list[str]], header: list[str] | None = None) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header if header is not None else list(FILE_COLUMNS))
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")
