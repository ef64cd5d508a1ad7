"""Checking the rows of a referral-level file, in SQL over its `Source`.

One pass over the low-cardinality columns finds missing ids and years, wrong years and values that
are not allowed (with the nearest allowed value); duplicate ids are counted on the loaded table
(`duplicate_id_issues`). Every problem names its line (CSV) or row (Parquet) and column.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from prevent_explorer.referrals.own_file.issues import MAX_EXAMPLES, ReferralIssue, lines_text, suggestion
from prevent_explorer.referrals.own_file.reading import LINE, Source
from prevent_explorer.referrals.schema import (
    DIMENSIONS,
    NOT_KNOWN,
    NOT_PUBLISHED,
    Vocabulary,
    latest_first_year,
    year_problem,
)
from prevent_explorer.sql_names import ident, idents

VALUES = "referral_values"


def create_values_table(con: duckdb.DuckDBPyConnection, vocab: Vocabulary, allow_not_published: bool) -> None:
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
class Checker:
    con: duckdb.DuckDBPyConnection
    source: Source
    label: str

    def issue(self, message: str, line: int | None = None, column: str | None = None, kind: str = "") -> ReferralIssue:
        return ReferralIssue(self.label, message, line=line, column=column, kind=kind, unit=self.source.unit)

    def fetch(self, sql: str, params: dict | None = None) -> list[tuple]:
        return self.con.execute(sql, {**self.source.params, **(params or {})}).fetchall()

    def lines_of(self, column: str, values: list[str], limit: int) -> dict[str, list[int]]:
        rows = self.fetch(
            f"""SELECT {ident(column)}, list({LINE} ORDER BY {LINE})[1:$limit] FROM {self.source.raw}
                WHERE list_contains($values, {ident(column)}) GROUP BY {ident(column)}""",
            {"values": values, "limit": limit},
        )
        return {v: list(lines) for v, lines in rows}


def check_rows(
    con: duckdb.DuckDBPyConnection, source: Source, label: str, vocab: Vocabulary, allow_not_published: bool
) -> list[ReferralIssue]:
    """Every rule on the values. Returns the problems found (at most five examples per rule)."""
    c = Checker(con, source, label)
    dims = ("year", *DIMENSIONS)
    quoted = idents(dims)
    sets = ", ".join(f"({ident(d)})" for d in dims)
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
                f"SELECT {LINE} FROM {source.raw} WHERE {ident(column)} IS NULL ORDER BY 1 LIMIT $limit",
                {"limit": MAX_EXAMPLES},
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
        text = f"{year_problem(value, last)} ({lines_text(lines[value], n, source.unit)})"
        issues.append(c.issue(text, first, "year", "bad_year"))
    if len(bad_years) > MAX_EXAMPLES:
        issues.append(c.issue(f"... and {len(bad_years) - MAX_EXAMPLES:,} more wrong years", None, "year", "bad_year"))

    for dim in DIMENSIONS:
        allowed = [v for v in vocab.allowed(dim) if allow_not_published or v != NOT_PUBLISHED]
        known = set(allowed)
        unknown = sorted(((v, n, f) for v, n, f in by_dim[dim] if v is not None and v not in known), key=lambda t: t[2])
        lines = c.lines_of(dim, [v for v, _, _ in unknown[:MAX_EXAMPLES]], 3)
        for value, n, first in unknown[:MAX_EXAMPLES]:
            where = lines_text(lines[value], n, source.unit)
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


def duplicate_id_issues(c: Checker) -> list[ReferralIssue]:
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
            f"the referral id {referral_id!r} appears {n} times: {lines_text(lines[referral_id], n, c.source.unit)}",
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
