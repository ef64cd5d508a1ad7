"""The rows and the Parquet file: each combination repeated by its count, shuffled by a fixed seed, written reproducibly.

The same tables, scale and seed always give the same bytes: numpy's legacy RandomState (a frozen
stream), fixed writer options, row groups of CHUNK_ROWS rows, no timestamps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from prevent_explorer.referrals.schema import DIMENSIONS, FILE_COLUMNS, SYNTHETIC_METADATA_KEY, SYNTHETIC_NOTE
from prevent_explorer.referrals.synthetic.solve import YearTable

SEED = 20150401
CHUNK_ROWS = 1_000_000  # rows per Parquet row group when streaming


def schema() -> pa.Schema:
    metadata = {
        SYNTHETIC_METADATA_KEY: "true",
        "prevent_explorer.note": SYNTHETIC_NOTE,
        "prevent_explorer.generator": "python -m prevent_explorer.referrals.synthetic",
    }
    return pa.schema([(c, pa.string()) for c in FILE_COLUMNS], metadata=metadata)


def year_chunks(table: YearTable, scale: int, seed: int = SEED, chunk_rows: int = CHUNK_ROWS) -> Iterator[pa.Table]:
    """The year's rows in shuffled order, as Arrow tables of at most `chunk_rows` rows."""
    plan = table.plan
    counts = table.counts * scale
    cells = np.repeat(np.arange(counts.size, dtype=np.int64), counts)
    year_index = int(plan.year[:4])
    order = np.random.RandomState((seed + year_index) % 2**32).permutation(cells.size)
    cells = cells[order]
    dictionaries = [pa.array(plan.values(d), pa.string()) for d in DIMENSIONS]
    prefix = f"SYN-{plan.year[:4]}-"
    for start in range(0, cells.size, chunk_rows):
        part = cells[start : start + chunk_rows]
        codes = np.unravel_index(part, plan.shape)
        numbers = pa.array(np.arange(start + 1, start + part.size + 1, dtype=np.int64))
        ids = pc.binary_join_element_wise(
            pa.scalar(prefix), pc.utf8_lpad(pc.cast(numbers, pa.string()), width=8, padding="0"), ""
        )
        columns = [ids, pa.array([plan.year], pa.string()).take(pa.array(np.zeros(part.size, dtype=np.int32)))]
        for dictionary, code in zip(dictionaries, codes, strict=True):
            columns.append(dictionary.take(pa.array(code.astype(np.int32))))
        yield pa.Table.from_arrays(columns, schema=schema())


def write_parquet(tables: Sequence[YearTable], out: Path, scale: int = 1, seed: int = SEED) -> int:
    """Write the rows to `out` with fixed writer options; returns the number of rows."""
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with pq.ParquetWriter(
        out,
        schema(),
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        version="2.6",
        data_page_version="1.0",
        store_schema=True,
    ) as writer:
        for table in tables:
            for chunk in year_chunks(table, scale, seed):
                writer.write_table(chunk, row_group_size=CHUNK_ROWS)
                rows += chunk.num_rows
    return rows
