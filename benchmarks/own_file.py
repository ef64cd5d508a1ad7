"""Your own file: checking and loading a referral-level CSV of 1,000,000 rows (upload path, in memory).

The test suite checks that such a file loads and validates (tests/test_own_data.py); how long it
takes is measured here, not in a timed test.
"""

from __future__ import annotations

import io
import time

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from prevent_explorer.own_data import load_own_file
from prevent_explorer.referral_schema import FILE_COLUMNS, NOT_PUBLISHED, vocabulary

from .common import Row, timed_row

ROWS = 1_000_000
TARGET_S = 20.0


def million_row_csv(n: int = ROWS) -> bytes:
    """A valid referral-level CSV of `n` rows (random allowed values, fixed seed, unique ids)."""
    rng = np.random.default_rng(20150401)
    vocab = vocabulary()
    columns = {
        "referral_id": pa.array(np.char.add("R", np.arange(n).astype(str))),
        "year": pa.array(rng.choice(["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"], n)),
    }
    for dim in FILE_COLUMNS[2:]:
        columns[dim] = pa.array(rng.choice([v for v in vocab.allowed(dim) if v != NOT_PUBLISHED], n))
    buf = io.BytesIO()
    pacsv.write_csv(pa.table(columns), buf)
    return buf.getvalue()


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
