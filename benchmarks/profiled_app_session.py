"""Each session's run of benchmarks/profiled_app.py: the app's session script, measured."""

from benchmarks.server_profiler import run_profiled

run_profiled()
