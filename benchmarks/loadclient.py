"""Browserless load: N sessions speaking Streamlit's protocol (harness/streamlit_client.py) against
one `streamlit run` server, each changing a filter, a page choice or the page every few seconds.

    .venv/bin/python benchmarks/loadclient.py                                  # 10 sessions, 60 s, every 5 s
    .venv/bin/python benchmarks/loadclient.py --sessions 50 --duration 30 --json /tmp/load.json
    .venv/bin/python benchmarks/loadclient.py --sessions 1 --duration 30 --interval 2

No browser: the server's work is what is measured (the client's own CPU is reported beside it).
Each change is timed from the rerun message sent to the run's `script_finished`. Reports the
changes' p50/p95/max, the errors (a run not FINISHED_SUCCESSFULLY, an exception shown, a page not
found, a disconnect, no answer within 60 s), the server's CPU seconds during the load and its peak
memory. Loopback only, bounded (at most 200 sessions and 600 s); the server is started on a free
127.0.0.1 port and stopped by its PID. Exit code 1 if there was any error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.protocol_load import LoadResult, run_sessions
from harness.server import MemoryWatch, config_env, cpu_seconds, streamlit_server

MAX_SESSIONS = 200
MAX_DURATION = 600


@dataclass
class Measured:
    load: LoadResult
    server_cpu_s: float  # CPU seconds of the server during the load (after the sessions opened)
    client_cpu_s: float  # CPU seconds of this process (the client) during the load
    peak_rss_mb: float  # the server's peak resident memory (opening included)
    machine_load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at the start and end of the load

    def summary(self) -> dict[str, Any]:
        return {
            **self.load.summary(),
            "server_cpu_s": round(self.server_cpu_s, 1),
            "client_cpu_s": round(self.client_cpu_s, 1),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "machine_load": [round(x, 1) for x in self.machine_load],
        }


def measure(
    sessions: int,
    duration: float = 60,
    interval: float = 5,
    seed: int = 1,
    referrals: Path | None = None,
    log_dir: Path | None = None,
    cache: bool = True,
    server_config: list[str] | None = None,
) -> Measured:
    """Start a server, run the sessions against it, stop it. `server_config`: Streamlit options for
    the server (e.g. ["runner.postScriptGC=false"], to measure what an option would change)."""
    if not 1 <= sessions <= MAX_SESSIONS or not 1 <= duration <= MAX_DURATION or interval <= 0:
        raise ValueError(f"sessions must be 1..{MAX_SESSIONS}, duration 1..{MAX_DURATION} s, interval > 0")
    with (
        streamlit_server(
            referrals=referrals, timeout=120, log_dir=log_dir, env=config_env(server_config or [])
        ) as server,
        MemoryWatch(server.pid, interval=0.25) as memory,
    ):
        marks: dict[str, tuple[float, float, float]] = {}

        def mark(name: str) -> None:  # the server's CPU (with its children), this process's own, the machine's load
            marks[name] = (cpu_seconds(server.pid), time.process_time(), os.getloadavg()[0])

        load = asyncio.run(
            run_sessions(
                server.url,
                sessions,
                duration,
                interval,
                seed,
                cache=cache,
                on_load_start=lambda: mark("start"),
                on_load_end=lambda: mark("end"),
            )
        )
        start, end = marks.get("start", (0.0, 0.0, 0.0)), marks.get("end", (0.0, 0.0, 0.0))
        return Measured(load, end[0] - start[0], end[1] - start[1], memory.peak, (start[2], end[2]))


def print_summary(summary: dict[str, Any], errors: list[str]) -> None:
    def fmt(v: Any) -> str:
        return "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)

    print(
        f"{summary['sessions']} sessions x {summary['duration_s']:g} s, a change every {summary['interval_s']:g} s: "
        f"{summary['changes']} changes, {summary['errors']} errors"
    )
    print(
        f"  change -> script_finished: p50 {fmt(summary['change_p50_s'])} s, p95 {fmt(summary['change_p95_s'])} s, "
        f"max {fmt(summary['change_max_s'])} s"
    )
    kinds = ", ".join(
        f"{k} {summary[f'{k}_count']} (p50 {fmt(summary[f'{k}_p50_s'])} s)"
        for k in ("filter", "page_choice", "reset", "page_switch")
    )
    print(f"  by kind: {kinds.replace('_', ' ')}")
    print(
        f"  opening (before the load): {summary['sessions_opened']} sessions, p50 {fmt(summary['open_p50_s'])} s, "
        f"max {fmt(summary['open_max_s'])} s"
    )
    print(
        f"  server: {summary['server_cpu_s']} CPU s during the load, peak {summary['peak_rss_mb']:.0f} MB; "
        f"client: {summary['client_cpu_s']} CPU s, {summary['messages']} messages ({summary['megabytes']} MB)"
    )
    cpus = os.cpu_count()
    load = summary["machine_load"]
    print(f"  machine: load average {load[0]} at the start, {load[1]} at the end ({cpus} CPUs)")
    for err in errors[:20]:
        print("  ERROR", err)
    if len(errors) > 20:
        print(f"  ... and {len(errors) - 20} more errors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10, help=f"sessions (1..{MAX_SESSIONS})")
    parser.add_argument("--duration", type=float, default=60, help=f"seconds of load (1..{MAX_DURATION})")
    parser.add_argument("--interval", type=float, default=5, help="seconds between one session's changes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-cache", action="store_true", help="declare no cached messages (no ref_hash)")
    parser.add_argument("--file", type=Path, default=None, help="a referral-level file for the server (--referrals)")
    parser.add_argument(
        "--server-config", action="append", default=[], metavar="SECTION.OPTION=VALUE", help="a Streamlit option"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--log-dir", type=Path, default=None, help="where the server's log goes")
    args = parser.parse_args(argv)
    measured = measure(
        args.sessions,
        args.duration,
        args.interval,
        args.seed,
        args.file,
        args.log_dir,
        cache=not args.no_cache,
        server_config=args.server_config,
    )
    summary = measured.summary()
    print_summary(summary, measured.load.errors)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {**measured.load.as_dict(), "summary": summary}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 1 if measured.load.errors else 0


if __name__ == "__main__":
    sys.exit(main())
