"""Reliability suite: random filters, malformed links, corrupt data, concurrent sessions, lock-down.

The long variants are marked `soak` and skipped unless pytest runs with --soak. Browser tests use
the fixtures of tests/browser/conftest.py (skipped without Chromium locally, failing in CI).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import streamlit as st

# Chromium found or not (skip locally, fail in CI) and a `streamlit run` server: tests/browser's fixtures.
# Playwright itself runs in a worker thread (tests/reliability/browser_thread.py).
from tests.browser.conftest import chromium_path, server  # noqa: F401


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip (never deselect: an empty run must not pass) the soak variants unless --soak is given."""
    if config.getoption("--soak"):
        return
    skip = pytest.mark.skip(reason="long reliability variant: run with --soak")
    for item in items:
        if "reliability" in str(item.fspath) and item.get_closest_marker("soak") is not None:
            item.add_marker(skip)


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
