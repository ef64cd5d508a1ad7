"""Scale: a synthetic referral-level file of ~10 million rows (written outside data/).

- every explorer query on DuckDB against the same aggregation in plain pandas, side by side;
- a full AppTest rerun of the Referral explorer for five typical filter changes;
- the same five changes end to end in Chromium against `streamlit run -- --referrals FILE`
  (click -> updated chart), with the server's memory.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import streamlit as st
from streamlit.testing.v1 import AppTest

from harness.apptest import APP, PAGES
from harness.browser import VIEWPORT, close_dropdown, exceptions_shown, visit_pages, wait_chart_text, wait_settled
from harness.server import MemoryWatch, rss_mb, streamlit_server
from prevent_explorer import paths
from prevent_explorer.database import Database, open_database
from prevent_explorer.filters import FilterState, year_to_url
from prevent_explorer.paths import REFERRALS_FILE_ENV
from prevent_explorer.queries import get as get_query

from . import pandas_queries as pdq
from .changes import CHANGES, chart_title, states
from .common import CACHE_DIR, REPO_ROOT, Row, min_row, timed_row

CHANGE_TARGET_S = 1.0
SPEEDUP_TARGET = 5.0


def ensure_file(rows: int) -> tuple[Path, int, float | None]:
    """The synthetic file with at least `rows` rows (the demo times a whole scale; generated once and
    kept in benchmarks/results/cache, never under data/)."""
    demo_rows = pq.ParquetFile(paths.demo_referrals_file()).metadata.num_rows
    scale = max(1, math.ceil(rows / demo_rows))
    path = CACHE_DIR / f"referrals_x{scale}.parquet"
    took = None
    if not path.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.parquet")
        t = time.perf_counter()
        cmd = [sys.executable, "-m", "prevent_explorer.referrals.synthetic", "--scale", str(scale), "--out", str(tmp)]
        subprocess.run(cmd, cwd=REPO_ROOT, check=True, capture_output=True)
        took = time.perf_counter() - t
        tmp.rename(path)
    return path, pq.ParquetFile(path).metadata.num_rows, took


# --------------------------------------------------------------------------------------------
# DuckDB against pandas
# --------------------------------------------------------------------------------------------
Params = dict[str, Any]


def _no_outcome(p: Params) -> Params:
    return {k: v for k, v in p.items() if k != "outcomes"}


QUERIES: dict[str, tuple[Callable[[Params], Params], Callable[[Any, Params], Any]]] = {
    "referral_funnel": (_no_outcome, pdq.funnel),
    "referral_total": (lambda p: p, pdq.total),
    "referral_heatmap": (lambda p: p, pdq.heatmap),
    "referral_trend": (lambda p: {**p, "by": "ideology"}, lambda df, p: pdq.trend(df, p, "ideology")),
    "referral_breakdown": (lambda p: {**p, "by": "outcome"}, lambda df, p: pdq.breakdown(df, p, "outcome")),
}


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def _same_counts(name: str, sql: Any, pandas: Any) -> None:
    if int(sql["referrals"].sum()) != int(pandas["referrals"].sum()) or len(sql) != len(pandas):
        raise AssertionError(f"{name}: DuckDB and pandas disagree ({len(sql)} vs {len(pandas)} rows)")


RAW = "matching_referrals_raw"


def _raw_macro(db: Database) -> None:
    """The shared filter over the raw rows (each row counting 1), as the queries ran before the rows
    were counted per combination at load time: for comparison only, on the benchmark's own database."""
    text = (paths.QUERIES_DIR / "_referral_macros.sql").read_text(encoding="utf-8")
    macro = text[text.index("CREATE OR REPLACE MACRO") :]
    macro = macro.replace("matching_referrals(", f"{RAW}(", 1).replace("SELECT *", "SELECT *, 1 AS n", 1)
    db.con.execute(macro.replace("FROM referral_cells", "FROM referrals", 1))


def _raw_query(db: Database, name: str, params: Params) -> Any:
    sql = get_query(name).sql.replace("matching_referrals(", f"{RAW}(")
    cur = db.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def measure_queries(db: Database, base: FilterState, runs: int) -> list[Row]:
    """Every explorer query for each of the five filter states: the app's DuckDB queries (on the counted
    cells), the same SQL on the raw rows, and plain pandas on the raw rows (text columns, and categorical)."""
    _raw_macro(db)
    t0 = time.perf_counter()
    plain = pdq.referral_frame(db)
    to_pandas = time.perf_counter() - t0
    t0 = time.perf_counter()
    categorical = plain.astype("category")
    to_category = time.perf_counter() - t0
    engines = {"DuckDB": None, "DuckDB, raw rows": "raw", "pandas (str)": plain, "pandas (category)": categorical}
    times: dict[tuple[str, str], list[float]] = {(q, e): [] for q in QUERIES for e in engines}
    per_change: dict[str, list[float]] = {e: [] for e in engines}
    for state in states(base):
        for _ in range(runs):
            totals = dict.fromkeys(engines, 0.0)
            for name, (shape, in_pandas) in QUERIES.items():
                params = shape(state.sql_params())
                took, sql = _timed(lambda name=name, params=params: db.query(name, **params))
                times[(name, "DuckDB")].append(took)
                totals["DuckDB"] += took
                for engine, frame in engines.items():
                    if frame is None:
                        continue
                    if isinstance(frame, str):
                        took, out = _timed(lambda name=name, params=params: _raw_query(db, name, params))
                    else:
                        took, out = _timed(lambda frame=frame, params=params, f=in_pandas: f(frame, params))
                    _same_counts(name, sql, out)
                    times[(name, engine)].append(took)
                    totals[engine] += took
            for engine, took in totals.items():
                per_change[engine].append(took)
    rows: list[Row] = []
    section = "scale: queries"
    for name in [*QUERIES, "all five (one filter change)"]:
        series = per_change if name.startswith("all") else {e: times[(name, e)] for e in engines}
        for engine in engines:
            rows.append(timed_row(section, f"{name}: {engine}", series[engine]))
        for engine in ("pandas (str)", "pandas (category)"):
            ratios = [p / d for p, d in zip(series[engine], series["DuckDB"], strict=True)]
            rows.append(min_row(section, f"{name}: DuckDB speed-up vs {engine}", ratios, "x", SPEEDUP_TARGET))
        raw = [p / d for p, d in zip(series["pandas (category)"], series["DuckDB, raw rows"], strict=True)]
        note = "information: the same SQL over the raw rows, as before the rows were counted at load"
        rows.append(timed_row(section, f"{name}: raw-row DuckDB speed-up vs pandas (category)", raw, "x", note=note))
    rows.append(Row(section, "DuckDB table -> pandas DataFrame (Arrow)", to_pandas, to_pandas, "s", 1))
    rows.append(Row(section, "pandas str -> category", to_category, to_category, "s", 1))
    return rows


# --------------------------------------------------------------------------------------------
# The whole page through AppTest
# --------------------------------------------------------------------------------------------
@contextmanager
def referrals_file(path: Path):
    """Point the app (in this process) at a referral file; restore the bundled demo afterwards."""
    old = os.environ.get(REFERRALS_FILE_ENV)
    os.environ[REFERRALS_FILE_ENV] = str(path)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(REFERRALS_FILE_ENV, None)
        else:
            os.environ[REFERRALS_FILE_ENV] = old
        st.cache_resource.clear()
        st.cache_data.clear()


def _explorer(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=600)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(PAGES["explorer"])
    at.run()
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return at


def measure_apptest(path: Path, years: tuple[str, ...], runs: int) -> list[Row]:
    section = "scale: page rerun (AppTest)"
    times: list[list[float]] = [[] for _ in CHANGES]
    with referrals_file(path):
        load, _at = _timed(lambda: _explorer({}))
        for r in range(runs):
            st.cache_data.clear()  # every change below is a cache miss
            at = _explorer({"from": year_to_url(years[r % (len(years) - 1)])})
            for i, change in enumerate(CHANGES):
                value = [*at.multiselect(key=change.key).value, change.value]
                at.multiselect(key=change.key).set_value(value)
                took, _ = _timed(at.run)
                if at.exception:
                    raise RuntimeError([e.value for e in at.exception])
                times[i].append(took)
    rows = [Row(section, "first run: load + validate the file, then the page", load, load, "s", 1)]
    for i, change in enumerate(CHANGES):
        rows.append(
            timed_row(section, f"change {i + 1}: + {change.label} = {change.value}", times[i], limit=CHANGE_TARGET_S)
        )
    return rows


# --------------------------------------------------------------------------------------------
# End to end in the browser
# --------------------------------------------------------------------------------------------
def browser_changes(page: Any, base: FilterState) -> list[float]:
    """Apply the five changes in the sidebar; seconds from each click to the updated chart."""
    out = []
    for change, state in zip(CHANGES, states(base), strict=True):
        box = page.get_by_test_id("stMultiSelect").filter(has_text=change.label)
        box.locator("input").click()
        option = page.get_by_role("option", name=change.value, exact=True)
        option.wait_for()
        t = time.perf_counter()
        option.click()
        wait_chart_text(page, chart_title(state), timeout=120)
        wait_settled(page, timeout=120)
        out.append(time.perf_counter() - t)
        close_dropdown(page)
        if exceptions_shown(page):
            raise RuntimeError("the page shows an exception")
    return out


def measure_browser(browser: Any, path: Path | None, years: tuple[str, ...], runs: int, label: str) -> list[Row]:
    """The five changes end to end, plus the server's memory (at start, after loading, peak)."""
    section = f"scale: end to end ({label})"
    times: list[list[float]] = [[] for _ in CHANGES]
    with streamlit_server(referrals=path, timeout=120) as server, MemoryWatch(server.pid) as memory:
        at_start = rss_mb(server.pid)
        first = None
        for r in range(runs):
            base = FilterState(year_from=years[r % (len(years) - 1)], year_to=years[-1])
            context = browser.new_context(viewport=VIEWPORT)
            try:
                page = context.new_page()
                t = time.perf_counter()
                page.goto(f"{server.url}/explorer?from={year_to_url(base.year_from)}")
                wait_chart_text(page, chart_title(base), timeout=600)
                wait_settled(page, timeout=600)
                if first is None:
                    first = time.perf_counter() - t
                    loaded = rss_mb(server.pid)
                for i, took in enumerate(browser_changes(page, base)):
                    times[i].append(took)
                if r == 0:
                    visit_pages(page)
            finally:
                context.close()
        peak = memory.peak
    rows = [Row(section, "first page load (the server loads the file)", first or 0, first or 0, "s", 1)]
    for i, change in enumerate(CHANGES):
        rows.append(
            timed_row(section, f"change {i + 1}: + {change.label} = {change.value}", times[i], limit=CHANGE_TARGET_S)
        )
    memory_section = "memory (server RSS)"
    rows += [
        Row(memory_section, f"{label}: after start, before any visit", at_start, at_start, "MB", 1),
        Row(memory_section, f"{label}: after the first page load", loaded, loaded, "MB", 1),
        Row(
            memory_section,
            f"{label}: peak over the session",
            peak,
            peak,
            "MB",
            1,
            note=f"{runs} explorer visits x 5 changes, and every page once",
        ),
    ]
    return rows


def open_scaled(path: Path) -> tuple[Database, float]:
    took, db = _timed(lambda: open_database(referrals_file=path))
    return db, took
