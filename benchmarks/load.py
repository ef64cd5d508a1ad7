"""Concurrent sessions: N browser sessions (Playwright contexts in one headless Chromium) against one
`streamlit run` server for a fixed time, each changing filters and switching pages.

    .venv/bin/python benchmarks/load.py                                   # 20 sessions for 60 s
    .venv/bin/python benchmarks/load.py --sessions 5 --duration 10 --json /tmp/load.json

Loopback only and bounded: at most 50 sessions and 600 s; the server is started on a free
127.0.0.1 port and stopped by its PID. Reports the errors (uncaught page errors, exceptions shown
by the app, waits that timed out), the time from a change to the updated chart (p50/p95), the
time of page switches, and the server's peak memory. Exit code 1 if there was any error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    JS_CHART_TEXT,
    JS_EXCEPTIONS,
    JS_MENU_CLOSED,
    JS_SETTLED,
    PAGE_HEADINGS,
    VIEWPORT,
)
from harness.server import MemoryWatch, cpu_seconds, streamlit_server
from prevent_explorer.filters import FilterState, describe

MAX_SESSIONS = 50
MAX_DURATION = 600
WAIT_S = 60.0  # longest wait for one change before it counts as an error
OPEN_S = 300.0  # longest wait for a session to open (all of them open at once before the load starts)
IDEOLOGIES = ("Islamist", "Extreme right-wing", "Mixed, unclear or unstable")  # published every year
FILTER_PAGES = ("Overview", "Published figures", "Referral explorer")
JS_DIAGNOSIS = """() => ({
    url: location.pathname + location.search,
    rendered: !!document.querySelector('.st-key-app-rendered'),
    stale: document.querySelectorAll('[data-stale="true"]').length,
    titles: Array.from(document.querySelectorAll('[data-testid=stVegaLiteChart] text'))
        .map(t => t.textContent).filter(t => t.includes('(')).slice(0, 4),
})"""


@dataclass
class LoadReport:
    sessions: int
    duration_s: float
    opens: list[float] = field(default_factory=list)  # seconds to open the app (all sessions at once)
    changes: list[float] = field(default_factory=list)  # seconds from a filter change to the updated chart
    switches: list[float] = field(default_factory=list)  # seconds from a page switch to the page finished
    errors: list[str] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    wall_s: float = 0.0
    server_cpu_s: float = 0.0  # CPU seconds of the server during the load (after the sessions opened)
    client_cpu_s: float = 0.0  # CPU seconds of this script, Playwright and Chromium during the load

    @staticmethod
    def _pct(values: list[float], q: float) -> float | None:
        if not values:
            return None
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]

    def summary(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "duration_s": self.duration_s,
            "wall_s": round(self.wall_s, 1),
            "sessions_opened": len(self.opens),
            "open_p50_s": self._pct(self.opens, 50),
            "open_max_s": max(self.opens) if self.opens else None,
            "filter_changes": len(self.changes),
            "page_switches": len(self.switches),
            "errors": len(self.errors),
            "change_p50_s": self._pct(self.changes, 50),
            "change_p95_s": self._pct(self.changes, 95),
            "switch_p50_s": self._pct(self.switches, 50),
            "switch_p95_s": self._pct(self.switches, 95),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "server_cpu_s": round(self.server_cpu_s, 1),
            "client_cpu_s": round(self.client_cpu_s, 1),
        }


def expected_title(page_name: str, chosen: list[str], years: tuple[str, str]) -> str | None:
    """A fragment of a chart title that shows the current ideology filter on this page (None: no chart)."""
    if page_name == "Overview":
        return f"Referrals by type of concern ({', '.join(chosen) or 'all types of concern'})"
    if page_name == "Published figures":
        return f"Referrals by type of concern ({', '.join(chosen) or 'all categories'})"
    if page_name == "Referral explorer":
        state = FilterState(year_from=years[0], year_to=years[1], ideologies=tuple(chosen))
        return f"Referral outcomes ({describe(state)})"
    if page_name == "Recommendations":
        return "Recommendations by agency addressed and status"
    return None


class Session:
    def __init__(self, n: int, browser: Any, url: str, years: tuple[str, str], report: LoadReport, seed: int):
        self.n = n
        self.browser = browser
        self.url = url
        self.years = years
        self.report = report
        self.rng = random.Random(seed * 1000 + n)
        self.page: Any = None
        self.where = "Overview"
        self.step = "opening the app"
        self.chosen: list[str] = []

    def error(self, text: str) -> None:
        self.report.errors.append(f"session {self.n} on {self.where}, {self.step}: {text}")

    async def shown(self, wait: float = WAIT_S) -> None:
        """Wait until the current page shows the current filters and has finished its run."""
        fragment = expected_title(self.where, self.chosen, self.years)
        if fragment is not None:
            await self.page.wait_for_function(JS_CHART_TEXT, arg=fragment, timeout=wait * 1000, polling=100)
        await self.page.wait_for_function(JS_SETTLED, timeout=wait * 1000, polling=100)
        if await self.page.evaluate(JS_EXCEPTIONS):
            self.error("the app shows an exception")

    async def switch_page(self) -> None:
        target = self.rng.choice([p for p in PAGE_HEADINGS if p != self.where])
        self.step = f"switching to {target}"
        t = time.perf_counter()
        await self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=target).click()
        self.where = target
        await self.page.get_by_role("heading", name=PAGE_HEADINGS[target]).first.wait_for(timeout=WAIT_S * 1000)
        await self.shown()
        self.report.switches.append(time.perf_counter() - t)

    async def change_filter(self) -> None:
        if self.chosen and (len(self.chosen) >= 2 or self.rng.random() < 0.3):
            self.step = "resetting the filters"
            t = time.perf_counter()
            await self.page.get_by_role("button", name="Reset filters").click()
            self.chosen = []
        else:
            value = self.rng.choice([v for v in IDEOLOGIES if v not in self.chosen])
            self.step = f"choosing {value} after {self.chosen}"
            box = self.page.get_by_test_id("stMultiSelect").filter(has_text="Type of concern")
            await box.locator("input").click()  # the text input: the middle of the box may be a chip's remove button
            option = self.page.get_by_role("option", name=value, exact=True)
            await option.wait_for(timeout=WAIT_S * 1000)
            t = time.perf_counter()
            await option.click()
            self.chosen.append(value)
        await self.shown()
        self.report.changes.append(time.perf_counter() - t)
        await self.page.keyboard.press("Escape")
        await self.page.wait_for_function(JS_MENU_CLOSED, timeout=WAIT_S * 1000)

    async def diagnosis(self) -> str:
        """What the page showed when a wait failed (for the error message)."""
        try:
            return str(await self.page.evaluate(JS_DIAGNOSIS))
        except Exception as err:
            return f"(no diagnosis: {type(err).__name__})"

    async def open(self) -> None:
        """Open the app in a new browser context (not timed as load: the sessions open first)."""
        self.context = await self.browser.new_context(viewport=VIEWPORT)
        t = time.perf_counter()
        try:
            self.page = await self.context.new_page()
            self.page.on("pageerror", lambda e: self.error(f"uncaught page error: {e}"))
            await self.page.goto(self.url + "/", timeout=OPEN_S * 1000)
            await self.shown(OPEN_S)
            self.report.opens.append(time.perf_counter() - t)
        except Exception as err:
            self.error(f"{type(err).__name__}: {str(err).splitlines()[0][:200]}")
            self.page = None

    async def run(self, deadline: float) -> None:
        if self.page is None:
            return
        try:
            while time.monotonic() < deadline:
                try:
                    if self.where in FILTER_PAGES and self.rng.random() < 0.7:
                        await self.change_filter()
                    else:
                        await self.switch_page()
                except Exception as err:  # a timeout or a vanished element: count it and start again
                    self.error(f"{type(err).__name__}: {str(err).splitlines()[0][:200]}; {await self.diagnosis()}")
                    self.where, self.chosen = "Overview", []
                    await self.page.goto(self.url + "/", timeout=WAIT_S * 1000)
                    await self.shown()
        except Exception as err:
            self.error(f"{type(err).__name__}: {str(err).splitlines()[0][:200]}")


async def _run_sessions(
    url: str, sessions: int, duration: float, years: tuple[str, str], seed: int, server_pid: int
) -> LoadReport:
    from playwright.async_api import async_playwright

    report = LoadReport(sessions=sessions, duration_s=duration)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            group = [Session(n, browser, url, years, report, seed) for n in range(sessions)]
            await asyncio.wait_for(asyncio.gather(*(s.open() for s in group)), timeout=OPEN_S + 30)
            cpu = cpu_seconds(server_pid), cpu_seconds(os.getpid())
            deadline = time.monotonic() + duration
            await asyncio.wait_for(asyncio.gather(*(s.run(deadline) for s in group)), timeout=duration + 4 * WAIT_S)
            report.server_cpu_s = cpu_seconds(server_pid) - cpu[0]
            report.client_cpu_s = cpu_seconds(os.getpid()) - cpu[1]
        finally:
            await browser.close()  # closes every context
    return report


def _years() -> tuple[str, str]:
    from prevent_explorer.database import open_database

    db = open_database(load_referrals=False)
    try:
        years = list(db.query("years")["year"])
    finally:
        db.con.close()
    return years[0], years[-1]


def run_load(
    sessions: int = 20, duration: float = 60, referrals: Path | None = None, seed: int = 1, log_dir: Path | None = None
) -> LoadReport:
    """Start a server, run the sessions against it, stop it; the report includes its peak memory."""
    if not 1 <= sessions <= MAX_SESSIONS or not 1 <= duration <= MAX_DURATION:
        raise ValueError(f"sessions must be 1..{MAX_SESSIONS} and duration 1..{MAX_DURATION} s")
    years = _years()
    with (
        streamlit_server(referrals=referrals, timeout=120, log_dir=log_dir) as server,
        MemoryWatch(server.pid) as memory,
    ):
        t = time.perf_counter()
        report = asyncio.run(_run_sessions(server.url, sessions, duration, years, seed, server.pid))
        report.wall_s = time.perf_counter() - t
        report.peak_rss_mb = memory.peak
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20, help=f"browser sessions (1..{MAX_SESSIONS})")
    parser.add_argument("--duration", type=float, default=60, help=f"seconds of load (1..{MAX_DURATION})")
    parser.add_argument("--file", type=Path, default=None, help="a referral-level file for the server (--referrals)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    parser.add_argument("--log-dir", type=Path, default=None, help="where the server's log goes")
    args = parser.parse_args(argv)
    report = run_load(args.sessions, args.duration, args.file, args.seed, args.log_dir)
    summary = report.summary()
    for key, value in summary.items():
        print(f"{key:>16}: {value:.3f}" if isinstance(value, float) else f"{key:>16}: {value}")
    for err in report.errors[:20]:
        print("ERROR", err)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"summary": summary, **asdict(report)}, indent=2) + "\n", encoding="utf-8")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
