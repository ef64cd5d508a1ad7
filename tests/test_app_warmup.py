"""The hidden chart that makes the browser fetch its chart code early (prevent_explorer/ui/warmup.py):
sent on a session's first run only, before anything else, and gone when the run ends."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.app_helpers import run_app


def warmup_script() -> None:
    import streamlit as st

    from prevent_explorer.ui.warmup import request_chart_code

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
