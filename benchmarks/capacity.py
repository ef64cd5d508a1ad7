"""Capacity: how many concurrent sessions one server serves with changes answered in <= 1 s (p95).

    .venv/bin/python benchmarks/capacity.py                      # 1, 10, 25, 50, 100 sessions x 60 s
    .venv/bin/python benchmarks/capacity.py --quick              # 1, 10, 25 sessions x 20 s
    .venv/bin/python benchmarks/capacity.py --sessions 25,50 --duration 30 --json /tmp/capacity.json

For each number of sessions N, a new server (`streamlit run`, a free 127.0.0.1 port, stopped by its
PID) and N browserless sessions (benchmarks/loadclient.py, harness/streamlit_client.py): they open
first, then each changes a random filter, page choice or page every 5 s (seeded) for the duration.
Per N: p50/p95/max seconds from the change sent to its run's `script_finished`, errors, the
server's CPU seconds during the load and its peak memory. The capacity is the largest N with
p95 <= 1 s and 0 errors; the target is 50 sessions. Exit code 1 if the target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Row
from benchmarks.loadclient import measure

SESSIONS = (1, 10, 25, 50, 100)
QUICK_SESSIONS = (1, 10, 25)
LIMIT_S = 1.0  # p95 of a change
TARGET_SESSIONS = 50
COLUMNS = (
    "sessions",
    "changes",
    "p50 s",
    "p95 s",
    "max s",
    "errors",
    "server CPU s",
    "peak MB",
    "client CPU s",
    "machine load",
)


def measure_all(
    sessions: tuple[int, ...] = SESSIONS,
    duration: float = 60,
    interval: float = 5,
    seed: int = 1,
    log_dir: Path | None = None,
    server_config: list[str] | None = None,
) -> list[dict[str, Any]]:
    """One summary per N (see benchmarks/loadclient.py), with up to 10 of its errors."""
    out = []
    for n in sessions:
        print(f"[{time.strftime('%H:%M:%S')}] capacity: {n} sessions x {duration:g} s ...", flush=True)
        measured = measure(n, duration, interval, seed, log_dir=log_dir, server_config=server_config)
        out.append({**measured.summary(), "first_errors": measured.load.errors[:10]})
    return out


def meets(summary: dict[str, Any]) -> bool:
    p95 = summary["change_p95_s"]
    return summary["errors"] == 0 and p95 is not None and p95 <= LIMIT_S


def capacity(results: list[dict[str, Any]]) -> int:
    """The largest N that meets the limit (0 if none)."""
    return max((r["sessions"] for r in results if meets(r)), default=0)


def table_lines(results: list[dict[str, Any]]) -> list[str]:
    def fmt(v: Any) -> str:
        return "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)

    body = [
        [
            str(r["sessions"]),
            str(r["changes"]),
            fmt(r["change_p50_s"]),
            fmt(r["change_p95_s"]),
            fmt(r["change_max_s"]),
            str(r["errors"]),
            f"{r['server_cpu_s']:.1f}",
            f"{r['peak_rss_mb']:.0f}",
            f"{r['client_cpu_s']:.1f}",
            "-".join(f"{x:.1f}" for x in r["machine_load"]),
        ]
        for r in results
    ]
    widths = [max(len(x) for x in col) for col in zip(COLUMNS, *body, strict=True)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return [line(list(COLUMNS)), "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|", *(line(b) for b in body)]


def rows(results: list[dict[str, Any]], duration: float, interval: float) -> list[Row]:
    """The results as rows of the benchmark table (benchmarks/run.py)."""
    section = f"capacity: a change every {interval:g} s for {duration:g} s"
    out = []
    for r in results:
        n, p50, p95 = r["sessions"], r["change_p50_s"] or 0.0, r["change_p95_s"] or 0.0
        note = (
            f"max {r['change_max_s'] or 0:.2f} s, {r['changes']} changes, {r['errors']} errors; "
            f"server {r['server_cpu_s']:.0f} CPU s, peak {r['peak_rss_mb']:.0f} MB; client {r['client_cpu_s']:.0f} CPU s; "
            f"machine load {'-'.join(f'{x:.1f}' for x in r['machine_load'])}"
        )
        is_target = n == TARGET_SESSIONS
        ok = meets(r) if is_target else None
        label = f"{n} session{'' if n == 1 else 's'}: change -> finished, p50 / p95"
        target = f"p95 <= {LIMIT_S:g} s, 0 errors" if is_target else ""
        out.append(Row(section, label, p50, p95, "s", 1, target, ok, ok, note))
    best = capacity(results)
    tried = max(r["sessions"] for r in results)
    out.append(
        Row(
            section,
            f"capacity: most sessions with p95 <= {LIMIT_S:g} s and 0 errors (of {', '.join(str(r['sessions']) for r in results)})",
            best,
            best,
            "sessions",
            1,
            f">= {TARGET_SESSIONS} sessions" if tried >= TARGET_SESSIONS else "",
            best >= TARGET_SESSIONS if tried >= TARGET_SESSIONS else None,
            best >= TARGET_SESSIONS if tried >= TARGET_SESSIONS else None,
        )
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=f"{', '.join(map(str, QUICK_SESSIONS))} sessions x 20 s")
    parser.add_argument("--sessions", default=None, help="comma-separated numbers of sessions (default 1,10,25,50,100)")
    parser.add_argument("--duration", type=float, default=None, help="seconds of load per N (default 60; quick 20)")
    parser.add_argument("--interval", type=float, default=5, help="seconds between one session's changes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--server-config",
        action="append",
        default=[],
        metavar="SECTION.OPTION=VALUE",
        help="a Streamlit option for the servers (what-if runs, e.g. runner.postScriptGC=false)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--log-dir", type=Path, default=None, help="where the servers' logs go")
    args = parser.parse_args(argv)
    sessions = (
        tuple(int(x) for x in args.sessions.split(",")) if args.sessions else QUICK_SESSIONS if args.quick else SESSIONS
    )
    duration = args.duration or (20 if args.quick else 60)
    results = measure_all(sessions, duration, args.interval, args.seed, args.log_dir, args.server_config)
    if args.server_config:
        print(f"\nServer options changed: {', '.join(args.server_config)}")
    print(
        f"\nCapacity: each session changes a filter, a page choice or the page every {args.interval:g} s for {duration:g} s"
    )
    print("\n".join(table_lines(results)))
    best = capacity(results)
    print(
        "(machine load: the 1-minute load average at the start and the end of the load; the machine has "
        f"{os.cpu_count()} CPUs, and anything else running on it slows the server down)"
    )
    print(
        f"\nLargest number of sessions with p95 <= {LIMIT_S:g} s and 0 errors: {best or 'none'} (target {TARGET_SESSIONS})"
    )
    for r in results:
        for err in r["first_errors"][:3]:
            print(f"  {r['sessions']} sessions: ERROR {err}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"duration_s": duration, "interval_s": args.interval, "results": results}, indent=2) + "\n",
            encoding="utf-8",
        )
    return 0 if best >= TARGET_SESSIONS else 1


if __name__ == "__main__":
    sys.exit(main())
