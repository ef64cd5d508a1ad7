"""The command line: python -m prevent_explorer.referrals.synthetic [--out FILE] [--scale N] [--report].

Writes data/demo/referrals.parquet by default; refuses to write scaled data under the data folder.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from prevent_explorer import paths
from prevent_explorer.referrals.synthetic.report import report_markdown
from prevent_explorer.referrals.synthetic.solve import build
from prevent_explorer.referrals.synthetic.write import write_parquet

DEFAULT_OUT = paths.REPO_ROOT / "data" / "demo" / "referrals.parquet"


def under_data_folder(out: Path) -> bool:
    """True if `out` would be written anywhere under the repository's data/ folder (or the
    configured data folder)."""
    target = out.expanduser().resolve()
    for root in {(paths.REPO_ROOT / "data").resolve(), paths.data_dir().resolve()}:
        if target == root or root in target.parents:
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m prevent_explorer.referrals.synthetic",
        description="Generate the synthetic referral-level demo file from the published figures.",
    )
    parser.add_argument("--out", type=Path, default=None, help=f"output Parquet file (default {DEFAULT_OUT})")
    parser.add_argument("--scale", type=int, default=1, help="multiply every year's rows (benchmarks only)")
    parser.add_argument("--report", action="store_true", help="print the figures table for the README and exit")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    out = args.out if args.out is not None else DEFAULT_OUT
    if args.scale != 1 and under_data_folder(out):
        parser.error(f"refusing to write scaled data under the data folder ({out}); choose a path outside data/")
    tables = build()
    if args.report:
        sys.stdout.write(report_markdown(tables))
        return 0
    rows = write_parquet(tables, out, args.scale)
    print(f"wrote {rows:,} rows to {out}")
    return 0
