"""Concurrent sessions: benchmarks/load.py runs browser sessions (one Chromium, one context each)
against one `streamlit run` server on 127.0.0.1, changing filters and switching pages. No errors
are allowed. The CI variant: 5 sessions for 10 s; with --soak: 20 sessions for 60 s."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from prevent_explorer.paths import REPO_ROOT

pytestmark = pytest.mark.browser


def run_load(sessions: int, duration: int, tmp_path: Path) -> dict:
    out = tmp_path / "load.json"
    cmd = [sys.executable, str(REPO_ROOT / "benchmarks" / "load.py"), "--sessions", str(sessions)]
    cmd += ["--duration", str(duration), "--json", str(out), "--log-dir", str(REPO_ROOT / "test-artifacts")]
    proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=duration + 600)
    assert out.exists(), f"the load script wrote no report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    report = json.loads(out.read_text(encoding="utf-8"))
    print(proc.stdout)
    return report


def check(report: dict, sessions: int) -> None:
    summary = report["summary"]
    assert summary["errors"] == 0, report["errors"][:10]
    assert summary["sessions_opened"] == sessions
    assert summary["filter_changes"] >= 1, summary
    assert summary["filter_changes"] + summary["page_switches"] >= sessions, summary  # the sessions did work
    assert summary["peak_rss_mb"] > 0


def test_five_sessions_for_ten_seconds(chromium_path: str, tmp_path: Path) -> None:
    check(run_load(5, 10, tmp_path), 5)


@pytest.mark.soak
def test_twenty_sessions_for_a_minute(chromium_path: str, tmp_path: Path) -> None:
    check(run_load(20, 60, tmp_path), 20)
