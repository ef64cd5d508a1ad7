"""The examples beside every query: queries/<name>.examples.toml, read with the standard library's tomllib.

Each examples file holds named examples of one query: the parameters and, where known, the facts the
result must show. The format is documented at the top of tests/test_queries.py (the test that runs
every example) and in queries/README.md. This module only reads the files; tests check them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from prevent_explorer.paths import QUERIES_DIR

SUFFIX = ".examples.toml"
DEFAULT = "default"
EXPECTATIONS = ("expect_rows", "expect_all_rows", "expect_row_count", "expect_empty", "expect_sum", "same_as_default")
KEYS = ("params", *EXPECTATIONS)


@dataclass(frozen=True)
class Example:
    query: str
    name: str
    params: dict[str, Any]
    expect_rows: list[dict[str, Any]] = field(default_factory=list)
    expect_all_rows: dict[str, Any] = field(default_factory=dict)
    expect_row_count: int | None = None
    expect_empty: bool = False
    expect_sum: dict[str, Any] = field(default_factory=dict)
    same_as_default: bool = False

    @property
    def id(self) -> str:
        return f"{self.query}:{self.name}"

    @property
    def is_default(self) -> bool:
        return self.name == DEFAULT


class ExamplesError(ValueError):
    """An examples file that does not follow the format."""


def examples_files(queries_dir: Path = QUERIES_DIR) -> dict[str, Path]:
    """Every examples file in queries/, by the name of the query it belongs to."""
    return {p.name.removesuffix(SUFFIX): p for p in sorted(queries_dir.glob(f"*{SUFFIX}"))}


def _example(query: str, name: str, body: Any) -> Example:
    where = f"{query}{SUFFIX} [{name}]"
    if not isinstance(body, dict):
        raise ExamplesError(f"{where}: an example is a table")
    unknown = sorted(set(body) - set(KEYS))
    if unknown:
        raise ExamplesError(f"{where}: unknown keys {unknown}; known: {', '.join(KEYS)}")
    if not isinstance(body.get("params"), dict):
        raise ExamplesError(f"{where}: 'params' (a table, {{}} for none) is required")
    kinds = {
        "expect_rows": list,
        "expect_all_rows": dict,
        "expect_row_count": int,
        "expect_empty": bool,
        "expect_sum": dict,
        "same_as_default": bool,
    }
    for key, kind in kinds.items():
        if key in body and (not isinstance(body[key], kind) or (kind is int and isinstance(body[key], bool))):
            raise ExamplesError(f"{where}: {key} must be a {kind.__name__}")
    if not all(isinstance(row, dict) and row for row in body.get("expect_rows", [])):
        raise ExamplesError(f"{where}: expect_rows is a list of tables of column values")
    if body.get("expect_empty") and (body.get("expect_rows") or body.get("expect_row_count")):
        raise ExamplesError(f"{where}: expect_empty contradicts expect_rows / expect_row_count")
    if name == DEFAULT and body.get("same_as_default"):
        raise ExamplesError(f"{where}: same_as_default is for the other examples")
    return Example(query=query, name=name, **body)


@cache
def load_examples(query: str, queries_dir: Path = QUERIES_DIR) -> dict[str, Example]:
    """The examples of one query, by name, in file order ('default' first)."""
    path = queries_dir / f"{query}{SUFFIX}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ExamplesError(f"{path.name}: {e}") from None
    if DEFAULT not in data:
        raise ExamplesError(f"{path.name}: a [{DEFAULT}] example is required")
    examples = {name: _example(query, name, body) for name, body in data.items()}
    return {DEFAULT: examples.pop(DEFAULT), **examples}


def example(query: str, name: str = DEFAULT) -> Example:
    return load_examples(query)[name]


def published_total_referrals() -> dict[str, int]:
    """Total referrals by year, as published: the expected rows of the measure_trend example."""
    rows = example("measure_trend", "referrals_every_year").expect_rows
    return {row["year"]: row["count"] for row in rows}
