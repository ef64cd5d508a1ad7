"""Ask the browser for its chart code while the server is still loading the data.

A visitor's first page waits for two things one after the other: the server (imports, loading and
validating the data, the first queries) and then the browser (fetching and starting the Vega chart
code, which it only requests when the first chart arrives). On a session's first run an empty,
hidden chart is sent before anything else, so the browser fetches the chart code while the server
works (about 0.5 s sooner to the first chart; benchmarks/coldstart.py). It imports nothing heavy,
carries no data, is laid out off screen (a chart that is not displayed at all does not load the
code) and is removed when the run ends; later runs do not send it.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

_DONE_KEY = "_chart_code_requested"
_KEY = "chart-code-warmup"
_EMPTY_CHART = {"mark": "point", "width": 1, "height": 1, "config": {"view": {"stroke": None}}}


_STYLE = f"<style>.st-key-{_KEY} {{ position: absolute; left: -10000px; width: 20px; height: 20px; overflow: hidden; }}</style>"


def request_chart_code() -> DeltaGenerator:
    """Return the slot of the hidden chart (empty it when the run ends); it is filled on a session's
    first run only. The slot itself is there on every run, so that the elements after it keep their
    places (and their state, e.g. an open expander) from one run to the next."""
    slot = st.empty()
    if st.session_state.get(_DONE_KEY):
        return slot
    st.session_state[_DONE_KEY] = True
    with slot.container(key=_KEY):
        st.html(_STYLE)
        st.vega_lite_chart(spec=_EMPTY_CHART, width=1, height=1)
    return slot
