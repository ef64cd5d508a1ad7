"""The contract of the referral-level layer: one row per referral (synthetic demo or a user's own file).

    vocab = vocabulary()                       # allowed values per dimension, from categories.csv
    vocab.allowed("ideology")                  # ('Anarchist Extremism', ..., 'Not known', 'Not published')
    vocab.rows()                               # (dimension, value, stored value, group) for every allowed value

Allowed values of a dimension are the published `category` labels of role `part` in
`data/published/categories.csv` and their stable `group` names (a local export can use either),
plus "Not known" (the value is missing in a user's file) and "Not published" (used only by the
synthetic demo, where a year's breakdown was not published). Outcomes use their own short list.

How values are stored in the `referrals` table:
- `ideology` and `sector` keep the label as given (the synthetic demo uses each year's published
  label); `ideology_group` and `sector_group` carry the stable group, used by every filter.
- `age_group`, `gender` and `region` are stored as their stable group (the only label that differs
  from its group is '15 or over (20 or under)', stored as '15 to 20').
- `outcome` is stored as given.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from prevent_explorer import paths
from prevent_explorer.outcomes import ADOPTED, DISCUSSED_NOT_ADOPTED, NO_FURTHER_ACTION, PASSED_ON, STILL_OPEN
from prevent_explorer.queries import run_query

DIMENSIONS = ("ideology", "sector", "age_group", "gender", "region", "outcome")
GROUPED_DIMENSIONS = ("ideology", "sector")  # keep the label, plus a <dimension>_group column

NOT_KNOWN = "Not known"
NOT_PUBLISHED = "Not published"
OUTCOMES = (NO_FURTHER_ACTION, PASSED_ON, DISCUSSED_NOT_ADOPTED, ADOPTED, STILL_OPEN, NOT_PUBLISHED, NOT_KNOWN)
DISCUSSED_OUTCOMES = (DISCUSSED_NOT_ADOPTED, ADOPTED)

SYNTHETIC_LABEL = "Synthetic demo data"
SYNTHETIC_NOTE = (
    "Synthetic demo data: totals match the published figures; combinations are modelled and must not be quoted"
)
OWN_LABEL = "Your own referral-level file"
# Parquet key-value metadata written by the generator: marks a file as synthetic.
SYNTHETIC_METADATA_KEY = "prevent_explorer.synthetic"

YEAR_PATTERN = re.compile(r"\d{4}/\d{2}")
FIRST_YEAR = 2015
DEFAULT_SUPPRESSION_THRESHOLD = 5


@dataclass(frozen=True)
class ReferralColumn:
    name: str
    type: str  # DuckDB type in the `referrals` table
    description: str
    in_file: bool = True  # False for columns added when loading


COLUMNS: tuple[ReferralColumn, ...] = (
    ReferralColumn(
        "referral_id", "VARCHAR", "Unique identifier of the referral (text; a Parquet file may use whole numbers)."
    ),
    ReferralColumn("year", "VARCHAR", "Reporting year, April to March, written like 2018/19 (2015/16 onwards)."),
    ReferralColumn("ideology", "VARCHAR", "Type of concern: a published label or its stable group."),
    ReferralColumn("sector", "VARCHAR", "Referring agency (sector): a published label or its stable group."),
    ReferralColumn("age_group", "VARCHAR", "Age band: a published label or its stable group; stored as the group."),
    ReferralColumn("gender", "VARCHAR", "Gender: a published label or its stable group; stored as the group."),
    ReferralColumn("region", "VARCHAR", "Region: a published label or its stable group; stored as the group."),
    ReferralColumn("outcome", "VARCHAR", "Outcome of the referral: one of " + ", ".join(OUTCOMES) + "."),
    ReferralColumn("ideology_group", "VARCHAR", "Stable group of `ideology` (added when loading).", in_file=False),
    ReferralColumn("sector_group", "VARCHAR", "Stable group of `sector` (added when loading).", in_file=False),
)
FILE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.in_file)
TABLE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS)


def latest_first_year() -> int:
    """The last reporting year accepted starts in this calendar year (as for the published files)."""
    return max(dt.date.today().year, 2025)


def year_problem(value: str, last: int | None = None) -> str | None:
    """None if `value` is a reporting year of the series, else what is wrong with it."""
    last = latest_first_year() if last is None else last
    span = f"{FIRST_YEAR}/{(FIRST_YEAR + 1) % 100:02d} to {last}/{(last + 1) % 100:02d}"
    if not YEAR_PATTERN.fullmatch(value):
        return f"{value!r} is not a reporting year written like 2018/19"
    first, second = int(value[:4]), int(value[5:])
    if second != (first + 1) % 100 or not FIRST_YEAR <= first <= last:
        return f"{value!r} is not a reporting year from {span}"
    return None


@dataclass(frozen=True)
class ValueInfo:
    stored: str  # the value written to the `referrals` table
    group: str  # its stable group


@dataclass(frozen=True)
class Vocabulary:
    """Allowed values of every dimension, with the value stored and its stable group."""

    values: dict[str, dict[str, ValueInfo]]
    sort_order: dict[str, dict[str, int]]  # dimension -> group -> sort order

    def allowed(self, dimension: str) -> tuple[str, ...]:
        return tuple(sorted(self.values[dimension]))

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(dimension, value, stored, group) for every allowed value, sorted."""
        return sorted((d, v, i.stored, i.group) for d, vals in self.values.items() for v, i in vals.items())


def read_categories(path: Path | None = None) -> list[dict[str, str]]:
    path = path if path is not None else paths.published_dir() / "categories.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def vocabulary(categories: list[dict[str, str]] | None = None) -> Vocabulary:
    """The allowed values, built from categories.csv rows of role `part` (labels and groups)."""
    rows = categories if categories is not None else read_categories()
    values: dict[str, dict[str, ValueInfo]] = {d: {} for d in DIMENSIONS}
    order: dict[str, dict[str, int]] = {d: {} for d in DIMENSIONS}
    for row in rows:
        dim = row["dimension"]
        if row["role"] != "part" or dim == "outcome":
            continue
        group = row["group"]
        stored_label = row["category"] if dim in GROUPED_DIMENSIONS else group
        for value, stored in ((row["category"], stored_label), (group, group)):
            info = ValueInfo(stored, group)
            if values[dim].get(value, info) != info:
                raise ValueError(f"categories.csv: {dim} value {value!r} maps to two groups")
            values[dim][value] = info
        order[dim][group] = min(order[dim].get(group, 10**6), int(row["sort_order"]))
    for i, outcome in enumerate(OUTCOMES, start=1):
        values["outcome"][outcome] = ValueInfo(outcome, outcome)
        order["outcome"][outcome] = i
    for dim in DIMENSIONS:
        values[dim].setdefault(NOT_KNOWN, ValueInfo(NOT_KNOWN, NOT_KNOWN))
        values[dim].setdefault(NOT_PUBLISHED, ValueInfo(NOT_PUBLISHED, NOT_PUBLISHED))
        order[dim].setdefault(NOT_PUBLISHED, 98)
        order[dim].setdefault(NOT_KNOWN, 99)
    return Vocabulary(values, order)


@dataclass
class ReferralLayer:
    """The loaded referral-level layer: what it is, how to label it, and where its table lives.

    For the bundled synthetic demo (or a file named on the command line) the table `referrals` is in
    the main database: query it with `Database.query` (its cursors share one lock), and `con` is
    None. For an uploaded file `con` is the file's own in-memory connection (locked down),
    `owns_connection` is True and `query()` runs a referral query on a cursor of it.
    """

    kind: str  # 'synthetic' or 'own'
    label: str  # e.g. "Synthetic demo data"
    note: str  # the caveat to show in place, wherever the layer is used
    source_name: str  # file name shown to the user
    row_count: int
    years: list[str]
    suppression_threshold: int | None  # None for synthetic data; counts below it are hidden for own data
    con: duckdb.DuckDBPyConnection | None = field(default=None, repr=False)
    owns_connection: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def is_synthetic(self) -> bool:
        return self.kind == "synthetic"

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a named query on this layer's connection (each call on its own cursor)."""
        if self.con is None:
            raise RuntimeError("this layer is in the main database: use Database.query")
        with self._lock:
            cur = self.con.cursor()
        try:
            return run_query(cur, name, **params)
        finally:
            cur.close()

    def close(self) -> None:
        """Close the layer's own connection (never the main database's)."""
        if self.owns_connection and self.con is not None:
            self.con.close()
            self.con = None
