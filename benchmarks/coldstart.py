"""Cold start: from launching `streamlit run` to the first chart drawn in headless Chromium, and the
same for an empty app (its first paint), as the baseline of the ratio.

Each run starts a new server (so nothing is imported, loaded or cached yet) and opens the page in
a new browser context (no HTTP cache), as a first visitor would; the browser itself is already open.
The empty app is a one-line script started the same way (`streamlit run` with the same flags, from
the repository, so with the same .streamlit/config.toml); its first paint is its one line of text
drawn. Each run measures the empty app just before the app, and the ratio is taken per run.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from harness.browser import VIEWPORT, wait_chart_drawn, wait_settled
from harness.server import streamlit_server

from .common import Row, timed_row

TARGET_S = 3.0
TARGET_RATIO = 1.3
LINKS = {
    "Overview": "/",
    "Referral explorer (deep link)": "/explorer?ideology=islamist&from=2020-21",
}
EMPTY_TEXT = "An empty Streamlit app"
EMPTY_APP = f'import streamlit as st; st.write("{EMPTY_TEXT}")\n'
JS_EMPTY_PAINTED = f"""() => Array.from(document.querySelectorAll('[data-testid=stMarkdown]'))
    .some(e => (e.textContent || '').includes('{EMPTY_TEXT}'))"""


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


def empty_first_paint(browser: Any) -> float:
    """Seconds from launching `streamlit run` on a one-line app to its text drawn in the page."""
    with tempfile.TemporaryDirectory(prefix="empty-app-") as tmp:
        script = Path(tmp) / "empty_app.py"
        script.write_text(EMPTY_APP, encoding="utf-8")
        with streamlit_server(script=script) as server:
            context = browser.new_context(viewport=VIEWPORT)
            try:
                page = context.new_page()
                page.goto(server.url + "/", wait_until="commit")
                page.wait_for_function(JS_EMPTY_PAINTED, timeout=120_000, polling="raf")
                painted = time.perf_counter()
            finally:
                context.close()
    return painted - server.started


def measure(browser: Any, runs: int, referrals: Path | None = None, label: str = "") -> list[Row]:
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in LINKS}
    empty: list[float] = []
    for _ in range(runs):
        empty.append(empty_first_paint(browser))
        for name, path in LINKS.items():
            results[name].append(one_cold_start(browser, path, referrals))
    rows = [timed_row("cold start", f"Empty app (one line){label}: start -> first paint", empty)]
    for name, runs_of_link in results.items():
        healthy = [r[0] for r in runs_of_link]
        shell = [r[1] for r in runs_of_link]
        chart = [r[2] for r in runs_of_link]
        note = (
            f"server healthy after {sorted(healthy)[len(healthy) // 2]:.2f} s, "
            f"app shell after {sorted(shell)[len(shell) // 2]:.2f} s (medians)"
        )
        limit = TARGET_S if referrals is None else None
        rows.append(timed_row("cold start", f"{name}{label}: start -> first chart", chart, limit=limit, note=note))
        ratios = [c / e for c, e in zip(chart, empty, strict=True)]
        rows.append(
            timed_row(
                "cold start",
                f"{name}{label}: first chart / empty app's first paint",
                ratios,
                unit="x",
                limit=TARGET_RATIO,
                note="each run paired with the empty app measured just before it",
            )
        )
    return rows
