"""Concurrent sessions against one `streamlit run` server on 127.0.0.1. No errors are allowed;
nothing is timed here (benchmarks/capacity.py and benchmarks/load.py measure).

- Browserless (no Chromium needed): sessions speaking Streamlit's protocol (harness/streamlit_client.py,
  harness/protocol_load.py) change filters, page choices and pages: 4 sessions for 8 s; with
  --soak, 25 sessions for 60 s. First, one session checks that the client drives the app as a
  browser does (the URL follows the filters, Reset clears them, a page switch runs the page).
- Browser: benchmarks/load.py runs browser sessions (one Chromium, one context each), changing the
  type-of-concern filter and switching pages: 5 sessions for 10 s; with --soak, 20 sessions for 60 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.protocol_load import LoadResult, run_apart, run_sessions
from harness.server import streamlit_server
from harness.streamlit_client import StreamlitSession
from prevent_explorer.paths import REPO_ROOT

LOG_DIR = REPO_ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with streamlit_server(log_dir=LOG_DIR) as server:
        yield server.url


def test_the_protocol_client_drives_the_app_like_a_browser(server_url: str) -> None:
    async def scenario() -> list[str]:
        s = StreamlitSession(server_url, "/explorer", "ideology=islamist")
        try:
            steps = [await s.open()]
            assert s.page == "explorer"
            assert s.value("f_ideologies") == ["Islamist"]  # the link set the filter
            steps.append(await s.set_widget("f_ideologies", ["Islamist", "Extreme right-wing"]))
            assert "ideology=extreme-right-wing" in s.query_string  # the app rewrote the URL
            years = s.widget("f_years").options
            steps.append(await s.set_widget("f_years", [years[1], years[3]]))
            assert f"from={years[1].replace('/', '-')}" in s.query_string
            steps.append(await s.set_widget("page_trend_by", "Referring sector (agency)"))
            steps.append(await s.click("reset_filters"))
            assert s.value("f_ideologies") == []  # the server's reset reached the client's widget state
            assert "ideology" not in s.query_string and "from=" not in s.query_string
            steps.append(await s.switch_page("published"))
            assert s.page == "published" and "page_measure" in s.widgets
            assert s.widget("f_outcomes").disabled  # a filter the page does not apply is greyed out
            steps.append(await s.switch_page(""))  # the home page
            assert s.page == "" and "page_measure" not in s.widgets
            return [e for r in steps for e in r.errors] + s.errors
        finally:
            await s.close()

    assert run_apart(scenario()) == []


def check(result: LoadResult, sessions: int) -> None:
    assert result.errors == [], result.errors[:10]
    assert len(result.opens) == sessions
    kinds = {k for k, _s in result.runs}
    assert len(result.runs) >= sessions, result.summary()  # the sessions did work
    assert {"filter", "page switch"} <= kinds, result.summary()


def test_protocol_sessions_change_filters_and_pages_without_errors(server_url: str) -> None:
    check(run_apart(run_sessions(server_url, sessions=4, duration=8, interval=1, seed=7)), 4)


@pytest.mark.soak
def test_twenty_five_protocol_sessions_for_a_minute(server_url: str) -> None:
    check(run_apart(run_sessions(server_url, sessions=25, duration=60, interval=5, seed=11, timeout=120)), 25)


def run_browser_load(sessions: int, duration: int, tmp_path: Path) -> dict:
    out = tmp_path / "load.json"
    cmd = [sys.executable, str(REPO_ROOT / "benchmarks" / "load.py"), "--sessions", str(sessions)]
    cmd += ["--duration", str(duration), "--json", str(out), "--log-dir", str(LOG_DIR)]
    proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=duration + 600)
    assert out.exists(), f"the load script wrote no report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    report = json.loads(out.read_text(encoding="utf-8"))
    print(proc.stdout)
    return report


def check_browser(report: dict, sessions: int) -> None:
    summary = report["summary"]
    assert summary["errors"] == 0, report["errors"][:10]
    assert summary["sessions_opened"] == sessions
    assert summary["filter_changes"] >= 1, summary
    assert summary["filter_changes"] + summary["page_switches"] >= sessions, summary  # the sessions did work
    assert summary["peak_rss_mb"] > 0


def test_five_browser_sessions_for_ten_seconds(chromium_path: str, tmp_path: Path) -> None:
    check_browser(run_browser_load(5, 10, tmp_path), 5)


@pytest.mark.soak
def test_twenty_browser_sessions_for_a_minute(chromium_path: str, tmp_path: Path) -> None:
    check_browser(run_browser_load(20, 60, tmp_path), 20)
