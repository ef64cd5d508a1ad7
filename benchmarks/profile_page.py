"""Profile one page's rerun after a filter change with pyinstrument (the script thread, not AppTest).

    .venv/bin/python benchmarks/profile_page.py explorer             # text profile, 5 reruns
    .venv/bin/python benchmarks/profile_page.py overview --html /tmp/overview.html
    .venv/bin/python benchmarks/profile_page.py explorer --file benchmarks/results/cache/referrals_x150.parquet

Each rerun starts from cleared query and chart caches, as the page rerun benchmark does.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from pyinstrument import Profiler
from streamlit.runtime.scriptrunner import script_runner

from benchmarks import rerun
from benchmarks.common import quiet_streamlit
from prevent_explorer.paths import REFERRALS_FILE_ENV
from prevent_explorer.present import chart_specs

PAGE_NAMES = {"overview": 0, "published": 1, "explorer": 2, "recommendations": 3, "data": 4}


def profile(page: str, runs: int) -> Profiler:
    change = rerun.PAGE_CHANGES[PAGE_NAMES[page]]
    profiler = Profiler(interval=0.0005)
    state = {"on": False}
    original = script_runner.ScriptRunner._run_script

    def run_script(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not state["on"]:
            return original(self, *args, **kwargs)
        profiler.start()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.stop()

    script_runner.ScriptRunner._run_script = run_script  # type: ignore[method-assign]
    try:
        rerun.page_rerun(change)  # warm up imports and the database
        for _ in range(runs):
            st.cache_data.clear()
            chart_specs.clear()
            at = rerun._open(change.page)
            change.change(at)
            state["on"] = True
            at.run()
            state["on"] = False
    finally:
        script_runner.ScriptRunner._run_script = original  # type: ignore[method-assign]
    return profiler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", choices=sorted(PAGE_NAMES))
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
