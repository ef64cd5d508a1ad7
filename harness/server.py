"""`streamlit run` on a free localhost port, always stopped by its PID, and its memory.

with streamlit_server(referrals=Path("/tmp/big.parquet")) as server:
    ...  # server.url, server.pid, server.started (time.perf_counter() just before it was launched)
    peak_rss_mb(server.pid), cpu_seconds(server.pid)

streamlit_server(script=Path("/tmp/empty_app.py"))           # another script, started the same way
streamlit_server(env=config_env(["runner.postScriptGC=false"]))  # a Streamlit option changed
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

from prevent_explorer.paths import REPO_ROOT

LOG_DIR = REPO_ROOT / "test-artifacts" / "logs"  # server logs (gitignored)


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    started: float  # time.perf_counter() just before the process was started
    healthy: float  # time.perf_counter() when /_stcore/health first answered
    log: Path


def config_env(settings: list[str]) -> dict[str, str]:
    """Streamlit configuration options as the environment variables Streamlit reads, e.g.
    ["runner.postScriptGC=false"] -> {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"} (for what-if runs)."""
    env = {}
    for item in settings:
        key, sep, value = item.partition("=")
        if not sep or "." not in key:
            raise ValueError(f"expected section.option=value, got {item!r}")
        name = key.strip().replace(".", "_")
        name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name))
        env[f"STREAMLIT_{name.upper()}"] = value.strip()
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


APP_SCRIPT = "streamlit_app.py"


def _command(port: int, extra_args: list[str], script: str | Path = APP_SCRIPT) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    if extra_args:
        cmd += ["--", *extra_args]
    return cmd


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the server's PID, then SIGKILL to its process group (it leads its own session)."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextlib.contextmanager
def streamlit_server(
    referrals: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    log_dir: Path | None = None,
    extra_args: list[str] | None = None,
    script: str | Path = APP_SCRIPT,
) -> Iterator[Server]:
    """Start the app on 127.0.0.1 (a free port) and wait until it answers its health check.

    `referrals` is the app's `--referrals FILE` option; `extra_args` are further arguments for the app.
    `script` is another script to run the same way (e.g. an empty app, as a baseline)."""
    args = [*(["--referrals", str(referrals)] if referrals is not None else []), *(extra_args or [])]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = (log_dir or LOG_DIR) / f"server-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            _command(port, args, script),
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
        try:
            healthy = _wait_healthy(proc, url, started + timeout, log_path)
            yield Server(url, proc.pid, started, healthy, log_path)
        finally:
            stop(proc)


def _wait_healthy(proc: subprocess.Popen, url: str, deadline: float, log_path: Path) -> float:
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return time.perf_counter()
        except OSError:
            pass
        if time.perf_counter() > deadline:
            raise RuntimeError(f"streamlit did not become healthy; see {log_path}")
        time.sleep(0.05)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its descendants."""
    total = 0.0
    try:
        root = psutil.Process(pid)
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                total += times.user + times.system
    except psutil.Error:
        pass
    return total


def rss_mb(pid: int) -> float:
    """Current resident memory of the process and its children (MB)."""
    proc = psutil.Process(pid)
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
    return total / 1024 / 1024


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory so far (Linux VmHWM; else the current RSS), in MB."""
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return rss_mb(pid)


class MemoryWatch:
    """Samples a process's RSS in a background thread; `peak` also reads the kernel's high-water mark."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.interval = interval
        self.sampled_peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(psutil.Error):
                self.sampled_peak = max(self.sampled_peak, rss_mb(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    @property
    def peak(self) -> float:
        with contextlib.suppress(psutil.Error):
            return max(self.sampled_peak, peak_rss_mb(self.pid))
        return self.sampled_peak
