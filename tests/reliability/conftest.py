"""Reliability suite: random filters, malformed links, corrupt data, concurrent sessions, lock-down.

The long variants are marked `soak` and skipped unless pytest runs with --soak (tests/conftest.py).
Browser tests use the fixtures of harness/fixtures.py (skipped without Chromium locally, failing in
CI); Playwright itself runs in a worker thread here (tests/reliability/browser_thread.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def quiet_streamlit_logs() -> None:
    """AppTest and cached queries called outside a script run log a warning each time ('missing
    ScriptRunContext'); thousands of them make pytest's log capture the slowest part of a run."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


@pytest.fixture
def fresh_app_caches() -> Iterator[None]:
    """Clear the process-wide database and query caches before and after a test that changes the data."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()
