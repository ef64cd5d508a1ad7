"""A faster first page: the server and the browser prepare in parallel instead of one after the other.

Left alone, a visitor's first page waits for three things in turn: the browser loading Streamlit's
frontend (about 1 s, in which the server is idle), the server's first run (imports, loading and
checking the data, the page's queries and charts) and the browser fetching and starting the Vega
chart code, which it only requests when the first chart arrives. So:

- `start_warming_up()` (called by streamlit_app.py's lifespan hook when the server starts) imports
  the app's modules and opens the database in a background thread, without touching Streamlit
  (so the server's log stays clean). `database()`, Streamlit's process-wide cached resource, takes
  that database on its first call, waiting for it if it is still loading, instead of loading it
  twice. A data file that fails its checks is not kept: the session loads it again and shows the
  problems.
- `request_chart_code()` (first thing in app_script.py) sends an empty, hidden chart on a session's
  first run, so the browser fetches the chart code while the server works. It imports nothing
  heavy, carries no data, is laid out off screen (a chart that is not displayed at all does not
  load the code) and is removed when the run ends.

Measured by benchmarks/coldstart.py (start of `streamlit run` to the first chart drawn).
"""

from __future__ import annotations

import gc
import threading
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

_DONE_KEY = "_chart_code_requested"
_KEY = "chart-code-warmup"
_EMPTY_CHART = {"mark": "point", "width": 1, "height": 1, "config": {"view": {"stroke": None}}}
_STYLE = (
    f"<style>.st-key-{_KEY} {{ position: absolute; left: -10000px; width: 20px; height: 20px; overflow: hidden; }}"
    "</style>"
)


def warm_up() -> None:
    """Import what the pages need and open the database for the first session to take
    (shell/data.py). Nothing here touches Streamlit, so the server's log stays clean. (Reading the
    filter options and drawing a first Altair chart here too made no measurable difference.)"""
    from prevent_explorer.present import charts, views  # noqa: F401  (pandas, Altair)
    from prevent_explorer.shell import components  # noqa: F401
    from prevent_explorer.shell.data import open_early

    open_early()
    # What is loaded now lives as long as the server: move it out of the collector's way, so that
    # each collection walks only what the sessions allocate (one full collection fell from ~120 ms
    # to ~20 ms of CPU, benchmarks/README.md).
    gc.collect()
    gc.freeze()


def start_warming_up() -> threading.Thread:
    thread = threading.Thread(target=warm_up, name="prevent-explorer-warm-up", daemon=True)
    thread.start()
    return thread


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
