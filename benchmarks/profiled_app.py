"""The app as streamlit_app.py starts it, with each session run measured (benchmarks/server_profiler.py).
Run by benchmarks/profile_server.py; not part of the app."""

from pathlib import Path

import streamlit as st

from benchmarks.server_profiler import lifespan

app = st.App(str(Path(__file__).resolve().parent / "profiled_app_session.py"), lifespan=lifespan)
