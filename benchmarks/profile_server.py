"""Where a `streamlit run` server's time goes under load: browserless sessions (harness/protocol_load.py)
against the app run with each session run measured (benchmarks/server_profiler.py).

    .venv/bin/python benchmarks/profile_server.py --sessions 25 --duration 30
    .venv/bin/python benchmarks/profile_server.py --sessions 5 --duration 30 --pyinstrument --html /tmp/server.html

Reports the server's CPU seconds during the load split into: the script runs (each run's CPU time
in its own thread), the event loop thread (websockets, the message queue, protobuf serialisation)
and the rest (DuckDB's worker threads, threads that ended); then the CPU and wall time per run by
page. With --pyinstrument, a profile of the script runs (in their threads, all runs combined):
the call tree and the functions with the most time of their own. Profiling slows the runs down.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil

from benchmarks.server_profiler import GC_FREEZE_ENV, OUT_ENV, PROFILING_ON, PYINSTRUMENT_ENV
from harness.protocol_load import run_sessions
from harness.server import config_env, cpu_seconds, streamlit_server

PROFILED_APP = Path(__file__).resolve().parent / "profiled_app.py"


def thread_cpu(pid: int) -> dict[int, float]:
    with contextlib.suppress(psutil.Error):
        return {t.id: t.user_time + t.system_time for t in psutil.Process(pid).threads()}
    return {}


def profile(
    sessions: int,
    duration: float,
    interval: float,
    seed: int,
    pyinstrument: bool,
    out: Path,
    server_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    env = {OUT_ENV: str(out), PYINSTRUMENT_ENV: "1" if pyinstrument else "0", **(server_env or {})}
    marks: dict[str, Any] = {}
    with streamlit_server(script=PROFILED_APP, env=env, timeout=120, log_dir=out) as server:

        def mark(name: str) -> None:
            import time

            marks[name] = {"t": time.time(), "cpu": cpu_seconds(server.pid), "threads": thread_cpu(server.pid)}
            flag = out / PROFILING_ON  # profile the runs of the load, not the sessions' first runs
            if name == "start":
                flag.touch()
            else:
                flag.unlink(missing_ok=True)

        load = asyncio.run(
            run_sessions(
                server.url,
                sessions,
                duration,
                interval,
                seed,
                timeout=180,
                on_load_start=lambda: mark("start"),
                on_load_end=lambda: mark("end"),
            )
        )
    start, end = marks["start"], marks["end"]
    runs = [json.loads(line) for line in (out / "runs.jsonl").read_text(encoding="utf-8").splitlines()]
    # the runs that ended during the load (a run's record is written when it ends)
    during = [r for r in runs if start["t"] <= r["t"] <= end["t"]]
    main_thread = end["threads"].get(server.pid, 0.0) - start["threads"].get(server.pid, 0.0)
    total = end["cpu"] - start["cpu"]
    script = sum(r["cpu_s"] for r in during)
    by_page: dict[str, dict[str, float]] = {}
    for page in sorted({r["page"] for r in during}):
        rs = [r for r in during if r["page"] == page]
        by_page[page or "(stopped early)"] = {
            "runs": len(rs),
            "cpu_ms_mean": 1000 * statistics.fmean(r["cpu_s"] for r in rs),
            "wall_ms_median": 1000 * statistics.median(r["wall_s"] for r in rs),
        }
    before = [r for r in runs if r["t"] < start["t"]]
    gc_start = before[-1] if before else {"gc_s": 0.0, "gc_full": 0, "gc_full_s": 0.0}
    gc_end = during[-1] if during else gc_start
    grown = {tid: cpu - start["threads"].get(tid, 0.0) for tid, cpu in end["threads"].items() if tid != server.pid}
    return {
        "long_lived_threads_cpu_s": sorted((round(v, 2) for v in grown.values() if v > 0.05), reverse=True),
        "load": load.summary(),
        "errors": load.errors[:10],
        "server_cpu_s": total,
        "script_runs": len(during),
        "profiled_runs": sum(1 for r in runs if r.get("profiled")),
        "script_cpu_s": script,
        "event_loop_cpu_s": main_thread,
        "other_cpu_s": total - script - main_thread,
        "gc_s": gc_end["gc_s"] - gc_start["gc_s"],  # up to the last run's end (its own collection comes after)
        "gc_full": gc_end["gc_full"] - gc_start["gc_full"],
        "gc_full_s": gc_end["gc_full_s"] - gc_start["gc_full_s"],
        "by_page": by_page,
    }


def print_report(r: dict[str, Any]) -> None:
    load, n = r["load"], max(1, r["script_runs"])
    print(
        f"{load['sessions']} sessions x {load['duration_s']:g} s: {load['changes']} changes, {load['errors']} errors, "
        f"p50 {load['change_p50_s'] or 0:.3f} s, p95 {load['change_p95_s'] or 0:.3f} s"
    )
    total = r["server_cpu_s"] or 1.0
    print(f"Server CPU during the load: {r['server_cpu_s']:.1f} s for {r['script_runs']} script runs")
    for label, key in (
        ("script runs (in their threads)", "script_cpu_s"),
        ("event loop thread", "event_loop_cpu_s"),
        ("other (threads before/after runs)", "other_cpu_s"),
    ):
        print(f"  {label:<34} {r[key]:6.1f} s  {100 * r[key] / total:4.0f}%  {1000 * r[key] / n:6.1f} ms per run")
    full = max(1, r["gc_full"])
    print(
        f"  garbage collection, in any thread  {r['gc_s']:6.1f} s  {100 * r['gc_s'] / total:4.0f}%  "
        f"{1000 * r['gc_s'] / n:6.1f} ms per run; {r['gc_full']} full collections of "
        f"{1000 * r['gc_full_s'] / full:.0f} ms CPU each (Streamlit's runner.postScriptGC: one after every run)"
    )
    print(f"  threads alive at both ends, besides the event loop (CPU s): {r['long_lived_threads_cpu_s']}")
    print("Per run, by page:          runs   CPU ms (mean)   wall ms (median)")
    for page, v in r["by_page"].items():
        print(f"  {page:<24} {v['runs']:5d}   {v['cpu_ms_mean']:13.0f}   {v['wall_ms_median']:16.0f}")
    for err in r["errors"]:
        print("ERROR", err)


# Where a function's own time goes, by where its code lives (the first match wins).
AREAS = (
    ("the app: pages/", "/pages/"),
    ("the app: prevent_explorer/", "/prevent_explorer/"),
    ("Altair, jsonschema", "/altair/"),
    ("Altair, jsonschema", "/jsonschema"),
    ("Altair, jsonschema", "/referencing/"),
    ("pandas, numpy", "/pandas/"),
    ("pandas, numpy", "/numpy/"),
    ("pyarrow", "/pyarrow/"),
    ("DuckDB", "duckdb"),
    ("Streamlit: caching and hashing", "/streamlit/runtime/caching/"),
    ("Streamlit: elements, protobuf, session", "/streamlit/"),
    ("protobuf", "/google/protobuf/"),
    ("other libraries", "/site-packages/"),
    ("Python standard library", "/lib/python3"),
)


def area(file_path: str | None) -> str:
    path = file_path or ""
    return next((name for name, part in AREAS if part in path), "other (built-ins, C code)")


def aggregate(session: Any) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Seconds of own time by area and by function, and cumulative seconds by function (each
    function counted once per call stack), over all the profiled runs."""
    own_area: dict[str, float] = {}
    own_fn: dict[str, float] = {}
    cum_fn: dict[str, float] = {}

    def walk(frame: Any, stack: frozenset[str], owner: Any) -> None:
        if frame.is_synthetic_leaf:  # "[self]" and the like: time of the enclosing frame itself
            name = f"{owner.function}  {owner.file_path_short}:{owner.line_no}" if owner else "?"
            own_fn[name] = own_fn.get(name, 0.0) + frame.time
            a = area(owner.file_path if owner else None)
            own_area[a] = own_area.get(a, 0.0) + frame.time
            return
        name = f"{frame.function}  {frame.file_path_short}:{frame.line_no}"
        if name not in stack:
            cum_fn[name] = cum_fn.get(name, 0.0) + frame.time
        for child in frame.children:
            walk(child, stack | {name}, frame)

    root = session.root_frame()
    if root is not None:
        walk(root, frozenset(), None)
    return own_area, own_fn, cum_fn


def print_profile(path: Path, html: Path | None, top: int, runs: int) -> None:
    from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer
    from pyinstrument.session import Session

    session = Session.load(str(path))
    if html:
        html.write_text(HTMLRenderer().render(session), encoding="utf-8")
        print(f"Written: {html}")
    own_area, own_fn, cum_fn = aggregate(session)
    total = sum(own_area.values()) or 1.0
    n = max(1, runs)
    print(f"\nProfiled script runs: {total:.1f} s (wall, in the script threads) for {runs} runs")
    print("Own time by area:")
    for name, t in sorted(own_area.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<42} {100 * t / total:5.1f}%  {1000 * t / n:6.1f} ms per run")
    print(f"Functions with the most own time (top {top}):")
    for name, t in sorted(own_fn.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {100 * t / total:5.1f}%  {1000 * t / n:6.1f} ms/run  {name}")
    print(f"Functions with the most time including their calls (top {top}):")
    for name, t in sorted(cum_fn.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {100 * t / total:5.1f}%  {1000 * t / n:6.1f} ms/run  {name}")
    if html is None:
        tree = ConsoleRenderer(unicode=False, color=False, show_all=False, time="percent_of_total")
        print(tree.render(session))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--interval", type=float, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pyinstrument", action="store_true", help="also profile the script runs")
    parser.add_argument("--html", type=Path, default=None, help="write the pyinstrument profile as HTML here")
    parser.add_argument("--top", type=int, default=30, help="functions listed by their own time")
    parser.add_argument(
        "--server-config", action="append", default=[], metavar="SECTION.OPTION=VALUE", help="a Streamlit option"
    )
    parser.add_argument(
        "--gc-freeze", action="store_true", help="what-if: gc.freeze() in the server once the data are loaded"
    )
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None, help="keep the runs, the profile and the server log here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="profile-server-") as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        (out / "runs.jsonl").unlink(missing_ok=True)
        report = profile(
            args.sessions,
            args.duration,
            args.interval,
            args.seed,
            args.pyinstrument,
            out,
            {**config_env(args.server_config), **({GC_FREEZE_ENV: "1"} if args.gc_freeze else {})},
        )
        print_report(report)
        if args.json:
            args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        if args.pyinstrument:
            path = out / "profile.pyisession"
            if path.exists():
                print_profile(path, args.html, args.top, report["profiled_runs"])
            else:
                print("No profile was saved (the server did not stop cleanly).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
