"""Simulated Prevent Explorer users over Streamlit's protocol (harness/streamlit_client.py): N
sessions against one server, each changing something every few seconds.

    result = asyncio.run(run_sessions("http://127.0.0.1:8501", sessions=10, duration=60, interval=5, seed=1))
    result.summary()    # p50/p95/max seconds from a change to its script_finished, errors, ...

Each session opens a page of the registry (URL path and a query string, as a deep link would),
all sessions open first (a few at a time, not timed as load), then each acts every `interval`
seconds (at a random phase, so that they do not act in step) until `duration` has passed: it
changes a shared sidebar filter that the page applies (a type of concern, outcome, sector, age
group, gender or region added or removed; another year range; counts or percentages), changes a
choice of the page, resets the filters, or switches to another page. A user waits for the
change's run to finish before the next one. Every random choice comes from a generator seeded
with (seed, session), so a run can be repeated.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import statistics
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from harness.streamlit_client import ProtocolError, RunResult, StreamlitSession, Widget
from prevent_explorer.shell.registry import PAGES

T = TypeVar("T")


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: works beside a running event loop (the tests' synchronous
    Playwright keeps one on the main thread, where asyncio.run would refuse to start)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="protocol-sessions") as pool:
        return pool.submit(asyncio.run, coroutine).result()


MULTI_FILTER_KEYS = ("f_ideologies", "f_outcomes", "f_agencies", "f_age_groups", "f_genders", "f_regions")
YEARS_KEY, MODE_KEY, RESET_KEY = "f_years", "f_mode", "reset_filters"
# Links a visitor may arrive with (the app's own URL parameters; every one of them is valid).
START_QUERIES = (
    "",
    "",
    "ideology=islamist",
    "from=2018-19&ideology=islamist",
    "from=2019-20&to=2019-20&agency=police",
    "show=percent",
)
# What a user does at each step (weights); an action that is not possible on the page is skipped.
ACTIONS = (("filter", 0.6), ("page choice", 0.15), ("reset", 0.07), ("page switch", 0.18))


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


@dataclass
class LoadResult:
    sessions: int
    duration_s: float
    interval_s: float
    opens: list[float] = field(default_factory=list)  # seconds of each session's first run
    runs: list[tuple[str, float]] = field(default_factory=list)  # (action kind, seconds) during the load
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0  # seconds of the load (from the first action's phase to the last run's end)
    messages: int = 0  # ForwardMsgs received by all sessions (opening included)
    megabytes: float = 0.0

    def times(self, kind: str | None = None) -> list[float]:
        return [s for k, s in self.runs if kind is None or k == kind]

    def summary(self) -> dict[str, Any]:
        changes = self.times()
        out: dict[str, Any] = {
            "sessions": self.sessions,
            "duration_s": self.duration_s,
            "interval_s": self.interval_s,
            "sessions_opened": len(self.opens),
            "open_p50_s": percentile(self.opens, 50),
            "open_max_s": max(self.opens) if self.opens else None,
            "changes": len(changes),
            "errors": len(self.errors),
            "change_p50_s": percentile(changes, 50),
            "change_p95_s": percentile(changes, 95),
            "change_max_s": max(changes) if changes else None,
            "wall_s": round(self.wall_s, 1),
            "messages": self.messages,
            "megabytes": round(self.megabytes, 1),
        }
        for kind, _w in ACTIONS:
            values = self.times(kind)
            out[f"{kind.replace(' ', '_')}_count"] = len(values)
            out[f"{kind.replace(' ', '_')}_p50_s"] = percentile(values, 50)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"summary": self.summary(), **asdict(self)}


class User:
    """One session and the random choices of its user."""

    def __init__(self, n: int, url: str, seed: int, cache: bool, timeout: float) -> None:
        self.n = n
        self.rng = random.Random(seed * 100_003 + n)
        page = self.rng.choice(PAGES)
        path = "/" if page is PAGES[0] else f"/{page.key}"
        self.session = StreamlitSession(url, path, self.rng.choice(START_QUERIES), cache=cache, timeout=timeout)

    def label(self) -> str:
        s = self.session
        return f"session {self.n} on /{s.page}" + (f"?{s.query_string}" if s.query_string else "")

    def _enabled(self, keys: tuple[str, ...] | None = None, prefix: str = "") -> list[Widget]:
        return [
            w
            for k, w in self.session.widgets.items()
            if not w.disabled and ((keys is not None and k in keys) or (prefix and k.startswith(prefix)))
        ]

    def _new_value(self, widget: Widget) -> Any:
        """Another value for the widget, as a user would pick it."""
        rng, options = self.rng, widget.options
        current = self.session.value(widget.key or widget.id) or []
        if widget.kind == "slider":  # the year range (a select_slider)
            while True:
                pair = sorted(
                    rng.sample(range(len(options)), 2) if rng.random() < 0.8 else [rng.randrange(len(options))] * 2
                )
                value = [options[pair[0]], options[pair[1]]]
                if value != current:
                    return value
        if widget.multi:
            if current and (len(current) >= 2 or rng.random() < 0.4):
                return [v for v in current if v != rng.choice(current)]
            return [*current, rng.choice([o for o in options if o not in current])]
        if widget.kind == "checkbox":
            return not current
        chosen = current[0] if isinstance(current, list) and current else current
        return rng.choice([o for o in options if o != chosen] or options)

    def _possible(self) -> dict[str, Callable[[], Any]]:
        s = self.session
        filters = self._enabled(keys=(*MULTI_FILTER_KEYS, YEARS_KEY, MODE_KEY))
        choices = [
            w for w in self._enabled(prefix="page_") if w.kind in ("multiselect", "selectbox", "radio", "button_group")
        ]
        choices = [w for w in choices if len(w.options) > 1]
        possible: dict[str, Callable[[], Any]] = {}
        if filters:
            possible["filter"] = lambda: self._set(self.rng.choice(filters))
        if choices:
            possible["page choice"] = lambda: self._set(self.rng.choice(choices))
        if RESET_KEY in s.widgets and any(self.session.value(k) for k in MULTI_FILTER_KEYS if k in s.widgets):
            possible["reset"] = lambda: s.click(RESET_KEY)
        others = [p for p in s.pages if p != s.page]
        if others:
            possible["page switch"] = lambda: s.switch_page(self.rng.choice(others))
        return possible

    def _set(self, widget: Widget) -> Any:
        return self.session.set_widget(widget.key or widget.id, self._new_value(widget))

    async def act(self) -> tuple[str, RunResult] | None:
        possible = self._possible()
        kinds = [k for k, _w in ACTIONS if k in possible]
        if not kinds:
            return None
        kind = self.rng.choices(kinds, weights=[w for k, w in ACTIONS if k in possible])[0]
        return kind, await possible[kind]()


async def run_sessions(
    url: str,
    sessions: int,
    duration: float,
    interval: float = 5.0,
    seed: int = 1,
    *,
    cache: bool = True,
    timeout: float = 60.0,
    open_concurrency: int = 4,
    on_load_start: Callable[[], None] | None = None,
    on_load_end: Callable[[], None] | None = None,
) -> LoadResult:
    """Open `sessions` sessions, then let each act every `interval` s for `duration` s; close them.
    `on_load_start`/`on_load_end` are called when the load starts (all sessions open) and ends."""
    result = LoadResult(sessions=sessions, duration_s=duration, interval_s=interval)
    users = [User(n, url, seed, cache, timeout) for n in range(sessions)]
    gate = asyncio.Semaphore(open_concurrency)

    async def open_one(user: User) -> None:
        async with gate:
            opened = await user.session.open()
        if opened.ok:
            result.opens.append(opened.seconds)
        else:
            result.errors.extend(f"{user.label()}, opening: {e}" for e in opened.errors)

    async def load(user: User, deadline: float) -> None:
        if user.session.closed:
            return
        await asyncio.sleep(user.rng.uniform(0, interval))
        while time.monotonic() < deadline and not user.session.closed:
            next_at = time.monotonic() + interval
            where = user.label()
            try:
                done = await user.act()
            except ProtocolError as err:
                result.errors.append(f"{where}: {err}")
                done = None
            if done is not None:
                kind, run = done
                result.runs.append((kind, run.seconds))
                result.errors.extend(f"{where}, {run.action}: {e}" for e in run.errors)
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    try:
        await asyncio.gather(*(open_one(u) for u in users))
        if on_load_start:
            on_load_start()
        t = time.perf_counter()
        await asyncio.gather(*(load(u, time.monotonic() + duration) for u in users))
        result.wall_s = time.perf_counter() - t
        if on_load_end:
            on_load_end()
    finally:
        for user in users:
            with contextlib.suppress(Exception):
                await user.session.close()
        for user in users:
            # errors the sessions saw outside a timed run (e.g. a disconnect between two changes)
            result.errors.extend(f"{user.label()}: {e}" for e in user.session.errors if e.startswith("outside a run"))
            result.messages += user.session.messages_received
            result.megabytes += user.session.bytes_received / 1e6
    return result
