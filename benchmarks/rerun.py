"""Page rerun cost: AppTest run time of every page after a filter change, divided by the run time
of an empty Streamlit page measured just before it (pairs, so that ratios hold on a busy machine).

Each round clears the query and chart caches, then for each page: opens it (untimed), changes one
filter (a sidebar filter the page uses, or the page's own choice) and times that rerun. A changed
filter means new query parameters and new charts, so they miss the caches, as on a user's first
change (charts whose inputs did not change are reused, as in the app).

The empty page is measured two ways: its run in a new AppTest session (what `AppTest.run()` costs
for an empty script, ~50 ms, mostly AppTest's own set-up: the target's baseline) and its rerun
(~3 ms, the floor of any rerun; the ratio to it is reported for information).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.testing.v1 import AppTest

from harness.apptest import open_app

from .common import Row, summary, timed_row

TARGET_RATIO = 3.0
EMPTY_PAGE = "import streamlit as st\n"
# The app's frame without a page: data, shared sidebar filters and the URL (informational baseline).
APP_FRAME = """
import streamlit as st
from prevent_explorer.filters import ALL_FILTERS
from prevent_explorer.shell.data import database, filter_options
from prevent_explorer.shell.sidebar import filters, read_link, write_link
database()
options = filter_options()
read_link(options)
write_link(filters(options, ALL_FILTERS), options, {})
"""


@dataclass(frozen=True)
class PageChange:
    page: str  # page key (prevent_explorer/shell/registry.py)
    title: str
    change: Callable[[AppTest], object]  # set a widget (not yet run)
    what: str


def _sidebar(key: str, value: object) -> Callable[[AppTest], object]:
    return lambda at: at.multiselect(key=key).set_value(value)


PAGE_CHANGES = [
    PageChange("overview", "Overview", _sidebar("f_ideologies", ["Islamist"]), "type of concern"),
    PageChange("published", "Published figures", _sidebar("f_ideologies", ["Islamist"]), "type of concern"),
    PageChange("explorer", "Referral explorer", _sidebar("f_ideologies", ["Islamist"]), "type of concern"),
    PageChange(
        "recommendations",
        "Recommendations",
        lambda at: at.multiselect(key="page_agency").set_value(["Home Office"]),
        "agency addressed",
    ),
    PageChange(
        "data",
        "Data & methods",
        lambda at: at.button_group(key="page_definitions").set_value("sector"),
        "definitions shown",
    ),
]


def _open(page: str) -> AppTest:
    at = open_app(page, timeout=120)
    _check(at, page)
    return at


def _check(at: AppTest, page: str) -> None:
    if at.exception:
        raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")


def _timed_run(at: AppTest) -> float:
    t = time.perf_counter()
    at.run()
    return time.perf_counter() - t


def empty_runs(script: str = EMPTY_PAGE) -> tuple[float, float]:
    """(first run of a new session, rerun) of a script."""
    at = AppTest.from_string(script, default_timeout=120)
    first = _timed_run(at)
    return first, _timed_run(at)


def page_rerun(change: PageChange) -> float:
    at = _open(change.page)
    change.change(at)
    seconds = _timed_run(at)
    _check(at, change.page)
    return seconds


def measure(runs: int) -> list[Row]:
    empty_runs()  # warm up imports and the first AppTest
    for change in PAGE_CHANGES:
        page_rerun(change)
    first: list[float] = []
    again: list[float] = []
    frame: list[float] = []
    seconds: dict[str, list[float]] = {c.title: [] for c in PAGE_CHANGES}
    ratios: dict[str, list[float]] = {c.title: [] for c in PAGE_CHANGES}
    floor_ratios: dict[str, list[float]] = {c.title: [] for c in PAGE_CHANGES}
    for _ in range(runs):
        st.cache_data.clear()
        frame.append(empty_runs(APP_FRAME)[1])
        for change in PAGE_CHANGES:
            base, rerun = empty_runs()
            took = page_rerun(change)
            first.append(base)
            again.append(rerun)
            seconds[change.title].append(took)
            ratios[change.title].append(took / base)
            floor_ratios[change.title].append(took / rerun)
    section = "page rerun"
    rows = [
        Row(section, "empty page: run in a new AppTest session (baseline)", *summary(first), "s", len(first)),
        Row(section, "empty page: rerun (floor)", *summary(again), "s", len(again)),
        Row(section, "app frame rerun: data + sidebar filters + URL, no page", *summary(frame), "s", len(frame)),
    ]
    for change in PAGE_CHANGES:
        title = change.title
        rows.append(Row(section, f"{title}: rerun after {change.what} change", *summary(seconds[title]), "s", runs))
        rows.append(timed_row(section, f"{title}: / empty page run", ratios[title], "x", TARGET_RATIO, "paired runs"))
        rows.append(
            Row(section, f"{title}: / empty page rerun (information)", *summary(floor_ratios[title]), "x", runs)
        )
    return rows
