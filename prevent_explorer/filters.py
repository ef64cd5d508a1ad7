"""The one filter state of the app, and its round trip to and from the URL.

    options = FilterOptions(years=[...], groups={"ideology": [...], ...})
    state, notices = parse_query_params({"ideology": ["islamist"], "from": ["2018-19"]}, options)
    to_query_params(state, options)   # {"ideology": ["islamist"], "from": "2018-19"}

URL values are short slugs ("extreme-right-wing", "2018-19"); anything unknown or malformed is
dropped and reported in `notices`, never raised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from prevent_explorer.outcomes import OUTCOME_LIST, OUTCOME_OPTIONS, row_outcomes

# Sidebar filters over stable groups, in display order: (state field, URL key, label, dimension)
MULTI_FILTERS: tuple[tuple[str, str, str, str], ...] = (
    ("ideologies", "ideology", "Type of concern (ideology)", "ideology"),
    ("outcomes", "outcome", "Outcome", "outcome"),
    ("agencies", "agency", "Referring sector (agency)", "sector"),
    ("age_groups", "age", "Age group", "age_group"),
    ("genders", "gender", "Gender", "gender"),
    ("regions", "region", "Region", "region"),
)
VALUE_MODES = ("counts", "percent")
VALUE_COLUMNS = {"counts": "count", "percent": "percent"}  # value mode -> the column a view shows
MAX_NOTICE_VALUE = 40
# Every shared filter, in sidebar order, and its name in sentences ("filters used here: years, ...").
ALL_FILTERS: tuple[str, ...] = ("years", *(f for f, _k, _l, _d in MULTI_FILTERS), "value_mode")
FILTER_NAMES: dict[str, str] = {
    "years": "years",
    "value_mode": "counts or percentages",
    **{f: label.split(" (")[0].lower() for f, _k, label, _d in MULTI_FILTERS},
}
FIELD_OF_DIMENSION: dict[str, str] = {d: f for f, _k, _l, d in MULTI_FILTERS}


def slug(label: str) -> str:
    """'Extreme right-wing' -> 'extreme-right-wing'; '2018/19' -> '2018-19'."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def year_to_url(year: str) -> str:
    return year.replace("/", "-")


@dataclass(frozen=True)
class FilterOptions:
    """What the filters can hold: the years of the series and the stable groups per dimension."""

    years: tuple[str, ...]
    groups: Mapping[str, tuple[str, ...]]  # dimension -> stable groups, in display order
    outcomes: tuple[str, ...] = OUTCOME_OPTIONS
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # dimension -> group -> published labels

    def options_for(self, field_name: str) -> tuple[str, ...]:
        dimension = next(d for f, _, _, d in MULTI_FILTERS if f == field_name)
        return self.outcomes if dimension == "outcome" else tuple(self.groups.get(dimension, ()))


@dataclass(frozen=True)
class FilterState:
    year_from: str
    year_to: str
    ideologies: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    value_mode: str = "counts"

    @classmethod
    def default(cls, options: FilterOptions) -> FilterState:
        return cls(year_from=options.years[0], year_to=options.years[-1])

    def selected(self, field_name: str) -> tuple[str, ...]:
        return getattr(self, field_name)

    @property
    def value_column(self) -> str:
        """The column the views show: 'count' or 'percent'."""
        return VALUE_COLUMNS[self.value_mode]

    @property
    def span(self) -> dict[str, str]:
        """The year range as query parameters (year_from, year_to)."""
        return {"year_from": self.year_from, "year_to": self.year_to}

    def groups(self, dimension: str) -> list[str]:
        """The groups chosen for a dimension's filter, as a query parameter (empty means all)."""
        field_name = FIELD_OF_DIMENSION.get(dimension)
        return list(self.selected(field_name)) if field_name else []

    def sql_params(self) -> dict[str, object]:
        """Parameters for the referral queries (lists; empty means all)."""
        return {
            **self.span,
            "ideologies": list(self.ideologies),
            "outcomes": row_outcomes(self.outcomes),  # the referral-level outcomes the options cover
            "agencies": list(self.agencies),
            "age_groups": list(self.age_groups),
            "genders": list(self.genders),
            "regions": list(self.regions),
        }


def years_between(options: FilterOptions, state: FilterState) -> list[str]:
    """Every year of the series within the state's range (for charts that show empty years too)."""
    return [y for y in options.years if state.year_from <= y <= state.year_to]


def describe_years(state: FilterState) -> str:
    return state.year_from if state.year_from == state.year_to else f"{state.year_from} to {state.year_to}"


def describe(state: FilterState, fields: Sequence[str] | None = None) -> str:
    """A short description of the active filters, for chart titles and CSV headers."""
    parts = [describe_years(state)]
    for field_name, _key, label, _dim in MULTI_FILTERS:
        if fields is not None and field_name not in fields:
            continue
        chosen = state.selected(field_name)
        if chosen:
            parts.append(f"{label.split(' (')[0]}: {', '.join(chosen)}")
    return " · ".join(parts)


def _clip(value: str) -> str:
    value = value.replace("\n", " ").replace("\r", " ")
    return value if len(value) <= MAX_NOTICE_VALUE else value[: MAX_NOTICE_VALUE - 1] + "…"


def parse_query_params(
    params: Mapping[str, Sequence[str] | str], options: FilterOptions
) -> tuple[FilterState, list[str]]:
    """Read the sidebar filters from URL parameters. Unknown or malformed values become notices."""
    state = FilterState.default(options)
    notices: list[str] = []
    values = {k: ([v] if isinstance(v, str) else list(v)) for k, v in params.items()}
    years_by_slug = {year_to_url(y): y for y in options.years}

    def single(key: str) -> str | None:
        got = values.get(key, [])
        if len(got) > 1:
            notices.append(f"The link gives '{key}' {len(got)} times; only the first value was used.")
        return got[0] if got else None

    for key, attr in (("from", "year_from"), ("to", "year_to")):
        raw = single(key)
        if raw is None:
            continue
        year = years_by_slug.get(raw.strip())
        if year is None:
            notices.append(
                f"Ignored '{_clip(raw)}' for '{key}': not a year of the series ({options.years[0]} to {options.years[-1]}, written like 2018-19)."
            )
        else:
            state = replace(state, **{attr: year})
    if state.year_from > state.year_to:
        notices.append("The link's years were the wrong way round; they have been swapped.")
        state = replace(state, year_from=state.year_to, year_to=state.year_from)

    for field_name, key, label, dim in MULTI_FILTERS:
        allowed = {slug(o): o for o in options.options_for(field_name)}
        if dim == "outcome":  # links made before the outcome options took the releases' words
            allowed |= {old: o.label for o in OUTCOME_LIST for old in o.old_slugs if o.label in allowed.values()}
        chosen: list[str] = []
        for raw in values.get(key, []):
            value = allowed.get(slug(raw))
            if value is None:
                notices.append(f"Ignored '{_clip(raw)}' for {label.lower()}: not one of the options.")
            elif value not in chosen:
                chosen.append(value)
        if chosen:
            # keep the options' own order so equal selections give equal URLs
            order = list(options.options_for(field_name))
            state = replace(state, **{field_name: tuple(sorted(chosen, key=order.index))})

    mode = single("show")
    if mode is not None:
        if mode in VALUE_MODES:
            state = replace(state, value_mode=mode)
        else:
            notices.append(f"Ignored '{_clip(mode)}' for 'show': use counts or percent.")

    known = {"from", "to", "show", *(k for _, k, _, _ in MULTI_FILTERS)}
    return state, notices + [f"Ignored the unknown link setting '{_clip(k)}'." for k in values if k not in known]


def to_query_params(state: FilterState, options: FilterOptions) -> dict[str, str | list[str]]:
    """The URL parameters for a state: only what differs from the defaults."""
    default = FilterState.default(options)
    out: dict[str, str | list[str]] = {}
    if state.year_from != default.year_from:
        out["from"] = year_to_url(state.year_from)
    if state.year_to != default.year_to:
        out["to"] = year_to_url(state.year_to)
    for field_name, key, _label, _dim in MULTI_FILTERS:
        chosen = state.selected(field_name)
        if chosen:
            out[key] = [slug(c) for c in chosen]
    if state.value_mode != default.value_mode:
        out["show"] = state.value_mode
    return out


def parse_page_param(
    raw: Sequence[str] | str | None, key: str, options: Sequence[str], multi: bool
) -> tuple[list[str] | str | None, list[str]]:
    """Read one page-level URL parameter (choices by slug). Returns (value or None, notices)."""
    if raw is None:
        return None, []
    raws = [raw] if isinstance(raw, str) else list(raw)
    allowed = {slug(o): o for o in options}
    notices: list[str] = []
    chosen: list[str] = []
    for r in raws:
        v = allowed.get(slug(r))
        if v is None:
            notices.append(f"Ignored '{_clip(r)}' for '{key}': not one of the options.")
        elif v not in chosen:
            chosen.append(v)
    if multi:
        return (chosen or None), notices
    if len(chosen) > 1:
        notices.append(f"The link gives '{key}' more than once; only the first value was used.")
    return (chosen[0] if chosen else None), notices
