"""Editing one cell of a data CSV (for the corruption tests)."""

from __future__ import annotations

import csv
import io
from pathlib import Path


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
