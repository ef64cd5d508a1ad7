"""The shared filters in Streamlit: sidebar widgets whose values are the one FilterState, and the URL
that mirrors it.

    notices = read_link(options)               # a session's first run: the link sets the widgets
    state = current_state(options)             # the widgets' values, before the page runs
    ...                                        # the page runs with that state
    filters(options, ctx.used)                 # draw the widgets; those no view used are greyed out
    write_link(state, options, page_params)    # the URL follows the state and the page's choices

The widgets' values are read before the page runs and the widgets are drawn after it, so that the
sidebar can grey out exactly the filters that nothing on the page applied. They are drawn on every
run, so they keep their values when the user switches pages. Unknown or malformed link values
become notices, never errors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import streamlit as st

from prevent_explorer.filters import (
    ALL_FILTERS,
    FILTER_NAMES,
    MULTI_FILTERS,
    VALUE_MODES,
    FilterOptions,
    FilterState,
    parse_query_params,
    to_query_params,
)
from prevent_explorer.present.explorer_views import SHOWN_AS
from prevent_explorer.present.formatting import escape_markdown

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

READY = "_filters_ready"
YEARS_KEY = "f_years"
MODE_KEY = "f_mode"
KEYS = {field: f"f_{field}" for field, _k, _l, _d in MULTI_FILTERS}
MODE_LABELS = {"counts": "Counts", "percent": "Percentages"}


def _link_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _widget_values(state: FilterState) -> dict[str, object]:
    return {
        YEARS_KEY: (state.year_from, state.year_to),
        **{key: list(state.selected(field)) for field, key in KEYS.items()},
        MODE_KEY: state.value_mode,
    }


def _set_widgets(state: FilterState) -> None:
    for key, value in _widget_values(state).items():
        st.session_state[key] = value


def read_link(options: FilterOptions) -> list[str]:
    """On a session's first run, set the filter widgets from the link; returns what it could not use."""
    if st.session_state.get(READY):
        return []
    # page-level keys ('p_...') are read by their pages, not reported as unknown here
    shared = {k: v for k, v in _link_params().items() if not k.startswith("p_")}
    state, notices = parse_query_params(shared, options)
    _set_widgets(state)
    st.session_state[READY] = True
    return notices


def current_state(options: FilterOptions) -> FilterState:
    """The filter widgets' values (what the user chose, or the link said) as the one FilterState.
    A widget without a value yet (e.g. after a run that stopped before the sidebar) gets its default."""
    ss = st.session_state
    for key, value in _widget_values(FilterState.default(options)).items():
        if key not in ss:
            ss[key] = value
    year_from, year_to = ss[YEARS_KEY]
    return FilterState(
        year_from=year_from,
        year_to=year_to,
        value_mode=ss[MODE_KEY] or VALUE_MODES[0],
        **{field: tuple(ss[key] or ()) for field, key in KEYS.items()},
    )


def _reset(options: FilterOptions) -> None:
    """Callback of the 'Reset filters' button: every sidebar filter back to its default."""
    _set_widgets(FilterState.default(options))


def filters(options: FilterOptions, used: Sequence[str], where: DeltaGenerator | None = None) -> FilterState:
    """Draw the shared filters (in the sidebar, or in `where`) and return their values. Filters not
    in `used` (nothing on the page applied them) are shown greyed out; they keep their values for the
    other pages."""
    sb = where if where is not None else st.sidebar
    if where is None:
        sb.markdown("## Filters")
    year_from, year_to = sb.select_slider(
        "Years (April to March)",
        options=list(options.years),
        # value makes it a range slider; the actual value lives in session state (key)
        value=(options.years[0], options.years[-1]),
        key=YEARS_KEY,
        disabled="years" not in used,
        help="Reporting years of the Home Office statistics, each running from April to March.",
    )
    chosen: dict[str, tuple[str, ...]] = {}
    for field, _url_key, label, dim in MULTI_FILTERS:
        chosen[field] = tuple(
            sb.multiselect(
                label,
                options=list(options.options_for(field)),
                key=KEYS[field],
                placeholder="All",
                format_func=lambda v: SHOWN_AS.get(v, v),  # the demo's gaps, in the app's words
                disabled=field not in used,
                help=_group_help(options.labels.get(dim, {})),
            )
        )
    mode = sb.segmented_control(
        "Show",
        options=list(VALUE_MODES),
        format_func=MODE_LABELS.get,
        key=MODE_KEY,
        required=True,
        disabled="value_mode" not in used,
    )
    not_used = [FILTER_NAMES[f] for f in ALL_FILTERS if f not in used]
    if not_used:
        sb.caption("Not used on this page (greyed out): " + ", ".join(not_used) + ".")
    sb.button("Reset filters", on_click=_reset, args=(options,), width="stretch", key="reset_filters")
    return FilterState(year_from=year_from, year_to=year_to, value_mode=mode or VALUE_MODES[0], **chosen)


def _group_help(labels: Mapping[str, str]) -> str | None:
    lines = [f"- **{g}**: {escape_markdown(v)}" for g, v in labels.items() if v and v != g]
    if not lines:
        return None
    return "Stable groups across years, with the published labels each covers:\n\n" + "\n".join(lines)


def write_link(state: FilterState, options: FilterOptions, page_params: Mapping[str, str | list[str]]) -> None:
    """Rewrite the URL from the state and the page's choices (only when it differs, so nothing reruns)."""
    desired = {
        k: v if isinstance(v, list) else [v] for k, v in {**to_query_params(state, options), **page_params}.items()
    }
    if _link_params() != desired:
        st.query_params.from_dict(desired)
