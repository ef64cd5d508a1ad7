"""Profile one page's rerun after a filter change with pyinstrument (the script thread, not AppTest).

    .venv/bin/python benchmarks/profile_page.py explorer             # text profile, 5 reruns
    .venv/bin/python benchmarks/profile_page.py overview --html /tmp/overview.html
    .venv/bin/python benchmarks/profile_page.py explorer --file benchmarks/results/cache/referrals_x150.parquet

Each rerun starts from cleared caches, as the page rerun benchmark does. AppTest runs the app's
script in a thread of its own; benchmarks/profiled_session.py runs the session script there with
the profiler this script hands it through the session state (documented API only).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from pyinstrument import Profiler

from benchmarks import rerun
from benchmarks.common import quiet_streamlit
from harness.apptest import open_app
from prevent_explorer.paths import REFERRALS_FILE_ENV

PROFILED_SESSION = str(Path(__file__).resolve().parent / "profiled_session.py")
PROFILER_KEY = "_benchmark_profiler"  # as in profiled_session.py
CHANGES = {change.page: change for change in rerun.PAGE_CHANGES}


def profile(page: str, runs: int) -> Profiler:
    change = CHANGES[page]
    profiler = Profiler(interval=0.0005)
    rerun.page_rerun(change)  # warm up imports and the database
    for _ in range(runs):
        st.cache_data.clear()
        at = open_app(page, timeout=120, script=PROFILED_SESSION)
        change.change(at)
        at.session_state[PROFILER_KEY] = profiler
        at.run()
        if at.exception:
            raise RuntimeError([e.value for e in at.exception])
    return profiler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", choices=sorted(CHANGES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--html", type=Path, default=None, help="write an HTML profile here instead of text")
    parser.add_argument("--file", type=Path, default=None, help="a referral-level file for the app")
    args = parser.parse_args(argv)
    quiet_streamlit()
    if args.file:
        os.environ[REFERRALS_FILE_ENV] = str(args.file)
    profiler = profile(args.page, args.runs)
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
        print(f"Written: {args.html}")
    else:
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
