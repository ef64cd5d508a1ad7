"""The hidden chart that makes the browser fetch its chart code early (prevent_explorer/shell/warmup.py):
sent on a session's first run only, before anything else, and gone when the run ends."""

from __future__ import annotations

import json

import streamlit as st
from streamlit.testing.v1 import AppTest

from harness.apptest import APP, run_app


def warmup_script() -> None:
    import streamlit as st

    from prevent_explorer.shell.warmup import request_chart_code

    request_chart_code()
    st.markdown("page")


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_the_hidden_chart_is_sent_first_on_the_first_run_only() -> None:
    at = AppTest.from_function(warmup_script).run()
    assert not at.exception
    first = charts(at)
    assert len(first) == 1 and "data" not in first[0] and "title" not in first[0]
    at.run()
    assert charts(at) == []  # later runs do not send it
    assert at.markdown[0].value == "page"


def test_the_app_removes_it_when_the_run_ends() -> None:
    at = run_app()
    assert not at.exception
    specs = charts(at)
    assert specs, "the overview draws charts"
    assert all("title" in spec for spec in specs), "an untitled (warm-up) chart is left on the page"


def test_the_server_start_loads_the_data_once_for_every_session(monkeypatch) -> None:
    from prevent_explorer.shell import data, warmup

    st.cache_resource.clear()
    calls: list[object] = []
    real_open = data.open_database
    monkeypatch.setattr(data, "open_database", lambda *a, **k: calls.append(a) or real_open(*a, **k))
    warmup.start_warming_up().join(timeout=60)
    assert len(calls) == 1, "the warm-up loads the data"
    loaded = data.database()
    at = run_app()  # the first session finds the database ready
    assert len(calls) == 1, "a session loaded the data again"
    assert data.database() is loaded
    assert at.metric, "the overview shows its figures"
    st.cache_resource.clear()


def test_a_broken_data_file_is_left_to_the_first_session(monkeypatch, data_copy) -> None:
    from prevent_explorer.paths import DATA_DIR_ENV
    from prevent_explorer.shell import warmup

    (data_copy / "published" / "sources.csv").write_text("", encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    st.cache_resource.clear()
    warmup.warm_up()  # does not raise, caches nothing
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "The app cannot start: a data file does not match its contract" in " ".join(e.value for e in at.error)
    st.cache_resource.clear()
