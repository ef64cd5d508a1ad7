"""The browserless protocol client (harness/streamlit_client.py) against tiny apps under `streamlit run`:
it counts what a user would see as broken as errors, and answers Streamlit's message cache."""

from __future__ import annotations

from pathlib import Path

from harness.protocol_load import run_apart
from harness.server import streamlit_server
from harness.streamlit_client import StreamlitSession

FAILING_APP = """
import streamlit as st
choice = st.selectbox("Choice", ["fine", "raise"], key="choice")
if choice == "raise":
    raise ValueError("the app failed")
st.write("fine")
"""

# An element larger than Streamlit's minimum cached message size (10 KB) is cacheable: a client
# that declares it has it receives a reference (ref_hash) on the next run instead.
LARGE_ELEMENT_APP = """
import streamlit as st
st.checkbox("Again", key="again")
st.code("x = 1\\n" * 4000)
"""


def app(tmp_path: Path, source: str) -> Path:
    script = tmp_path / "app.py"
    script.write_text(source, encoding="utf-8")
    return script


def test_an_exception_in_the_app_is_an_error(tmp_path: Path) -> None:
    async def scenario(url: str) -> tuple[list[str], list[str], list[str]]:
        s = StreamlitSession(url, "/")
        try:
            opened, failed, again = (
                await s.open(),
                await s.set_widget("choice", "raise"),
                await s.set_widget("choice", "fine"),
            )
            return opened.errors, failed.errors, again.errors
        finally:
            await s.close()

    with streamlit_server(script=app(tmp_path, FAILING_APP), log_dir=tmp_path) as server:
        opened, failed, again = run_apart(scenario(server.url))
    assert opened == [] and again == []
    assert any("ValueError" in e and "the app failed" in e for e in failed), failed


def test_a_page_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    async def scenario(url: str) -> list[str]:
        s = StreamlitSession(url, "/no-such-page")
        try:
            return (await s.open()).errors
        finally:
            await s.close()

    with streamlit_server(log_dir=tmp_path) as server:
        errors = run_apart(scenario(server.url))
    assert any("page not found" in e for e in errors), errors


def test_cached_messages_are_referred_to_only_when_the_client_has_them(tmp_path: Path) -> None:
    async def scenario(url: str, cache: bool) -> tuple[list[str], int, int]:
        s = StreamlitSession(url, "/", cache=cache)
        try:
            runs = [await s.open(), await s.set_widget("again", True), await s.set_widget("again", False)]
            return [e for r in runs for e in r.errors], s.refs_resolved, sum(r.bytes for r in runs[1:])
        finally:
            await s.close()

    with streamlit_server(script=app(tmp_path, LARGE_ELEMENT_APP), log_dir=tmp_path) as server:
        cached = run_apart(scenario(server.url, cache=True))
        uncached = run_apart(scenario(server.url, cache=False))
    assert cached[0] == [] and uncached[0] == []
    assert cached[1] == 2 and uncached[1] == 0  # the two reruns referred to the cached element
    assert cached[2] < uncached[2] / 4  # and did not send it again
