"""Solving a year: the free values' counts, the IPF target and the exact integer table; `build` does every year.

A year's table has one cell per combination of the dimensions' values (in the order of
YearPlan.values); a constraint is a boolean mask over the flattened cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from prevent_explorer.referrals.schema import DIMENSIONS, NOT_PUBLISHED
from prevent_explorer.referrals.synthetic.integers import minimise_linear, round_exactly
from prevent_explorer.referrals.synthetic.plan import Constraint, Selector, YearPlan, plan_year
from prevent_explorer.referrals.synthetic.published import Published, read_published


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
