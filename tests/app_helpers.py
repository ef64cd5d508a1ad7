"""Helpers for driving the app through Streamlit's AppTest."""

from __future__ import annotations

import json
from collections.abc import Mapping

from streamlit.testing.v1 import AppTest

from prevent_explorer.paths import REPO_ROOT

APP = str(REPO_ROOT / "app_script.py")
PAGES = {
    "overview": "pages/overview.py",
    "published": "pages/published.py",
    "explorer": "pages/explorer.py",
    "recommendations": "pages/recommendations.py",
    "data": "pages/data.py",
}


def run_app(
    page: str | None = None, params: Mapping[str, str | list[str]] | None = None, timeout: float = 60
) -> AppTest:
    """Open the app (optionally on a page, as a deep link with URL parameters) and run it once."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page and page != "overview":
        at.switch_page(PAGES[page])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def url(at: AppTest) -> dict[str, list[str]]:
    """The app's URL parameters after the run, repeated keys as lists."""
    out: dict[str, list[str]] = {}
    for key, value in at.query_params.items():
        out[key] = list(value) if isinstance(value, (list, tuple)) else [value]
    return out


def chart_titles(at: AppTest) -> list[str]:
    titles = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec.get("title", {})
        titles.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return titles


def all_text(at: AppTest) -> str:
    parts = (
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [w.value for w in at.warning]
        + [i.value for i in at.info]
    )
    parts += [t.value for t in at.title] + [s.value for s in at.subheader]
    return "\n".join(parts)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _blocks(node):
    children = getattr(node, "children", None)
    if not children:
        return
    yield node
    for child in children.values():
        yield from _blocks(child)


def table(at: AppTest, key: str):
    """The DataFrame shown beside the download button `download_<key>` (the table_with_download pair)."""
    for block in _blocks(at._tree):
        last_frame = None
        for kid in block.children.values():
            kind = type(kid).__name__
            if kind == "Dataframe":
                last_frame = kid
            elif kind == "DownloadButton" and kid.key == f"download_{key}" and last_frame is not None:
                return last_frame.value
    raise AssertionError(
        f"no table beside download button {key!r}; buttons: {[b.key for b in at.get('download_button')]}"
    )
