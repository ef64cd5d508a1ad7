"""Run the SQL files in queries/ by name, with bound parameters only.

Each file starts with a header comment (aiosql style):

    -- name: figure_trend
    -- The trend of one or more measures over a range of years (preferred published figures).
    -- :param measures: list of measures, e.g. ['referrals']
    -- :param year_from: first year, e.g. '2015/16'
    SELECT ...

The header's first lines are the query's description; `:param` lines declare every parameter.
A call must pass exactly the declared parameters; values are bound by DuckDB (`$name`),
never formatted into the SQL text, so a value such as "'; DROP TABLE figures; --" is only ever
a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from prevent_explorer.paths import QUERIES_DIR

PARAM_LINE = re.compile(r"^--\s*:param\s+(\w+)\s*:\s*(.*)$")
NAME_LINE = re.compile(r"^--\s*name:\s*([a-z0-9_]+)\s*$")
PLACEHOLDER = re.compile(r"\$([a-z_][a-z0-9_]*)")


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    params: dict[str, str]  # name -> description
    sql: str
    path: Path


class QueryError(ValueError):
    """A query was called with missing, unknown or wrongly typed parameters."""


def parse_query_file(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    name, description, params = None, [], {}
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        if m := NAME_LINE.match(line):
            name = m[1]
        elif m := PARAM_LINE.match(line):
            params[m[1]] = m[2].strip()
        else:
            description.append(line.lstrip("-").strip())
    if name != path.stem:
        raise QueryError(f"{path.name}: the header must start with '-- name: {path.stem}'")
    used = set(PLACEHOLDER.findall(text))
    if used != set(params):
        raise QueryError(f"{path.name}: declared parameters {sorted(params)} do not match those used {sorted(used)}")
    return Query(name, " ".join(d for d in description if d), params, text, path)


@cache
def registry(queries_dir: Path = QUERIES_DIR) -> dict[str, Query]:
    """Every query in queries/, by name (files starting with '_' are not queries)."""
    return {p.stem: parse_query_file(p) for p in sorted(queries_dir.glob("*.sql")) if not p.name.startswith("_")}


def get(name: str) -> Query:
    try:
        return registry()[name]
    except KeyError:
        raise QueryError(f"no query named {name!r}; known: {', '.join(sorted(registry()))}") from None


def _check_value(query: Query, key: str, value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        if not all(isinstance(v, (str, int, float)) for v in value):
            raise QueryError(f"{query.name}: parameter {key} must be a list of plain values")
        return list(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise QueryError(f"{query.name}: parameter {key} has an unsupported type {type(value).__name__}")


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run query `name` on `con` (use a cursor per call) and return a DataFrame."""
    query = get(name)
    missing = sorted(set(query.params) - set(params))
    unknown = sorted(set(params) - set(query.params))
    if missing or unknown:
        raise QueryError(f"{name}: missing parameters {missing}, unknown parameters {unknown}")
    bound = {k: _check_value(query, k, v) for k, v in params.items()}
    return con.execute(query.sql, bound).df()
