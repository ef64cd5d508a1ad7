"""Your own file: checking and loading a referral-level CSV of 1,000,000 rows (upload path, in memory).

The test suite checks that such a file loads and validates (tests/test_own_data.py); how long it
takes is measured here, not in a timed test.
"""

from __future__ import annotations

import time

from harness.files import million_row_csv
from prevent_explorer.referrals.own_file import load_own_file

from .common import Row, timed_row

ROWS = 1_000_000
TARGET_S = 20.0


def measure(runs: int) -> list[Row]:
    data = million_row_csv()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = load_own_file(data, "million.csv")
        times.append(time.perf_counter() - start)
        if not result.ok:
            raise RuntimeError(f"the generated file was refused: {[str(i) for i in result.issues][:3]}")
        result.layer.close()
    size = f"{len(data) / 1e6:.0f} MB"
    return [timed_row("own file", f"check and load a {ROWS:,}-row CSV ({size})", times, limit=TARGET_S)]
