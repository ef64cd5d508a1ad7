"""The referral-level layer in the main database: the synthetic demo, or a file named on the command line.

    layer = load_referral_layer(con, data_dir)                   # data/demo/referrals.parquet
    layer = load_referral_layer(con, data_dir, Path("my.csv"))   # a user's own file

Called by `db.open_database` before the connection is locked down. The file is validated with the
same rules as an upload (prevent_explorer.referrals.own_file) and read by DuckDB itself (read_parquet with a
bound path; CSV through pyarrow), never through pandas, so ten million rows load in seconds. A
problem raises DataValidationError naming the file, line and column. With no file named and no
demo file, the layer is None and the app says it is unavailable.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from prevent_explorer.loading.validation import DataValidationError, Issue
from prevent_explorer.referrals.own_file import layer_for, load_into
from prevent_explorer.referrals.schema import (
    DEFAULT_SUPPRESSION_THRESHOLD,
    SYNTHETIC_LABEL,
    SYNTHETIC_NOTE,
    ReferralLayer,
)

DEMO_FILE = Path("demo") / "referrals.parquet"

__all__ = ["DEMO_FILE", "ReferralLayer", "load_referral_layer"]


def load_referral_layer(
    con: duckdb.DuckDBPyConnection,
    data_dir: Path,
    referrals_file: Path | None = None,
    threshold: int = DEFAULT_SUPPRESSION_THRESHOLD,
) -> ReferralLayer | None:
    """Load the referral-level file into table `referrals` of `con` (not yet locked down)."""
    data_dir = Path(data_dir)
    categories = data_dir / "published" / "categories.csv"
    if referrals_file is not None:
        path = Path(referrals_file).expanduser()
        loaded, issues = load_into(con, path=path, name=str(path), max_bytes=None, categories_file=categories)
        if loaded is None:
            raise DataValidationError(list(issues))
        return layer_for(loaded, path.name, threshold, None, owns_connection=False)
    demo = data_dir / DEMO_FILE
    if not demo.is_file():
        return None
    label = str(Path("data") / DEMO_FILE)
    loaded, issues = load_into(con, path=demo, name=label, max_bytes=None, categories_file=categories)
    if loaded is None:
        raise DataValidationError(list(issues))
    if not loaded.synthetic:
        raise DataValidationError([Issue(label, "the demo file is not marked as made by the synthetic generator")])
    return ReferralLayer("synthetic", SYNTHETIC_LABEL, SYNTHETIC_NOTE, label, loaded.row_count, loaded.years, None)
