"""Which published figure answers a filter combination, year by year.

    cells = db.query("published_cells", measures=["referrals"], year_from="2024/25", year_to="2024/25")
    answer = resolve(cells, state, "referrals", "2024/25", fields=("ideologies", "agencies"))
    answer.exact        # Police chosen: the published figure for referrals from Police (2,631), else None
    answer.one_way      # the figures published for each chosen group on its own
    answer.total        # the measure's total that year (all referrals)

A filter combination is published when one figure covers exactly it: no filter is the measure's
total; one group of one dimension is a one-way breakdown (referrals from Police); one group each
of two dimensions is a cross-tabulation (referrals in the North East about Islamist concerns).
Nothing is ever added up or derived: two groups of one dimension, three dimensions, or a cross-tab
that was not published give no exact figure, and the answer says what is published instead. An
outcome is a target of its own (`outcome_group`): "no further action" is a category of the
referrals' outcome breakdown (prevent_explorer/outcomes.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from prevent_explorer.filters import MULTI_FILTERS, FilterState

DIMENSION_OF = {f: d for f, _k, _l, d in MULTI_FILTERS if d != "outcome"}  # filter field -> dimension
PROFILE_FIELDS = tuple(DIMENSION_OF)


@dataclass(frozen=True)
class Figure:
    """One published figure (its preferred value and the preferred share beside it)."""

    year: str
    measure: str
    dimension: str
    category: str  # as published
    count: float | None
    percent: float | None
    percent_of: str | None
    source_id: str | None
    percent_source_id: str | None

    @property
    def value(self) -> float | None:
        return self.count if self.count is not None else self.percent


@dataclass(frozen=True)
class Answer:
    year: str
    measure: str
    asked: dict[str, tuple[str, ...]]  # dimension -> groups asked for
    exact: Figure | None  # the figure for exactly this combination, if published
    one_way: dict[tuple[str, str], Figure | None] = field(default_factory=dict)  # (dimension, group) -> its figure
    total: Figure | None = None  # the figure without the profile filters: the measure's total (or the outcome's)

    @property
    def why_not(self) -> str | None:
        """Why there is no exact figure (None when there is one)."""
        if self.exact is not None:
            return None
        several = [d for d, groups in self.asked.items() if len(groups) > 1]
        if several:
            return "in this dataset for each group separately, not for several together"
        if len(self.asked) > 2:
            return "not in this dataset for more than two breakdowns together"
        if len(self.asked) == 2:
            return "not in this dataset for this combination"
        return "not in this dataset for this group"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _figure(row: dict[str, object]) -> Figure:
    def val(col: str) -> object:
        v = row.get(col)
        return None if _missing(v) else v

    count = val("count")
    percent = val("percent")
    return Figure(
        year=str(row["year"]),
        measure=str(row["measure"]),
        dimension=str(row["dimension"]),
        category=str(row["category"]),
        count=None if count is None else float(count),  # type: ignore[arg-type]
        percent=None if percent is None else float(percent),  # type: ignore[arg-type]
        percent_of=val("percent_of"),  # type: ignore[arg-type]
        source_id=val("source_id"),  # type: ignore[arg-type]
        percent_source_id=val("percent_source_id"),  # type: ignore[arg-type]
    )


def _one(rows: list[dict[str, object]]) -> Figure | None:
    """The single figure among `rows` (parts before subtotals); None if none or several."""
    parts = [r for r in rows if r["role"] == "part"]
    with_value = [r for r in (parts or rows) if not (_missing(r["count"]) and _missing(r["percent"]))]
    return _figure(with_value[0]) if len(with_value) == 1 else None


_Key = tuple[object, ...]  # (year, measure, dimension, group, cross dimension, cross group)


class Cells:
    """Published cells (the `published_cells` query) indexed by year, measure, dimension, group and
    cross-tabulation: a lookup is a dictionary access. (Filtering the frame for each figure was ~15%
    of an Overview rerun.)"""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._rows: dict[_Key, list[dict[str, object]]] = {}
        for row in frame.to_dict("records"):
            self._rows.setdefault(self._key(row), []).append(row)

    @staticmethod
    def _key(row: dict[str, object]) -> _Key:
        cross = None if _missing(row.get("cross_dimension")) else row["cross_dimension"]
        if row["dimension"] == "total" and cross is None:  # the total, whatever its label
            return (row["year"], row["measure"], "total", None, None, None)
        cross_group = None if cross is None or _missing(row.get("cross_group")) else row["cross_group"]
        return (row["year"], row["measure"], row["dimension"], row["category_group"], cross, cross_group)

    @classmethod
    def of(cls, cells: pd.DataFrame | Cells) -> Cells:
        return cells if isinstance(cells, Cells) else cls(cells)

    def lookup(self, year: str, measure: str, constraints: dict[str, str]) -> Figure | None:
        """The published figure of `measure` in `year` for exactly these (dimension -> group) constraints."""
        items = list(constraints.items())
        if not items:
            return _one(self._rows.get((year, measure, "total", None, None, None), []))
        if len(items) == 1:
            ((dim, group),) = items
            return _one(self._rows.get((year, measure, dim, group, None, None), []))
        if len(items) == 2:
            for (d1, g1), (d2, g2) in (items, items[::-1]):
                hit = _one(self._rows.get((year, measure, d1, g1, d2, g2), []))
                if hit is not None:
                    return hit
        return None


def asked_groups(state: FilterState, fields: Sequence[str] = PROFILE_FIELDS) -> dict[str, tuple[str, ...]]:
    """The chosen groups of the profile filters among `fields` (dimension -> groups)."""
    return {DIMENSION_OF[f]: state.selected(f) for f in fields if f in DIMENSION_OF and state.selected(f)}


def resolve(
    cells: pd.DataFrame | Cells,
    state: FilterState,
    measure: str,
    year: str,
    fields: Sequence[str] = PROFILE_FIELDS,
    outcome_group: str | None = None,
) -> Answer:
    """The published figure of `measure` (of referrals with `outcome_group`, if given) in `year`
    for the state's chosen groups among `fields`, or what is published instead. (Callers asking
    several questions of the same cells index them once: `Cells(frame)`.)"""
    index = Cells.of(cells)
    asked = asked_groups(state, fields)
    base: dict[str, str] = {"outcome": outcome_group} if outcome_group else {}
    exact = None
    if all(len(groups) == 1 for groups in asked.values()):
        exact = index.lookup(year, measure, {**base, **{d: g[0] for d, g in asked.items()}})
    one_way = {(d, g): index.lookup(year, measure, {**base, d: g}) for d, groups in asked.items() for g in groups}
    total = index.lookup(year, measure, base)
    return Answer(
        year, measure, ({"outcome": (outcome_group,)} if outcome_group else {}) | asked, exact, one_way, total
    )
