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
  prevent_explorer.referrals.schema); an unknown value is reported with the nearest allowed value;
- an EMPTY cell of ideology, sector, age_group, gender, region or outcome means "Not known" (and
  "Not known" may be written out); "Not published" is reserved for the synthetic demo.
Leading and trailing spaces are ignored. Line numbers count the header as line 1 (CSV); Parquet
problems give the row number (first row = 1).

The package, in the order a file goes through it:
- issues.py: ReferralIssue, the examples each check reports, the nearest allowed value;
- columns.py: the header and column-type checks;
- reading.py: size and format checks, reading the CSV or Parquet file into a `Source`;
- checking.py: the rules on the values, in SQL over the source;
- loading.py: the `referrals` table, the layer, and load_own_file.
"""

from __future__ import annotations

from prevent_explorer.referrals.own_file.checking import check_rows
from prevent_explorer.referrals.own_file.issues import MAX_EXAMPLES, ReferralIssue, suggestion
from prevent_explorer.referrals.own_file.loading import (
    DEFAULT_MAX_BYTES,
    Loaded,
    OwnDataResult,
    create_referrals_table,
    layer_for,
    load_into,
    load_own_file,
    own_note,
)
from prevent_explorer.referrals.own_file.reading import Source, stage

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_EXAMPLES",
    "Loaded",
    "OwnDataResult",
    "ReferralIssue",
    "Source",
    "check_rows",
    "create_referrals_table",
    "layer_for",
    "load_into",
    "load_own_file",
    "own_note",
    "stage",
    "suggestion",
]
