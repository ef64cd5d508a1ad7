"""Shared bits of the benchmarks: where things live, timing statistics, the results table and files."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
CACHE_DIR = RESULTS_DIR / "cache"  # generated referral files (gitignored, never under data/)


@dataclass
class Row:
    """One line of the results table: a measured figure (median and max over `runs`)."""

    section: str
    item: str
    median: float
    max: float
    unit: str
    runs: int
    target: str = ""
    ok: bool | None = None  # the median meets the target (None: no target for this line)
    ok_max: bool | None = None  # every run (the max) meets it
    note: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row


def summary(values: Sequence[float]) -> tuple[float, float]:
    """(median, max) of a non-empty list of measurements."""
    return statistics.median(values), max(values)


def timed_row(
    section: str, item: str, values: Sequence[float], unit: str = "s", limit: float | None = None, note: str = ""
) -> Row:
    """A row of measurements with an optional target 'at most `limit`', judged on the median and on the max."""
    med, top = summary(values)
    if limit is None:
        return Row(section, item, med, top, unit, len(values), note=note)
    target = f"<= {limit:g}{'x' if unit == 'x' else ' ' + unit}"
    return Row(section, item, med, top, unit, len(values), target, med <= limit, top <= limit, note)


def min_row(section: str, item: str, values: Sequence[float], unit: str, floor: float, note: str = "") -> Row:
    """A row whose target is 'at least `floor`' (e.g. a speed-up): judged on the median and on the min."""
    med, _top = summary(values)
    low = min(values)
    return Row(
        section, item, med, max(values), unit, len(values), f">= {floor:g}{unit}", med >= floor, low >= floor, note
    )


def _met(ok: bool | None) -> str:
    return "" if ok is None else ("yes" if ok else "NO")


def quiet_streamlit() -> None:
    """Streamlit used outside `streamlit run` (AppTest, clearing its caches from the benchmark's own
    thread) logs 'No runtime found' and 'missing ScriptRunContext' warnings that mean nothing here:
    keep the output to what a person should read. Streamlit resets its loggers' levels whenever
    it reads its configuration again (each AppTest run), so warnings are turned off process-wide
    (the benchmarks print their results; errors still show)."""
    os.environ["STREAMLIT_LOGGER_LEVEL"] = "error"
    logging.disable(logging.WARNING)


def machine() -> dict[str, Any]:
    """CPU, memory and the versions the figures were measured with."""
    import altair
    import duckdb
    import pandas
    import psutil
    import pyarrow
    import streamlit

    try:
        from harness.browser import CHROMIUM

        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "not found"
    cpu_model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model or platform.processor(),
        "ram_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "streamlit": streamlit.__version__,
        "duckdb": duckdb.__version__,
        "pandas": pandas.__version__,
        "pyarrow": pyarrow.__version__,
        "altair": altair.__version__,
        "chromium": chromium,
    }


def _fmt(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    return f"{value:,.4g} {unit}".strip()


def table_lines(rows: Iterable[Row]) -> list[str]:
    """The results as a fixed-width text table (also valid Markdown)."""
    header = ["section", "item", "median", "max", "runs", "target", "met (median/all runs)", "note"]
    body = [
        [
            r.section,
            r.item,
            _fmt(r.median, r.unit),
            _fmt(r.max, r.unit),
            str(r.runs),
            r.target,
            "" if r.ok is None else f"{_met(r.ok)}/{_met(r.ok_max)}",
            r.note,
        ]
        for r in rows
    ]
    widths = [max(len(x) for x in col) for col in zip(header, *body, strict=False)]
    widths[-1] = 0  # the note is left ragged

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return [line(header), "|" + "|".join("-" * (w + 2) for w in widths[:-1]) + "|---|", *(line(b) for b in body)]


def write_results(report: Report, stem: str = "benchmark") -> tuple[Path, Path]:
    """Write the rows as JSON (with the machine details) and CSV under benchmarks/results/."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    json_path = RESULTS_DIR / f"{stem}-{stamp}.json"
    csv_path = RESULTS_DIR / f"{stem}-{stamp}.csv"
    payload = {"meta": report.meta, "rows": [asdict(r) for r in report.rows]}
    json_path.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(asdict(report.rows[0]).keys()) if report.rows else ["section"])
        writer.writeheader()
        for r in report.rows:
            writer.writerow(asdict(r))
    for path in (json_path, csv_path):
        latest = RESULTS_DIR / f"{stem}-latest{path.suffix}"
        latest.write_bytes(path.read_bytes())
    return json_path, csv_path
