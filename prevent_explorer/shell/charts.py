"""Chart specs for the pages, built once per distinct input with Streamlit's data cache.

    chart_block(chart_spec(charts.lines_chart, trend, title, subtitle, value, colours), table, ...)

Building an Altair chart and turning it into a Vega-Lite spec is most of a page's rerun (deep
copies of the chart objects, JSON-schema validation: tens of milliseconds per chart, profiled with
pyinstrument, see benchmarks/README.md). The builders in present/charts.py are pure functions of
their inputs, so `chart_spec` caches each spec by builder and inputs (st.cache_data hashes the
DataFrames by content): a filter change rebuilds only the charts whose inputs changed, and
sessions asking the same question share the spec. Specs are not validated at run time; the test
suite validates every chart drawn against the Vega-Lite schema.
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from prevent_explorer.present import charts as builders

# Altair's theme and data transformer are process-wide settings: one conversion at a time.
_ALTAIR_SETTINGS = threading.Lock()


def build_spec(builder: Callable[..., alt.TopLevelMixin | None], *args: Any, **kwargs: Any) -> dict[str, Any] | None:
    """The Vega-Lite spec of `builder(*args, **kwargs)`, built now (for callers that cache what they
    make of it, e.g. shell/overview_sections.py)."""
    chart = builder(*args, **kwargs)
    if chart is None:
        return None
    with _ALTAIR_SETTINGS, alt.theme.enable("none"), alt.data_transformers.enable("default", max_rows=None):
        return chart.to_dict(validate=False)


def _frame_key(frame: pd.DataFrame) -> bytes:
    """A chart input's identity for the cache: its pickle. Equal bytes are equal frames; an equal
    frame pickled differently only costs a rebuild. (Streamlit's own hashing of a frame's content
    took ~5 ms a chart on every rerun; this ~0.5 ms.)"""
    return pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)


@st.cache_data(show_spinner=False, max_entries=1024, hash_funcs={pd.DataFrame: _frame_key})
def _spec(builder: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any] | None:
    return build_spec(getattr(builders, builder), *args, **kwargs)


def chart_spec(builder: Callable[..., alt.TopLevelMixin | None], *args: Any, **kwargs: Any) -> dict[str, Any] | None:
    """The Vega-Lite spec of `builder(*args, **kwargs)` (a builder of present/charts.py), cached."""
    if getattr(builders, builder.__name__, None) is not builder:
        raise ValueError(f"{builder.__name__} is not a chart builder of prevent_explorer.present.charts")
    return _spec(builder.__name__, args, kwargs)
