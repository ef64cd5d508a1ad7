"""Synthetic referral-level demo data, generated from the preferred published COUNTS.

    python -m prevent_explorer.referrals.synthetic                       # rewrites data/demo/referrals.parquet
    python -m prevent_explorer.referrals.synthetic --out /tmp/x.parquet --scale 150   # ~10 million rows

For every year there is one row per published referral. Every published count the schema can
express is reproduced exactly by counting rows (see `plan_year` for how each figure becomes a
constraint, and data/demo/README.md for the list of figures reproduced and not reproduced).

How a year is built:
1. **Plan.** Each dimension's values are the categories whose national count was published (fixed
   counts), categories that only appear in a cross-tab or a Channel split ("free" values), and
   "Not published" for the remaining rows. Outcome: adopted as published; "Discussed at Channel,
   not adopted" = discussed - adopted where both are published; no further action, passed to other
   services and still open where published; the rest "Not published".
2. **Free values get the fewest rows** the published figures allow (an integer programme), so no
   national split is invented: e.g. 2024/25 London has only the 81 rows of the published
   'London / Fascination with extreme violence ...' cross-tab.
3. **Target.** Iterative proportional fitting from a uniform table over all combinations, to every
   margin and every published constraint (cross-tabs, Channel splits): independence wherever
   nothing was published.
4. **Integers.** scipy.optimize.milp (HiGHS) finds whole numbers that meet every constraint exactly
   and are closest to the target in L1 distance. The solution is checked in integer arithmetic.
5. **Rows.** Each combination is repeated by its count (times `--scale`), shuffled within the year
   by a fixed seed (numpy's legacy RandomState, whose stream is frozen) and numbered
   SYN-<first year>-<8 digits>. The Parquet file is written with fixed options in row groups,
   without timestamps, so the same command gives the same bytes.

The package, in the order a year goes through it:
- published.py: the preferred published figures and the categories;
- plan.py: a year's values and constraints (step 1), and why a figure is not reproduced;
- solve.py: the free values' counts (2), the IPF target (3), the integer table (4), `build`;
- integers.py: the integer programmes of steps 2 and 4 (scipy.optimize.milp);
- write.py: the rows and the Parquet file (5);
- report.py: the table of figures reproduced and not reproduced, for data/demo/README.md;
- cli.py and __main__.py: the command line.
"""

from __future__ import annotations

from prevent_explorer.referrals.synthetic.cli import DEFAULT_OUT, main, under_data_folder
from prevent_explorer.referrals.synthetic.integers import minimise_linear, round_exactly
from prevent_explorer.referrals.synthetic.plan import (
    CHANNEL_MEASURES,
    MEASURES,
    Constraint,
    FigureStatus,
    YearPlan,
    plan_year,
    skip_reason,
)
from prevent_explorer.referrals.synthetic.published import Category, Figure, Published, read_published, row_value
from prevent_explorer.referrals.synthetic.report import figure_statuses, report_markdown
from prevent_explorer.referrals.synthetic.solve import (
    YearTable,
    build,
    ipf_target,
    margin_constraints,
    published_constraints,
    solve_free_counts,
    solve_year,
    structural_zeros,
)
from prevent_explorer.referrals.synthetic.write import CHUNK_ROWS, SEED, schema, write_parquet, year_chunks

__all__ = [
    "CHANNEL_MEASURES",
    "CHUNK_ROWS",
    "DEFAULT_OUT",
    "MEASURES",
    "SEED",
    "Category",
    "Constraint",
    "Figure",
    "FigureStatus",
    "Published",
    "YearPlan",
    "YearTable",
    "build",
    "figure_statuses",
    "ipf_target",
    "main",
    "margin_constraints",
    "minimise_linear",
    "plan_year",
    "published_constraints",
    "read_published",
    "report_markdown",
    "round_exactly",
    "row_value",
    "schema",
    "skip_reason",
    "solve_free_counts",
    "solve_year",
    "structural_zeros",
    "under_data_folder",
    "write_parquet",
    "year_chunks",
]
