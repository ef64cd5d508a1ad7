"""The app's session script, run under pyinstrument in the script's own thread.

benchmarks/profile_page.py opens this file with AppTest (in place of the session script) and puts a
pyinstrument Profiler in the session state under PROFILER_KEY; every run of this script then
profiles the session script's run, in the thread that runs it. Not part of the app.
"""

import runpy

import streamlit as st

from harness.apptest import APP

PROFILER_KEY = "_benchmark_profiler"

profiler = st.session_state.get(PROFILER_KEY)
if profiler is not None:
    profiler.start()
try:
    runpy.run_path(APP, run_name="__main__")
finally:
    if profiler is not None:
        profiler.stop()
