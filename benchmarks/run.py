"""Prevent Explorer benchmarks: one command, one table (also written as JSON and CSV).

    .venv/bin/python benchmarks/run.py                 # everything, 10 million rows, 5 runs each
    .venv/bin/python benchmarks/run.py --quick         # 2 runs, 1 million rows, a short load test
    .venv/bin/python benchmarks/run.py --only rerun,scale --rows 2000000 --runs 3
    .venv/bin/python benchmarks/run.py --only capacity --capacity-sessions 1,10,25 --capacity-duration 30

Sections: rerun (AppTest page rerun cost against an empty page), cold (cold start to the first
chart in Chromium, and its ratio to an empty app's first paint), scale (DuckDB against pandas on
the big file; AppTest and end-to-end filter changes; server memory with the bundled data and the
big file), own (your own file), load (concurrent browser sessions, run as `benchmarks/load.py` in
its own process), capacity (1 to 100 browserless sessions speaking Streamlit's protocol,
`benchmarks/capacity.py`: the change times, the server's CPU and memory, the largest number of
sessions answered within 1 s at p95). The big file is generated once into
benchmarks/results/cache/ (never under data/). Results: benchmarks/results/benchmark-*.{json,csv}.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import capacity, coldstart, own_file, rerun, scale
from benchmarks.common import REPO_ROOT, RESULTS_DIR, Report, Row, machine, quiet_streamlit, table_lines, write_results
from harness.browser import chromium
from prevent_explorer.database import open_database
from prevent_explorer.filters import FilterState

SECTIONS = ("rerun", "cold", "scale", "own", "load", "capacity")


def _years() -> tuple[str, ...]:
    db = open_database(load_referrals=False)
    try:
        return tuple(db.query("years")["year"])
    finally:
        db.con.close()


def run_scale(report: Report, rows: int, runs: int, browser_runs: int) -> None:
    path, actual, generated = scale.ensure_file(rows)
    report.meta["scale_file"] = {"path": str(path), "rows": actual, "generated_in_s": generated}
    label = f"{actual:,} rows"
    years = _years()
    db, load = scale.open_scaled(path)
    report.add(Row("scale: queries", f"load + validate {label} (open_database)", load, load, "s", 1))
    for row in scale.measure_queries(db, FilterState(year_from=years[0], year_to=years[-1]), runs):
        report.add(row)
    db.con.close()
    del db
    gc.collect()
    for row in scale.measure_apptest(path, years, runs):
        report.add(row)
    with chromium() as browser:
        for row in scale.measure_browser(browser, None, years, browser_runs, "bundled demo (66,904 rows)"):
            report.add(row)
        for row in scale.measure_browser(browser, path, years, browser_runs, label):
            report.add(row)


def run_cold(report: Report, runs: int) -> None:
    with chromium() as browser:
        report.rows.extend(coldstart.measure(browser, runs))


def run_section(report: Report, name: str, fn: Callable[[], None]) -> None:
    """Run one section; a failure is reported as a row (and its traceback printed), the others still run."""
    print(f"[{time.strftime('%H:%M:%S')}] {name} ...", flush=True)
    try:
        fn()
    except Exception as err:
        traceback.print_exc()
        report.add(Row(name, f"FAILED: {type(err).__name__}: {str(err).splitlines()[0][:150]}", 0, 0, "", 0, ok=False))


def run_load(report: Report, sessions: int, duration: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "load.json"
        cmd = [sys.executable, str(REPO_ROOT / "benchmarks" / "load.py")]
        cmd += ["--sessions", str(sessions), "--duration", str(duration), "--json", str(out)]
        subprocess.run(cmd, cwd=REPO_ROOT, check=False, timeout=duration + 900)
        data = json.loads(out.read_text(encoding="utf-8"))
    s = data["summary"]
    section = f"load: {sessions} sessions x {duration:g} s"
    errors = s["errors"]
    report.add(
        Row(section, "errors", errors, errors, "", 1, "0", errors == 0, errors == 0, "; ".join(data["errors"][:3]))
    )
    for key, item in (("changes", "filter change -> updated chart"), ("switches", "page switch -> page finished")):
        values = data[key]
        if values:
            p50, p95 = (
                s[f"{key[:-1] if key == 'changes' else 'switch'}_p50_s"],
                s[f"{key[:-1] if key == 'changes' else 'switch'}_p95_s"],
            )
            report.add(Row(section, f"{item} (p50, p95 in the max column)", p50, p95, "s", len(values)))
    report.add(
        Row(
            section,
            "sessions opening at once (p50, max)",
            s["open_p50_s"] or 0,
            s["open_max_s"] or 0,
            "s",
            s["sessions_opened"],
        )
    )
    report.add(Row(section, "server peak RSS", s["peak_rss_mb"], s["peak_rss_mb"], "MB", 1))
    note = "CPU seconds during the load (server / this script + Chromium)"
    report.add(Row(section, "CPU: server, clients", s["server_cpu_s"], s["client_cpu_s"], "s", 1, note=note))


def run_capacity(report: Report, sessions: tuple[int, ...], duration: float) -> None:
    interval = 5.0
    results = capacity.measure_all(sessions, duration, interval, log_dir=RESULTS_DIR / "logs")
    report.meta["capacity"] = results
    report.rows.extend(capacity.rows(results, duration, interval))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--quick", action="store_true", help="2 runs, 1 million rows, load 5 sessions x 10 s, capacity 1/10/25 x 20 s"
    )
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement (default 5; quick 2)")
    parser.add_argument("--rows", type=int, default=None, help="rows of the big file (default 10,000,000)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--sessions", type=int, default=None, help="load: browser sessions (default 20)")
    parser.add_argument("--duration", type=float, default=None, help="load: seconds (default 60)")
    parser.add_argument(
        "--capacity-sessions",
        default=None,
        help="capacity: comma-separated sessions (default 1,10,25,50,100; quick 1,10,25)",
    )
    parser.add_argument(
        "--capacity-duration", type=float, default=None, help="capacity: seconds per N (default 60; quick 20)"
    )
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 5)
    rows = args.rows or (1_000_000 if args.quick else 10_000_000)
    sessions = args.sessions or (5 if args.quick else 20)
    duration = args.duration or (10 if args.quick else 60)
    capacity_sessions = (
        tuple(int(x) for x in args.capacity_sessions.split(","))
        if args.capacity_sessions
        else capacity.QUICK_SESSIONS
        if args.quick
        else capacity.SESSIONS
    )
    capacity_duration = args.capacity_duration or (20 if args.quick else 60)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")

    quiet_streamlit()
    report = Report(meta={"machine": machine(), "args": vars(args) | {"runs": runs, "rows": rows}})
    started = time.perf_counter()
    sections: dict[str, Callable[[], None]] = {
        "rerun": lambda: report.rows.extend(rerun.measure(runs)),
        "cold": lambda: run_cold(report, runs),
        "scale": lambda: run_scale(report, rows, runs, browser_runs=max(2, runs - 2)),
        "own": lambda: report.rows.extend(own_file.measure(runs)),
        "load": lambda: run_load(report, sessions, duration),
        "capacity": lambda: run_capacity(report, capacity_sessions, capacity_duration),
    }
    for name in SECTIONS:
        if name in only:
            run_section(report, name, sections[name])
    report.meta["took_s"] = round(time.perf_counter() - started, 1)

    m = report.meta["machine"]
    print(
        f"\nPrevent Explorer benchmarks — {m['cpus']} CPUs ({m['cpu_model']}), {m['ram_gb']} GB RAM, "
        f"Python {m['python']}, Streamlit {m['streamlit']}, DuckDB {m['duckdb']}, pandas {m['pandas']}; "
        f"took {report.meta['took_s']} s\n"
    )
    print("\n".join(table_lines(report.rows)))
    json_path, csv_path = write_results(report)
    print(f"\nWritten: {json_path.relative_to(REPO_ROOT)}, {csv_path.relative_to(REPO_ROOT)}")
    missed = [r for r in report.rows if r.ok is False or r.ok_max is False]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
