"""Whole-number tables that meet every constraint exactly: integer programmes solved by scipy.optimize.milp (HiGHS).

`minimise_linear` finds any non-negative integers meeting the constraints at the least cost;
`round_exactly` rounds a real-valued target to integers meeting them, at the least L1 distance.
Every solution is checked in integer arithmetic.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, sparse


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
