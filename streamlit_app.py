"""Prevent Explorer: start it with `streamlit run streamlit_app.py`.

streamlit run streamlit_app.py                       # bundled data
streamlit run streamlit_app.py -- --referrals FILE   # your own referral-level file (CSV or Parquet)

This file is the server's entry point (Streamlit's `st.App`); each visitor's session runs
`prevent_explorer/shell/session.py` (page config, data, navigation, shared sidebar filters, the page). When the server starts,
its lifespan hook loads and checks the data in a background thread, while the first visitor's
browser is still loading Streamlit's frontend (about 1 s in which the server would otherwise be
idle): see prevent_explorer/shell/warmup.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st

from prevent_explorer.shell.warmup import start_warming_up


@asynccontextmanager
async def lifespan(_app: st.App) -> AsyncIterator[None]:
    start_warming_up()
    yield


app = st.App("prevent_explorer/shell/session.py", lifespan=lifespan)
