"""Small-number suppression for a user's own referral-level data (charts, tables and downloads).

    shown = suppress_counts(df, dims=["category"], margins=[()], derived=["percent"], percent_of=())
    shown = suppress_counts(heat, dims=["ideology_group", "sector_group"],
                            margins=[(), ("ideology_group",), ("sector_group",)], derived=["percent"], percent_of=())
    shown = suppress_counts(trend, dims=["year", "category"], margins=[("year",)],
                            derived=["percent", "year_total"], percent_of=("year",))
    stages = suppress_funnel(funnel)

The algorithm, for one table (its cells plus every total that will be shown with it):

1. **Primary suppression.** Every displayed count below the threshold (default 5, zero included)
   is shown as "<5".
2. **Secondary suppression.** Each total is an equation: total = sum of its cells. A suppressed
   entry is *recoverable by subtraction* if the displayed entries determine it, i.e. its unit
   vector lies in the row space of the equations restricted to the unknown (suppressed or hidden)
   entries; equivalently every vector of the null space of that matrix is zero at that entry
   (checked with a singular value decomposition). While some suppressed entry (or a hidden entry
   below the threshold, such as "discussed but not adopted" in the funnel) is recoverable, one
   more displayed entry is withheld, shown as "[c]": from an equation that contains the
   recoverable entry, the smallest displayed cell (cells before totals; then the first). This ends:
   at worst everything is withheld, and then nothing can be recovered (each total brings its own
   unknown). Columns derived from counts (percentages, the year's total) are blanked on withheld
   rows and wherever the total they are a share of is withheld.

What it does not cover: differences between two different filter selections (a user can compare
"all ages" with "all ages but one"), and the bounds implied by "<5" itself (a "<5" cell is known to
be 0 to 4). Show totals from the suppressed table, not from a separate query, and pass every total a
view shows as a margin.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from prevent_explorer.referrals.schema import DEFAULT_SUPPRESSION_THRESHOLD

WITHHELD = "[c]"
TOTAL_LABEL = "All"
PRIMARY = "primary"
SECONDARY = "secondary"


def small_label(threshold: int) -> str:
    return f"<{threshold}"


def recoverable(equations: np.ndarray, unknown: np.ndarray) -> np.ndarray:
    """For each entry, True if it is unknown but determined by the known entries.

    `equations` is (totals x entries): row j says sum_k equations[j, k] * value[k] = 0.
    """
    out = np.zeros(unknown.size, dtype=bool)
    columns = np.flatnonzero(unknown)
    if columns.size == 0 or equations.shape[0] == 0:
        return out
    matrix = equations[:, columns]
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((singular > 1e-9 * max(1.0, singular.max(initial=0.0))).sum())
    null = vt[rank:]  # rows span the null space
    if null.shape[0] == 0:
        out[columns] = True
        return out
    out[columns] = np.abs(null).max(axis=0) < 1e-9
    return out


def protect(
    cell_values: Sequence[int],
    aggregates: Sequence[Sequence[int]],
    threshold: int = DEFAULT_SUPPRESSION_THRESHOLD,
    cell_shown: Sequence[bool] | None = None,
) -> list[str]:
    """Suppression reason ('', 'primary' or 'secondary') for every cell, then every aggregate.

    `aggregates[j]` lists the indices of the cells that total j adds up; every total is shown.
    `cell_shown[i]` False marks a cell that is not displayed but is still known to exist (its count
    is unknown to the reader; if below the threshold it must not be recoverable either).
    """
    cells = np.asarray(cell_values, dtype=np.int64)
    n, m = cells.size, len(aggregates)
    values = np.concatenate([cells, [int(cells[list(a)].sum()) for a in aggregates]]).astype(np.int64)
    shown = np.concatenate([np.ones(n, bool) if cell_shown is None else np.asarray(cell_shown, bool), np.ones(m, bool)])
    equations = np.zeros((m, n + m))
    for j, members in enumerate(aggregates):
        equations[j, n + j] = 1.0
        equations[j, list(members)] = -1.0
    reason = np.array([""] * (n + m), dtype=object)
    reason[shown & (values < threshold)] = PRIMARY
    sensitive_hidden = ~shown & (values < threshold)
    is_total = np.arange(n + m) >= n
    while True:
        suppressed = reason != ""
        exposed = recoverable(equations, ~shown | suppressed) & (suppressed | sensitive_hidden)
        if not exposed.any():
            return list(reason)
        target = int(np.flatnonzero(exposed)[0])
        candidates = shown & ~suppressed
        related = np.abs(equations[equations[:, target] != 0]).sum(axis=0) > 0
        pool = np.flatnonzero(candidates & related)
        if pool.size == 0:
            pool = np.flatnonzero(candidates & (np.abs(equations).sum(axis=0) > 0))
        if pool.size == 0:  # cannot happen: with everything withheld nothing is recoverable
            raise RuntimeError("suppression could not protect the table")
        pick = min(pool, key=lambda k: (bool(is_total[k]), int(values[k]), int(k)))
        reason[pick] = SECONDARY


def _display(value: int, reason: str, threshold: int) -> str:
    if reason == PRIMARY:
        return small_label(threshold)
    if reason == SECONDARY:
        return WITHHELD
    return f"{value:,}"


def suppress_counts(
    df: pd.DataFrame,
    dims: Sequence[str],
    count: str = "referrals",
    threshold: int = DEFAULT_SUPPRESSION_THRESHOLD,
    margins: Sequence[Sequence[str]] = ((),),
    derived: Sequence[str] = (),
    percent_of: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The display version of a long table of counts: its cells, then one row per total shown.

    `dims` identify a cell (one row per combination); `margins` lists the totals shown, each as
    the dimensions it keeps (() is the grand total, ("year",) a total per year). Total rows carry
    TOTAL_LABEL ("All") in the other dimensions. `percent_of` names the total that `derived`
    columns are a share of (it is treated as shown). Adds `display` (text to show), `suppressed`
    (the flag), `suppression` ('', 'primary', 'secondary') and `is_total`; `count` and `derived`
    become empty (NA) where withheld.
    """
    dims = list(dims)
    cells = df.reset_index(drop=True)
    if cells.duplicated(dims).any():
        raise ValueError("suppress_counts: one row per combination of dims is expected")
    specs: list[tuple[str, ...]] = []
    for spec in [*margins, *([percent_of] if percent_of is not None else [])]:
        spec = tuple(spec)
        if spec not in specs and set(spec) != set(dims):
            specs.append(spec)
    values = cells[count].astype("int64").to_numpy()
    aggregates: list[list[int]] = []
    total_rows: list[dict] = []
    for spec in specs:
        groups = cells.groupby(list(spec), sort=False).indices if spec else {(): np.arange(len(cells))}
        for key, members in groups.items():
            key = key if isinstance(key, tuple) else (key,)
            aggregates.append([int(i) for i in members])
            row = {d: TOTAL_LABEL for d in dims}
            row.update(dict(zip(spec, key, strict=True)))
            row[count] = int(values[members].sum())
            row["_spec"] = spec
            total_rows.append(row)
    reasons = protect(values, aggregates, threshold)
    totals = pd.DataFrame(total_rows, columns=[*dims, count, "_spec"])
    out = pd.concat(
        [cells.assign(is_total=False), totals.drop(columns="_spec").assign(is_total=True)], ignore_index=True
    )
    out["suppression"] = reasons
    out["suppressed"] = out["suppression"] != ""
    out["display"] = [
        _display(int(v), r, threshold) for v, r in zip(out[count].astype("int64"), out["suppression"], strict=True)
    ]
    for col in derived:
        if col in out:
            out[col] = out[col].astype("Float64") if out[col].dtype.kind == "f" else out[col].astype("Int64")
            out.loc[out["suppressed"] | out["is_total"], col] = pd.NA
    if percent_of is not None and derived:
        spec = tuple(percent_of)
        withheld = {
            tuple(r[d] for d in spec)
            for r, reason in zip(total_rows, reasons[len(cells) :], strict=True)
            if r["_spec"] == spec and reason
        }
        if set(spec) == set(dims):
            withheld = set()
        if withheld:
            keys = list(zip(*(out[d] for d in spec), strict=True)) if spec else [()] * len(out)
            hit = np.array([k in withheld for k in keys])
            for col in derived:
                if col in out:
                    out.loc[hit, col] = pd.NA
    out[count] = out[count].astype("Int64").mask(out["suppressed"])
    return out


def suppress_funnel(
    df: pd.DataFrame, threshold: int = DEFAULT_SUPPRESSION_THRESHOLD, count: str = "referrals"
) -> pd.DataFrame:
    """The display version of the referral_funnel query's result (one row per stage).

    The stages overlap, so the table is protected over the outcomes beneath them: adopted,
    discussed but not adopted (hidden), not published, not known and every other outcome (hidden);
    'Referred' and 'Discussed at Channel' are totals of those. A hidden outcome below the threshold
    (e.g. 3 discussed but not adopted) must not be recoverable by subtraction either. The rows
    'Outcome not published' and 'Outcome not known' are left out when they are 0.
    """
    by_stage = dict(zip(df["stage"], df[count].astype("int64"), strict=True))
    referred, discussed, adopted = (
        by_stage["Referred"],
        by_stage["Discussed at Channel"],
        by_stage["Adopted as Channel case"],
    )
    optional = [s for s in ("Outcome not published", "Outcome not known") if by_stage.get(s, 0) > 0]
    # cells: adopted, discussed not adopted (hidden), the optional stages, every other outcome (hidden)
    rest = referred - discussed - sum(by_stage[s] for s in optional)
    cells = [adopted, discussed - adopted, *(by_stage[s] for s in optional), rest]
    shown = [True, False, *([True] * len(optional)), False]
    everything = list(range(len(cells)))
    reasons = protect(cells, [everything, [0, 1]], threshold, cell_shown=shown)
    stage_reason = {
        "Referred": reasons[len(cells)],
        "Discussed at Channel": reasons[len(cells) + 1],
        "Adopted as Channel case": reasons[0],
        **{s: reasons[2 + i] for i, s in enumerate(optional)},
    }
    out = df[df["stage"].isin(list(stage_reason))].reset_index(drop=True).copy()
    out["suppression"] = [stage_reason[s] for s in out["stage"]]
    out["suppressed"] = out["suppression"] != ""
    out["display"] = [
        _display(int(v), r, threshold) for v, r in zip(out[count].astype("int64"), out["suppression"], strict=True)
    ]
    if "percent_of_referred" in out:
        out["percent_of_referred"] = out["percent_of_referred"].astype("Float64")
        out.loc[out["suppressed"] | bool(stage_reason["Referred"]), "percent_of_referred"] = pd.NA
    out[count] = out[count].astype("Int64").mask(out["suppressed"])
    return out
