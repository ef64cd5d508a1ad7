"""The referral-level layer (synthetic demo or a user's own file). Filled in by the referral explorer work."""

from __future__ import annotations

from pathlib import Path

import duckdb


def load_referral_layer(con: duckdb.DuckDBPyConnection, data_dir: Path, referrals_file: Path | None = None):
    """Load the referral-level file if there is one; None while the layer does not exist yet."""
    return None
