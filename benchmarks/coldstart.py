"""Cold start: from launching `streamlit run` to the first chart drawn in headless Chromium.

Each run starts a new server (so nothing is imported, loaded or cached yet) and opens the page in
a new browser context (no HTTP cache), as a first visitor would; the browser itself is already open.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from harness.browser import VIEWPORT, wait_chart_drawn, wait_settled
from harness.server import streamlit_server

from .common import Row, timed_row

TARGET_S = 3.0
LINKS = {
    "Overview": "/",
    "Referral explorer (deep link)": "/explorer?ideology=islamist&from=2020-21",
}


def one_cold_start(browser: Any, path: str, referrals: Path | None = None) -> tuple[float, float, float]:
    """(seconds to healthy, to the page's first paint of the app, to the first chart drawn)."""
    with streamlit_server(referrals=referrals) as server:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(server.url + path, wait_until="commit")
            page.wait_for_selector("[data-testid=stMain]", timeout=120_000)
            shell = time.perf_counter()
            drawn = wait_chart_drawn(page, timeout=120)
            wait_settled(page, timeout=120)
        finally:
            context.close()
    return server.healthy - server.started, shell - server.started, drawn - server.started


def measure(browser: Any, runs: int, referrals: Path | None = None, label: str = "") -> list[Row]:
    rows: list[Row] = []
    for name, path in LINKS.items():
        results = [one_cold_start(browser, path, referrals) for _ in range(runs)]
        healthy = [r[0] for r in results]
        shell = [r[1] for r in results]
        chart = [r[2] for r in results]
        note = (
            f"server healthy after {sorted(healthy)[len(healthy) // 2]:.2f} s, "
            f"app shell after {sorted(shell)[len(shell) // 2]:.2f} s (medians)"
        )
        limit = TARGET_S if referrals is None else None
        rows.append(timed_row("cold start", f"{name}{label}: start -> first chart", chart, limit=limit, note=note))
    return rows
