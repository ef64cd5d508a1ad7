"""Profiling inside a real `streamlit run` server under load (benchmarks/profile_server.py).

The server runs benchmarks/profiled_app.py: the app's own session script, run by a session script
that wraps each run (benchmarks/profiled_app_session.py -> run_profiled) with
- the run's CPU time in its own thread (`time.thread_time`, not inflated by waiting for the GIL)
  and its wall time, appended to runs.jsonl in PREVENT_EXPLORER_PROFILE_DIR;
- the time spent in the garbage collector so far (every collection, timed by a gc callback;
  Streamlit runs a full collection after each script run, `runner.postScriptGC`), in each record;
- optionally (PREVENT_EXPLORER_PROFILE_PYINSTRUMENT=1, and while the file `profiling-on` exists
  in that folder) a pyinstrument profile of the run, in the script's thread; all profiled runs
  are combined and saved to profile.pyisession when the server stops.
The server's other threads (the event loop that sends the messages, DuckDB's workers) are measured
from outside, by their CPU times. Not part of the app; the app's code runs unchanged.
"""

from __future__ import annotations

import gc
import json
import os
import runpy
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from prevent_explorer.paths import REPO_ROOT

SESSION_SCRIPT = REPO_ROOT / "prevent_explorer" / "shell" / "session.py"
OUT_ENV = "PREVENT_EXPLORER_PROFILE_DIR"
PYINSTRUMENT_ENV = "PREVENT_EXPLORER_PROFILE_PYINSTRUMENT"
GC_FREEZE_ENV = "PREVENT_EXPLORER_PROFILE_GC_FREEZE"  # "1": gc.freeze() once the warm-up is done (what-if)
PROFILING_ON = "profiling-on"  # a file in the output folder: profile the runs while it exists

_lock = threading.Lock()
_sessions: list[Any] = []  # pyinstrument sessions of the runs
_gc = {"s": 0.0, "full": 0, "full_s": 0.0}  # time in the garbage collector (all collections; full ones)
_gc_started: dict[int, float] = {}


def _time_gc(phase: str, info: dict[str, Any]) -> None:
    """A gc callback: the CPU time of every collection (Streamlit runs a full one after each script run)."""
    me = threading.get_ident()
    if phase == "start":
        _gc_started[me] = time.thread_time()
        return
    took = time.thread_time() - _gc_started.pop(me, time.thread_time())
    _gc["s"] += took
    if info.get("generation") == 2:
        _gc["full"] += 1
        _gc["full_s"] += took


gc.callbacks.append(_time_gc)


def _out_dir() -> Path | None:
    value = os.environ.get(OUT_ENV)
    return Path(value) if value else None


def run_profiled() -> None:
    """Run the app's session script once, measured (and profiled if asked)."""
    profiler = None
    out = _out_dir()
    if os.environ.get(PYINSTRUMENT_ENV) == "1" and out is not None and (out / PROFILING_ON).exists():
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001, async_mode="disabled")
        profiler.start()
    wall, cpu = time.perf_counter(), time.thread_time()
    page, outcome = "", "finished"
    try:
        result = runpy.run_path(str(SESSION_SCRIPT), run_name="__main__")
        spec = result.get("spec")
        page = getattr(spec, "key", "")
    except BaseException as err:  # st.stop, a rerun request or an error: recorded, then passed on
        outcome = type(err).__name__
        raise
    finally:
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
        if profiler is not None:
            profiler.stop()
        record = {"t": time.time(), "page": page, "cpu_s": cpu, "wall_s": wall, "outcome": outcome}
        record |= {"gc_s": _gc["s"], "gc_full": _gc["full"], "gc_full_s": _gc["full_s"]}  # so far, in the process
        record["profiled"] = profiler is not None
        with _lock:
            if profiler is not None and profiler.last_session is not None:
                _sessions.append(profiler.last_session)
            if out is not None:
                with (out / "runs.jsonl").open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(record) + "\n")


def save_profile() -> None:
    out = _out_dir()
    with _lock:
        if out is None or not _sessions:
            return
        from pyinstrument.session import Session

        combined = _sessions[0]
        for s in _sessions[1:]:
            combined = Session.combine(combined, s)
        combined.save(str(out / "profile.pyisession"))


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    from prevent_explorer.shell.warmup import start_warming_up  # as streamlit_app.py does

    warm_up = start_warming_up()
    if os.environ.get(GC_FREEZE_ENV) == "1":
        # what-if: move everything alive after the warm-up (modules, data) out of the collector's sight
        threading.Thread(target=lambda: (warm_up.join(), gc.collect(), gc.freeze()), daemon=True).start()
    try:
        yield
    finally:
        save_profile()
