"""Where things live. The data folder can be moved with PREVENT_EXPLORER_DATA_DIR (used by tests)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = REPO_ROOT / "queries"
DATA_DIR_ENV = "PREVENT_EXPLORER_DATA_DIR"
REFERRALS_FILE_ENV = "PREVENT_EXPLORER_REFERRALS_FILE"


def data_dir() -> Path:
    """The data folder: `data/` in the repository unless PREVENT_EXPLORER_DATA_DIR says otherwise."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(override).expanduser().resolve() if override else REPO_ROOT / "data"


def published_dir() -> Path:
    return data_dir() / "published"


def demo_referrals_file() -> Path:
    return data_dir() / "demo" / "referrals.parquet"
