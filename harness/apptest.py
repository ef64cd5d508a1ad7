"""Helpers for driving the app through Streamlit's AppTest."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from streamlit.testing.v1 import AppTest

from prevent_explorer.paths import REPO_ROOT
from prevent_explorer.shell.registry import PAGES as PAGE_SPECS
from prevent_explorer.shell.registry import page_spec

APP = str(REPO_ROOT / "prevent_explorer" / "shell" / "session.py")


def page_path(key: str, script: str = APP) -> str:
    """A page's script relative to the script AppTest runs (what AppTest.switch_page takes)."""
    return os.path.relpath(page_spec(key).script, Path(script).parent)


PAGES = {spec.key: page_path(spec.key) for spec in PAGE_SPECS}


def open_app(
    page: str | None = None,
    params: Mapping[str, str | list[str]] | None = None,
    timeout: float = 60,
    script: str = APP,
) -> AppTest:
    """A new session on `page` (as a deep link with these URL parameters), run once; exceptions are
    left on the AppTest for the caller to check."""
    at = AppTest.from_file(script, default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page and page != "overview":
        at.switch_page(page_path(page, script))
    at.run()
    return at


def run_app(
    page: str | None = None, params: Mapping[str, str | list[str]] | None = None, timeout: float = 60
) -> AppTest:
    """Open the app (optionally on a page, as a deep link with URL parameters); no exception allowed."""
    at = open_app(page, params, timeout)
    assert not at.exception, [e.value for e in at.exception]
    return at


def url(at: AppTest) -> dict[str, list[str]]:
    """The app's URL parameters after the run, repeated keys as lists."""
    out: dict[str, list[str]] = {}
    for key, value in at.query_params.items():
        out[key] = list(value) if isinstance(value, (list, tuple)) else [value]
    return out


def _text(value: object) -> str:
    """A chart title or subtitle as one string (the app wraps them into lists of lines)."""
    return " ".join(value) if isinstance(value, list) else str(value or "")


def chart_headings(at: AppTest) -> list[tuple[str, str]]:
    """(title, subtitle) of every titled chart drawn, each as one string."""
    out = []
    for chart in at.get("vega_lite_chart"):
        title = json.loads(chart.proto.spec).get("title")
        if isinstance(title, dict):
            out.append((_text(title.get("text")), _text(title.get("subtitle"))))
    return out


def chart_titles(at: AppTest) -> list[str]:
    return [title for title, _subtitle in chart_headings(at)]


def all_text(at: AppTest) -> str:
    parts = (
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [w.value for w in at.warning]
        + [i.value for i in at.info]
    )
    parts += [t.value for t in at.title] + [h.value for h in at.header] + [s.value for s in at.subheader]
    return "\n".join(parts)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table(at: AppTest, key: str):
    """The DataFrame of the table shown with its download as `table_<key>` (components.table_with_download)."""
    return at.get_by_key(f"table_{key}").dataframe[0].value
