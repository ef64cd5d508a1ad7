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
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from scipy import optimize, sparse

from prevent_explorer import paths
from prevent_explorer.loading.connection import new_connection
from prevent_explorer.loading.published import load_published
from prevent_explorer.referrals.schema import (
    ADOPTED,
    DIMENSIONS,
    DISCUSSED_NOT_ADOPTED,
    DISCUSSED_OUTCOMES,
    FILE_COLUMNS,
    GROUPED_DIMENSIONS,
    NOT_PUBLISHED,
    SYNTHETIC_METADATA_KEY,
    SYNTHETIC_NOTE,
)

SEED = 20150401
CHUNK_ROWS = 1_000_000  # rows per Parquet row group when streaming
DEFAULT_OUT = paths.REPO_ROOT / "data" / "demo" / "referrals.parquet"
CHANNEL_MEASURES = {"discussed_at_channel": DISCUSSED_OUTCOMES, "adopted_as_channel_case": (ADOPTED,)}
MEASURES = ("referrals", *CHANNEL_MEASURES)

# Subtotals and overlapping bands that are sums of part categories (values as stored in the rows).
# A subtotal is reproduced when every one of its parts has a published national count that year.
SUBTOTAL_PARTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("age_group", "Under 18"): ("10 or under", "11 to 15", "16 to 17"),
    ("age_group", "20 or under"): ("Under 15", "15 to 20"),
    ("age_group", "Under 20"): ("Under 15", "15 to 20"),
    ("ideology", "No ideology"): (
        "No ideology identified",
        "No ideology - other susceptibility to radicalisation identified",
    ),
    ("outcome", "Not suitable for Channel"): ("No further action", "Passed to other services"),
}
# Bands of an older scheme that a subtotal cuts across (so it cannot be rebuilt from them).
OVERLAPPING: dict[tuple[str, str], tuple[str, ...]] = {("age_group", "Under 18"): ("15 to 20",)}


# ----------------------------------------------------------------------------------------------
# Published figures and categories
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One preferred published figure (a row of the view figure_values)."""

    figure_id: str
    year: str
    measure: str
    dimension: str
    category: str
    main_category: str
    cross_dimension: str | None
    cross_category: str | None
    count: int | None
    role: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.year, self.measure, self.dimension, self.category)


@dataclass(frozen=True)
class Category:
    dimension: str
    category: str
    group: str
    role: str
    sort_order: int


@dataclass(frozen=True)
class Published:
    figures: tuple[Figure, ...]
    categories: dict[tuple[str, str], Category]  # (dimension, label) -> category

    @property
    def years(self) -> list[str]:
        return sorted({f.year for f in self.figures})


def read_published(data_dir: Path | None = None) -> Published:
    """The preferred figures and the categories, from the validated published data."""
    con = new_connection()
    try:
        load_published(con, Path(data_dir) if data_dir is not None else paths.data_dir())
        figure_rows = con.execute(
            """SELECT figure_id, year, measure, dimension, category, main_category, cross_dimension,
                      cross_category, count, role
               FROM figure_values ORDER BY year, measure, dimension, category"""
        ).fetchall()
        category_rows = con.execute(
            'SELECT dimension, category, "group", role, sort_order FROM categories ORDER BY dimension, category'
        ).fetchall()
    finally:
        con.close()
    figures = tuple(Figure(*row) for row in figure_rows)
    categories = {(r[0], r[1]): Category(*r) for r in category_rows}
    return Published(figures, categories)


def row_value(published: Published, dimension: str, label: str) -> str:
    """The value a row carries for a published label: the label itself for ideology and sector,
    the stable group otherwise (outcome groups are the outcome values)."""
    if dimension in GROUPED_DIMENSIONS:
        return label
    return published.categories[(dimension, label)].group


# ----------------------------------------------------------------------------------------------
# Planning: which values each dimension has in a year, and which constraints the rows must meet
# ----------------------------------------------------------------------------------------------

Selector = tuple[tuple[str, frozenset[str]], ...]  # (dimension, allowed row values), sorted


@dataclass(frozen=True)
class Constraint:
    """The rows matching `selector` must number exactly `count`. `key` names the figure, or is
    None for a modelling constraint (a free value's count, or 'Not published' rows)."""

    selector: Selector
    count: int
    key: tuple[str, str, str, str] | None
    figure_id: str | None = None


@dataclass(frozen=True)
class FigureStatus:
    """What happened to a preferred figure: reproduced, or why not."""

    figure: Figure
    reproduced: bool
    reason: str  # '' when reproduced; else the kind of figure skipped or the exception


@dataclass
class YearPlan:
    year: str
    total: int
    national: dict[str, dict[str, int]]  # dimension -> value -> published national count
    free: dict[str, list[str]]  # dimension -> values that only appear in cross-tabs / Channel splits
    constraints: list[Constraint]  # one per reproduced figure
    statuses: list[FigureStatus]
    free_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # set by solve_free_counts

    def values(self, dimension: str) -> list[str]:
        """The dimension's values, in a fixed order: published, free, then 'Not published'."""
        out = list(self.national[dimension]) + self.free[dimension]
        if self.total > sum(self.national[dimension].values()):
            out.append(NOT_PUBLISHED)
        return out or [NOT_PUBLISHED]

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(self.values(d)) for d in DIMENSIONS)


def skip_reason(figure: Figure, published: Published) -> str | None:
    """Figures never turned into rows, by kind (listed in the README, not exceptions)."""
    if figure.measure not in MEASURES:
        return "measure about leaving or staying in Channel"
    if figure.count is None:
        return "percent only"
    roles = {figure.role}
    if figure.cross_dimension and figure.cross_category:
        roles.add(published.categories[(figure.cross_dimension, figure.cross_category)].role)
    for role in ("base", "combined"):
        if role in roles:
            return f"role {role}"
    return None


def plan_year(published: Published, year: str) -> YearPlan:
    """Turn a year's preferred count figures into values and constraints."""
    figures = [f for f in published.figures if f.year == year]
    statuses: list[FigureStatus] = []
    usable: list[Figure] = []
    for f in figures:
        reason = skip_reason(f, published)
        if reason:
            statuses.append(FigureStatus(f, False, reason))
        else:
            usable.append(f)
    totals = {f.measure: f.count for f in usable if f.dimension == "total"}
    if "referrals" not in totals:
        raise ValueError(f"{year}: no published total of referrals")
    total = int(totals["referrals"])

    # Published national counts (parts only); outcomes from the Channel totals.
    national: dict[str, dict[str, int]] = {d: {} for d in DIMENSIONS}
    for f in usable:
        if f.measure == "referrals" and f.dimension in DIMENSIONS and f.cross_dimension is None and f.role == "part":
            value = row_value(published, f.dimension, f.main_category)
            if value in national[f.dimension]:
                raise ValueError(f"{year}: two published labels for {f.dimension} {value!r}")
            national[f.dimension][value] = int(f.count)  # type: ignore[arg-type]
    if "adopted_as_channel_case" in totals:
        national["outcome"][ADOPTED] = int(totals["adopted_as_channel_case"])  # type: ignore[arg-type]
        if "discussed_at_channel" in totals:
            discussed = int(totals["discussed_at_channel"])  # type: ignore[arg-type]
            national["outcome"][DISCUSSED_NOT_ADOPTED] = discussed - national["outcome"][ADOPTED]
    for dim in DIMENSIONS:
        order = {v: _sort_key(published, dim, v) for v in national[dim]}
        national[dim] = dict(sorted(national[dim].items(), key=lambda kv, order=order: order[kv[0]]))

    free: dict[str, list[str]] = {d: [] for d in DIMENSIONS}
    constraints: list[Constraint] = []
    for f in usable:
        selector, reason = _selector(published, f, national, free)
        if selector is None:
            statuses.append(FigureStatus(f, False, reason))
        else:
            constraints.append(Constraint(selector, int(f.count), f.key, f.figure_id))  # type: ignore[arg-type]
            statuses.append(FigureStatus(f, True, ""))
    for dim in DIMENSIONS:
        free[dim].sort(key=lambda v, dim=dim: _sort_key(published, dim, v))
        if sum(national[dim].values()) > total:
            raise ValueError(f"{year}: published {dim} counts add up to more than the total")
    statuses.sort(key=lambda o: o.figure.key)
    return YearPlan(year, total, national, free, constraints, statuses)


def _sort_key(published: Published, dimension: str, value: str) -> tuple[int, str]:
    cats = [c for c in published.categories.values() if c.dimension == dimension and value in (c.category, c.group)]
    return (min((c.sort_order for c in cats), default=50), value)


def _selector(
    published: Published, f: Figure, national: dict[str, dict[str, int]], free: dict[str, list[str]]
) -> tuple[Selector | None, str]:
    """The rows a figure counts, or None and the reason it cannot be expressed."""
    parts: dict[str, frozenset[str]] = {}
    if f.measure in CHANNEL_MEASURES:
        needed = CHANNEL_MEASURES[f.measure]
        if not all(v in national["outcome"] for v in needed):
            return None, "Channel split of a stage whose total is not published that year"
        parts["outcome"] = frozenset(needed)
    terms = []
    if f.dimension != "total":
        terms.append((f.dimension, f.main_category))
    if f.cross_dimension and f.cross_category:
        terms.append((f.cross_dimension, f.cross_category))
    pending_free: list[tuple[str, str]] = []
    for dim, label in terms:
        category = published.categories[(dim, label)]
        if category.role == "subtotal":
            members = SUBTOTAL_PARTS.get((dim, label))
            if members is None:
                return None, f"'{label}' needs an age band that is not a category of the schema (e.g. 18 to 20)"
            missing = [m for m in members if m not in national[dim]]
            if missing:
                present = [*national[dim], *free[dim]]
                clash = [v for v in OVERLAPPING.get((dim, label), ()) if v in present]
                overlap = f" and overlaps the band '{clash[0]}' published that year" if clash else ""
                return None, (
                    f"'{label}' is published without counts of its parts ({', '.join(members)}){overlap}; "
                    "splitting it would invent a breakdown"
                )
            values = frozenset(members)
        else:
            value = row_value(published, dim, label)
            if dim == "outcome" and value not in national["outcome"]:
                return None, "outcome not expressible"
            if value not in national[dim]:
                pending_free.append((dim, value))
            values = frozenset({value})
        if dim in parts:
            values = parts[dim] & values
        parts[dim] = values
    for dim, value in pending_free:
        if value not in free[dim]:
            free[dim].append(value)
    return tuple(sorted(parts.items())), ""


# ----------------------------------------------------------------------------------------------
# Solving: free values' counts, the IPF target, the exact integer table
# ----------------------------------------------------------------------------------------------


def _mask(plan: YearPlan, selector: Selector) -> np.ndarray:
    """Flat boolean mask of the combinations a selector matches."""
    mask = np.ones(plan.shape, dtype=bool)
    for axis, dim in enumerate(DIMENSIONS):
        chosen = dict(selector).get(dim)
        if chosen is None:
            continue
        member = np.array([v in chosen for v in plan.values(dim)], dtype=bool)
        view = [1] * len(DIMENSIONS)
        view[axis] = len(member)
        mask &= member.reshape(view)
    return mask.reshape(-1)


def _value_selector(dim: str, value: str) -> Selector:
    return ((dim, frozenset({value})),)


def published_constraints(plan: YearPlan) -> list[Constraint]:
    """Every published figure's constraint, the total and the published national counts."""
    out = [Constraint((), plan.total, None)]
    for dim in DIMENSIONS:
        for value, count in plan.national[dim].items():
            out.append(Constraint(_value_selector(dim, value), count, None))
    return out + plan.constraints


def margin_constraints(plan: YearPlan) -> list[Constraint]:
    """Modelling constraints: each free value's count and the 'Not published' remainder."""
    out = []
    for dim in DIMENSIONS:
        free_counts = plan.free_counts.get(dim, {})
        for value in plan.free[dim]:
            out.append(Constraint(_value_selector(dim, value), free_counts[value], None))
        rest = plan.total - sum(plan.national[dim].values()) - sum(free_counts.values())
        if NOT_PUBLISHED in plan.values(dim):
            out.append(Constraint(_value_selector(dim, NOT_PUBLISHED), rest, None))
    return out


def _check(x: np.ndarray, rows: list[np.ndarray], rhs: list[int]) -> np.ndarray:
    for row, b in zip(rows, rhs, strict=True):
        if int(x[row].sum()) != b:
            raise ValueError("the integer solution does not meet a constraint exactly")
    return x


def _milp(c: np.ndarray, rows: list[np.ndarray], rhs: np.ndarray, upper: np.ndarray) -> np.ndarray | None:
    """Integer x in [0, upper] with rows @ x == rhs, minimising c @ x; None if infeasible."""
    a_eq = sparse.csr_array(np.vstack(rows).astype(float))
    result = optimize.milp(
        c,
        integrality=np.ones(c.size),
        bounds=optimize.Bounds(np.zeros(c.size), upper.astype(float)),
        constraints=[optimize.LinearConstraint(a_eq, rhs, rhs)],
        options={"presolve": True, "mip_rel_gap": 0.0},
    )
    return None if result.x is None else np.rint(result.x).astype(np.int64)


def minimise_linear(objective: np.ndarray, rows: list[np.ndarray], rhs: list[int], upper: int) -> np.ndarray:
    """Integer x >= 0 meeting every constraint exactly, minimising objective @ x."""
    x = _milp(objective.astype(float), rows, np.asarray(rhs, dtype=float), np.full(objective.size, upper))
    if x is None:
        raise ValueError("the published figures admit no integer table")
    return _check(x, rows, rhs)


def round_exactly(target: np.ndarray, rows: list[np.ndarray], rhs: list[int]) -> np.ndarray:
    """Integers meeting every constraint exactly, at the least L1 distance from `target`.

    Each cell is rounded down or up (controlled rounding): x = floor(t) + d with d in {0, 1},
    minimising sum |x - t| = const + sum d (1 - 2 frac(t)). Cells the target puts at exactly 0
    stay 0. If no such rounding exists, falls back to any non-negative integers at least L1
    distance. The target is first rounded to 6 decimals, so that floating-point noise in its last
    bits (which may differ between machines) cannot change the answer.
    """
    target = np.round(target, 6)
    base = np.floor(target + 1e-9)
    frac = np.clip(target - base, 0.0, 1.0)
    cost = 1.0 - 2.0 * frac
    residual = np.array([b - base[row].sum() for row, b in zip(rows, rhs, strict=True)])
    upper = np.where(target > 1e-9, 1, 0)
    d = _milp(cost, rows, residual, upper)
    if d is None:  # general case: |x - t| with auxiliary variables
        d = _round_l1(target, rows, rhs)
        return _check(d, rows, rhs)
    return _check(base.astype(np.int64) + d, rows, rhs)


def _round_l1(target: np.ndarray, rows: list[np.ndarray], rhs: list[int]) -> np.ndarray:
    n = target.size
    a_eq = sparse.csr_array(np.vstack(rows).astype(float))
    eye = sparse.identity(n, format="csr")
    zero = sparse.csr_array((a_eq.shape[0], n))
    b_eq = np.asarray(rhs, dtype=float)
    result = optimize.milp(
        np.concatenate([np.zeros(n), np.ones(n)]),
        integrality=np.concatenate([np.ones(n), np.zeros(n)]),
        bounds=optimize.Bounds(np.zeros(2 * n), np.full(2 * n, np.inf)),
        constraints=[
            optimize.LinearConstraint(sparse.hstack([a_eq, zero]), b_eq, b_eq),
            optimize.LinearConstraint(sparse.hstack([eye, -eye]), -np.inf, target),
            optimize.LinearConstraint(sparse.hstack([-eye, -eye]), -np.inf, -target),
        ],
    )
    if result.x is None:
        raise ValueError("the published figures admit no integer table")
    return np.rint(result.x[:n]).astype(np.int64)


def solve_free_counts(plan: YearPlan) -> None:
    """Give each free value the fewest rows that the published figures allow."""
    n = int(np.prod(plan.shape))
    if not any(plan.free.values()):
        plan.free_counts = {d: {} for d in DIMENSIONS}
        return
    cons = published_constraints(plan)
    objective = np.zeros(n)
    for dim in DIMENSIONS:
        for value in plan.free[dim]:
            objective += _mask(plan, _value_selector(dim, value))
    x = minimise_linear(objective, [_mask(plan, c.selector) for c in cons], [c.count for c in cons], plan.total)
    plan.free_counts = {
        dim: {v: int(x[_mask(plan, _value_selector(dim, v))].sum()) for v in plan.free[dim]} for dim in DIMENSIONS
    }


def structural_zeros(plan: YearPlan, constraints: Sequence[Constraint]) -> np.ndarray:
    """Combinations that every solution leaves empty. A constraint O and constraints that narrow O
    by one more dimension d (so they are disjoint) whose counts add up to O's count leave O's other
    values of d empty: e.g. discussed at Channel 2015/16 = Islamist + Extreme Right Wing + Other,
    so no Unspecified referral was discussed; all 80 Local Authority referrals of 2015/16 are in
    the West Midlands, so Local Authority elsewhere is empty (a nested constraint of the same
    count). Constraints of count 0 are empty too."""
    zero = np.zeros(int(np.prod(plan.shape)), dtype=bool)
    by_selector = {c.selector: c for c in constraints}
    masks = {sel: _mask(plan, sel) for sel in by_selector}
    for outer in constraints:
        if outer.count == 0:
            zero |= masks[outer.selector]
            continue
        for inner in by_selector.values():  # a nested constraint of the same count
            if inner.count == outer.count and not (masks[inner.selector] & ~masks[outer.selector]).any():
                zero |= masks[outer.selector] & ~masks[inner.selector]
        base = dict(outer.selector)
        for dim in DIMENSIONS:
            covered: set[str] = set()
            total = 0
            for inner in by_selector.values():
                narrowed = dict(inner.selector)
                chosen = narrowed.pop(dim, None)
                if chosen is None or narrowed != {k: v for k, v in base.items() if k != dim}:
                    continue
                if dim in base and not chosen <= base[dim]:
                    continue
                if covered & chosen:
                    break
                covered |= chosen
                total += inner.count
            else:
                if covered and total == outer.count:
                    rest = {**base, dim: frozenset(base.get(dim, frozenset(plan.values(dim))) - covered)}
                    zero |= _mask(plan, tuple(sorted(rest.items())))
    return zero


def ipf_target(plan: YearPlan, iterations: int = 3000, tolerance: float = 1e-9) -> np.ndarray:
    """Real-valued table closest to independence (maximum entropy) meeting every constraint."""
    shape = plan.shape
    n = int(np.prod(shape))
    constraints = published_constraints(plan) + margin_constraints(plan)
    subsets = [(_mask(plan, c.selector), float(c.count)) for c in constraints]
    subsets = [(m, b) for m, b in subsets if not m.all()]
    x = np.full(n, plan.total / n)
    x[structural_zeros(plan, constraints)] = 0.0
    total = float(plan.total)
    for _ in range(iterations):
        worst = 0.0
        for mask, b in subsets:
            inside = x[mask].sum()
            worst = max(worst, abs(inside - b))
            outside = x[~mask].sum()
            x[mask] *= b / inside if inside > 0 else 0.0
            x[~mask] *= (total - b) / outside if outside > 0 else 0.0
        if worst < tolerance * total:
            break
    return x


def solve_year(plan: YearPlan) -> np.ndarray:
    """The exact integer count of every combination (flat, in the order of plan.values)."""
    if not plan.free_counts:
        solve_free_counts(plan)
    target = ipf_target(plan)
    cons = published_constraints(plan) + margin_constraints(plan)
    return round_exactly(target, [_mask(plan, c.selector) for c in cons], [c.count for c in cons])


# ----------------------------------------------------------------------------------------------
# Rows and the Parquet file
# ----------------------------------------------------------------------------------------------


@dataclass
class YearTable:
    plan: YearPlan
    counts: np.ndarray  # flat integer counts per combination


def build(published: Published | None = None) -> list[YearTable]:
    published = published if published is not None else read_published()
    tables = []
    for year in published.years:
        plan = plan_year(published, year)
        tables.append(YearTable(plan, solve_year(plan)))
    return tables


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


def under_data_folder(out: Path) -> bool:
    """True if `out` would be written anywhere under the repository's data/ folder (or the
    configured data folder)."""
    target = out.expanduser().resolve()
    for root in {(paths.REPO_ROOT / "data").resolve(), paths.data_dir().resolve()}:
        if target == root or root in target.parents:
            return True
    return False


# ----------------------------------------------------------------------------------------------
# Report and command line
# ----------------------------------------------------------------------------------------------


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


if __name__ == "__main__":
    raise SystemExit(main())
