"""Planning a year: which values each dimension has, and which constraints the rows must meet.

Each preferred count figure becomes a `Constraint` ("the rows matching this selection number
exactly N") or a `FigureStatus` saying why it cannot be expressed (a percentage only, a measure
about leaving Channel, a subtotal published without its parts, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prevent_explorer.referrals.schema import (
    ADOPTED,
    DIMENSIONS,
    DISCUSSED_NOT_ADOPTED,
    DISCUSSED_OUTCOMES,
    NOT_PUBLISHED,
)
from prevent_explorer.referrals.synthetic.published import Figure, Published, row_value

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
