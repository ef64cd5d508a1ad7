"""Vega-Lite specs of the app's charts, built once per distinct input and serialised once per chart.

Building an Altair chart and turning it into a Vega-Lite spec is most of a page's rerun (deep
copies of the chart objects, JSON-schema validation): tens of milliseconds per chart, profiled
with pyinstrument (see benchmarks/README.md). The chart builders are pure functions of their
inputs, so:

    @memoised
    def lines_chart(df, title, ...): ...          # the same inputs give the same chart object

    spec_of(chart)                                # its spec, computed once, data as Arrow bytes

A filter change then rebuilds only the charts whose inputs changed. The specs are not validated
again at run time: the builders' specs are validated in the test suite.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import altair as alt
import pandas as pd
from streamlit import dataframe_util

MAX_CHARTS = 256
F = TypeVar("F", bound=Callable[..., Any])
_LOCK = threading.RLock()
_charts: OrderedDict[str, Any] = OrderedDict()  # input fingerprint -> chart (the most recent last)
_specs: dict[int, dict[str, Any]] = {}  # id(chart) -> its spec, for the charts held in _charts


class Uncacheable(TypeError):
    """An argument the fingerprint cannot describe exactly: the chart is built without caching."""


def _update(h: Any, obj: Any) -> None:
    if isinstance(obj, pd.DataFrame):
        h.update(b"F" + repr((list(obj.columns), [str(t) for t in obj.dtypes], obj.shape)).encode())
        try:  # the values, index and columns as JSON (full float precision): ~0.3 ms for a chart's data
            h.update(obj.to_json(orient="split", date_format="iso", double_precision=15).encode())
        except (TypeError, ValueError, OverflowError) as err:  # a cell JSON cannot hold exactly
            raise Uncacheable(str(err)) from err
    elif isinstance(obj, pd.Series):
        _update(h, obj.to_frame())
    elif obj is None or isinstance(obj, (str, int, float, bool)):
        h.update(b"V" + repr((type(obj).__name__, obj)).encode())
    elif isinstance(obj, (list, tuple)):
        h.update(b"L" + str(len(obj)).encode())
        for item in obj:
            _update(h, item)
    elif isinstance(obj, dict):
        h.update(b"D" + str(len(obj)).encode())
        for key in sorted(obj, key=repr):
            _update(h, key)
            _update(h, obj[key])
    else:
        raise Uncacheable(type(obj).__name__)


def fingerprint(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        _update(h, part)
    return h.hexdigest()


def memoised(builder: F) -> F:
    """The same inputs (compared by content) give the same chart object; at most MAX_CHARTS are kept."""

    @functools.wraps(builder)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            key = builder.__qualname__ + fingerprint(list(args), kwargs)
        except Uncacheable:
            return builder(*args, **kwargs)
        with _LOCK:
            chart = _charts.get(key)
            if chart is not None:
                _charts.move_to_end(key)
                return chart
        chart = builder(*args, **kwargs)
        if chart is None:
            return None
        with _LOCK:
            _charts[key] = chart
            while len(_charts) > MAX_CHARTS:
                _key, old = _charts.popitem(last=False)
                _specs.pop(id(old), None)
        return chart

    return wrapper  # type: ignore[return-value]


def _serialise(chart: Any) -> dict[str, Any]:
    with _LOCK, alt.theme.enable("none"), alt.data_transformers.enable("default", max_rows=None):
        spec = chart.to_dict(validate=False)
    datasets = spec.get("datasets") or {}
    for name, values in list(datasets.items()):
        if isinstance(values, list):  # records -> Arrow IPC bytes, once (Streamlit sends bytes as they are)
            datasets[name] = dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame.from_records(values))
    return spec


def held() -> list[Any]:
    """The charts built so far and kept (the test suite validates each against the Vega-Lite schema)."""
    with _LOCK:
        return list(_charts.values())


def clear() -> None:
    """Forget every chart (benchmarks measure a first change; tests that need a clean slate)."""
    with _LOCK:
        _charts.clear()
        _specs.clear()


def spec_of(chart: Any) -> dict[str, Any]:
    """The chart's Vega-Lite spec (a copy the caller may change; the data are shared Arrow bytes)."""
    with _LOCK:
        spec = _specs.get(id(chart))
        held = spec is None and any(c is chart for c in reversed(_charts.values()))
    if spec is None:
        spec = _serialise(chart)
        if held:
            with _LOCK:
                if any(c is chart for c in _charts.values()):
                    _specs[id(chart)] = spec
    return copy.deepcopy(spec)
