"""The report of what was reproduced: every preferred figure, reproduced or why not (the table in data/demo/README.md)."""

from __future__ import annotations

from collections.abc import Sequence

from prevent_explorer.referrals.synthetic.plan import FigureStatus
from prevent_explorer.referrals.synthetic.solve import YearTable


def figure_statuses(tables: Sequence[YearTable]) -> list[FigureStatus]:
    return [o for t in tables for o in t.plan.statuses]


def report_markdown(tables: Sequence[YearTable]) -> str:
    """The lists of figures reproduced and not reproduced, for data/demo/README.md."""
    statuses = figure_statuses(tables)
    lines = ["| Year | Measure | Breakdown | Category | Count | Reproduced |", "|---|---|---|---|---|---|"]
    for o in statuses:
        f = o.figure
        count = "" if f.count is None else f"{f.count:,}"
        status = "yes" if o.reproduced else f"no: {o.reason}"
        lines.append(f"| {f.year} | {f.measure} | {f.dimension} | {f.category} | {count} | {status} |")
    return "\n".join(lines) + "\n"
