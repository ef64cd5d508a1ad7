"""Filter state in Streamlit: sidebar widgets, page-level choices, and the URL that mirrors both.

The sidebar widgets are created by the entry point on every run, so they keep their values when
the user switches pages. On a session's first run the URL is read (unknown or malformed values
become notices). At the end of every run the URL is rewritten from the state, so a copied link
(to any page) reproduces the view.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from ..filters import (
    MULTI_FILTERS,
    VALUE_MODES,
    FilterOptions,
    FilterState,
    parse_page_param,
    parse_query_params,
    slug,
    to_query_params,
)

READY = "_filters_ready"
NOTICES = "_url_notices"
PAGE_PARAMS = "_page_params"
YEARS_KEY = "f_years"
MODE_KEY = "f_mode"
KEYS = {field: f"f_{field}" for field, _k, _l, _d in MULTI_FILTERS}
MODE_LABELS = {"counts": "Counts", "percent": "Percentages"}
ALL_FILTERS = ("years", *KEYS, "value_mode")
FILTER_NAMES = {
    "years": "years",
    "value_mode": "counts or percentages",
    **{f: label.split(" (")[0].lower() for f, _k, label, _d in MULTI_FILTERS},
}


def url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _write_state(state: FilterState) -> None:
    st.session_state[YEARS_KEY] = (state.year_from, state.year_to)
    for field, key in KEYS.items():
        st.session_state[key] = list(state.selected(field))
    st.session_state[MODE_KEY] = state.value_mode


def init_from_url(options: FilterOptions) -> None:
    """On the first run of a session, read the sidebar filters from the URL."""
    st.session_state[PAGE_PARAMS] = {}
    if st.session_state.get(READY):
        return
    state, notices = parse_query_params(_global_only(url_params()), options)
    _write_state(state)
    st.session_state[NOTICES] = notices
    st.session_state[READY] = True


def _global_only(params: dict[str, list[str]]) -> dict[str, list[str]]:
    """Page-level keys (prefixed 'p_') are read by their pages, not reported as unknown here."""
    return {k: v for k, v in params.items() if not k.startswith("p_")}


def current(options: FilterOptions) -> FilterState:
    ss = st.session_state
    if not ss.get(READY):
        return FilterState.default(options)
    year_from, year_to = ss[YEARS_KEY]
    return FilterState(
        year_from=year_from,
        year_to=year_to,
        value_mode=ss.get(MODE_KEY) or "counts",
        **{field: tuple(ss.get(key, [])) for field, key in KEYS.items()},
    )


def reset(options: FilterOptions) -> None:
    """Callback of the 'Reset filters' button: every sidebar filter back to its default."""
    _write_state(FilterState.default(options))


def render_sidebar(options: FilterOptions, applicable: Sequence[str]) -> FilterState:
    """Draw the shared filters. Filters the current page cannot use are shown but disabled."""
    sb = st.sidebar
    sb.markdown("### Filters")
    sb.select_slider(
        "Years (April to March)",
        options=list(options.years),
        # value makes it a range slider; the actual value lives in session state (key)
        value=(options.years[0], options.years[-1]),
        key=YEARS_KEY,
        disabled="years" not in applicable,
        help="Reporting years of the Home Office statistics, each running from April to March.",
    )
    for field, _url_key, label, dim in MULTI_FILTERS:
        opts = list(options.options_for(field))
        helptext = _group_help(options, dim)
        sb.multiselect(
            label,
            options=opts,
            key=KEYS[field],
            placeholder="All",
            disabled=field not in applicable,
            help=helptext,
        )
    sb.segmented_control(
        "Show",
        options=list(VALUE_MODES),
        format_func=MODE_LABELS.get,
        key=MODE_KEY,
        required=True,
        disabled="value_mode" not in applicable,
    )
    not_used = [FILTER_NAMES[f] for f in ALL_FILTERS if f not in applicable]
    if not_used:
        sb.caption("Not used on this page (greyed out): " + ", ".join(not_used) + ".")
    sb.button("Reset filters", on_click=reset, args=(options,), width="stretch", key="reset_filters")
    return current(options)


def _group_help(options: FilterOptions, dim: str) -> str | None:
    labels = options.labels.get(dim, {})
    if not labels:
        return None
    lines = [f"- **{g}**: {escape_markdown(v)}" for g, v in labels.items() if v and v != g]
    if not lines:
        return None
    return "Stable groups across years, with the published labels each covers:\n\n" + "\n".join(lines)


def page_choice(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    default: Any,
    widget: Callable[..., Any] | None = None,
    multi: bool = False,
    format_func: Callable[[Any], str] | None = None,
    help: str | None = None,
    **widget_kwargs: Any,
) -> Any:
    """A page-level choice that persists across page switches and is mirrored in the URL as `p_<key>`.

    `widget` is st.selectbox (default), st.multiselect, st.segmented_control, st.pills or st.radio.
    """
    widget = widget or (st.multiselect if multi else st.selectbox)
    url_key = f"p_{key}"
    state_key = f"page_{key}"
    if state_key not in st.session_state:
        value, notices = parse_page_param(st.query_params.get_all(url_key) or None, url_key, options, multi)
        st.session_state.setdefault(NOTICES, []).extend(notices)
        st.session_state[state_key] = value if value is not None else default
    elif st.session_state[state_key] is None or (not multi and st.session_state[state_key] not in options):
        st.session_state[state_key] = default
    kwargs: dict[str, Any] = {"key": state_key, "help": help, "persist_state": "session", **widget_kwargs}
    if format_func is not None:
        kwargs["format_func"] = format_func
    if widget in (st.segmented_control, st.pills):
        if multi:
            kwargs["selection_mode"] = "multi"
        else:
            kwargs.setdefault("required", True)
    value = widget(label, list(options), **kwargs)
    if multi:
        value = list(value or [])
        if value != list(default):
            st.session_state[PAGE_PARAMS][url_key] = [slug(v) for v in value]
    elif value != default and value is not None:
        st.session_state[PAGE_PARAMS][url_key] = slug(str(value))
    return value


def sync_url(options: FilterOptions) -> None:
    """Rewrite the URL from the state (only when it differs, so nothing reruns needlessly)."""
    desired: dict[str, list[str]] = {}
    for k, v in to_query_params(current(options), options).items():
        desired[k] = v if isinstance(v, list) else [v]
    for k, v in st.session_state.get(PAGE_PARAMS, {}).items():
        desired[k] = v if isinstance(v, list) else [v]
    if url_params() != desired:
        st.query_params.from_dict(desired)


def take_notices() -> list[str]:
    return st.session_state.pop(NOTICES, [])


MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """Text from a URL or a file, safe to show inside Markdown (no links, images or HTML)."""
    return MD_SPECIAL.sub(r"\\\1", text)
