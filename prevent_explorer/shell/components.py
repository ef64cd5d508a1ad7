"""Building blocks the pages share: chart + data table + download, source lists, notes."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from prevent_explorer.present.export import Notes, Source, csv_bytes, zip_bytes
from prevent_explorer.present.formatting import KIND_LABELS, escape_markdown
from prevent_explorer.shell.briefing import image_downloads, record_chart
from prevent_explorer.shell.data import query


def display_table(df: pd.DataFrame, count_cols: Iterable[str] = (), percent_cols: Iterable[str] = ()) -> pd.DataFrame:
    """A copy for display and download, tidy: counts as whole numbers and shares as numbers (a gap
    is an empty cell, and the row's Status says what it is), dates as YYYY-MM-DD."""
    out = tidy(df)
    for col in count_cols:
        if col in out:
            out[col] = pd.to_numeric(out[col]).round().astype("Int64")
    for col in percent_cols:
        if col in out:
            out[col] = pd.to_numeric(out[col]).astype("Float64")
    return out


def chart_block(
    chart: dict[str, Any] | None,
    table: pd.DataFrame,
    *,
    key: str,
    title: str,
    filters_text: str,
    source_ids: Iterable[str] = (),
    notes: Sequence[str] = (),
    empty_message: str = "Nothing was published for these filters.",
    table_label: str = "Show the data behind this chart",
    expanded: bool = False,
) -> None:
    """A chart (its Vega-Lite spec, see shell/charts.py), its data as a table (the text
    alternative), a CSV download of exactly that table and PNG and SVG downloads of the chart
    (shell/briefing.py). The chart is recorded for the page's briefing."""
    if table.empty:
        st.info(empty_message)
        return
    ids = sorted({s for s in source_ids if isinstance(s, str) and s})
    if chart is not None:
        # the app's own chart theme (present/charts.py), not Streamlit's: as in the downloaded images
        st.vega_lite_chart(spec=chart, width="stretch", key=f"chart_{key}", theme=None)
        record_chart(chart, title, notes, ids)
    with st.expander(table_label, expanded=expanded):
        table_with_download(
            table, key=key, title=title, filters_text=filters_text, source_ids=ids, notes=notes, chart=chart
        )
        if ids:
            sources_list(ids)


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Dates as YYYY-MM-DD text and empty text cells as '' (not 'None'), for display and download alike."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").fillna("").astype("str")
        elif pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            missing = out[col].isna()
            if missing.any():
                out[col] = out[col].where(~missing, "")
    return out


def pretty(name: str) -> str:
    """'percent_of' -> 'Percent of' (column headings)."""
    text = str(name).replace("_", " ")
    return text[:1].upper() + text[1:]


def table_with_download(
    table: pd.DataFrame,
    *,
    key: str,
    title: str,
    filters_text: str,
    source_ids: Iterable[str] = (),
    notes: Sequence[str] = (),
    column_config: dict | None = None,
    label: str = "Download CSV",
    chart: dict[str, Any] | None = None,
) -> None:
    """A table and downloads of exactly its rows and columns: a tidy CSV, and a ZIP of that CSV with
    notes.md (title, filters, notes, sources); with the `chart` drawn from it, its PNG and SVG too."""
    table = tidy(table).rename(columns=pretty)
    config = {c: st.column_config.NumberColumn(format="localized") for c in table if str(table[c].dtype) == "Int64"}
    config |= {pretty(k): v for k, v in (column_config or {}).items()}
    box = st.container(key=f"table_{key}")  # the table and its download, found together by tests
    box.dataframe(table, hide_index=True, width="stretch", column_config=config or None)
    row = box.container(horizontal=True)
    ids = sorted(set(source_ids))
    # the files are made when a button is clicked (Streamlit's deferred download), not on every rerun
    row.download_button(
        label,
        data=functools.partial(csv_bytes, table),
        file_name=f"prevent-explorer-{key}.csv",
        mime="text/csv",
        on_click="ignore",
        key=f"download_{key}",
        help="A tidy table: the header row first, numbers as numbers, a Status for every gap",
    )
    row.download_button(
        "CSV with notes (ZIP)",
        data=functools.partial(_zip_with_notes, table, Notes(title, filters_text, tuple(notes)), tuple(ids)),
        file_name=f"prevent-explorer-{key}.zip",
        mime="application/zip",
        on_click="ignore",
        key=f"download_notes_{key}",
        help="data.csv and notes.md: the filters, what the view leaves out, what each status means, the sources",
    )
    if chart is not None:
        image_downloads(row, chart, key=key, source_ids=sorted(set(source_ids)))


def _zip_with_notes(table: pd.DataFrame, notes: Notes, source_ids: tuple[str, ...]) -> bytes:
    found = query("sources_by_id", source_ids=list(source_ids)) if source_ids else pd.DataFrame()
    sources = tuple(
        Source(str(r.title), str(r.publisher), r.url if isinstance(r.url, str) else "") for r in found.itertuples()
    )
    return zip_bytes(table, Notes(notes.title, notes.filters, notes.notes, sources))


def sources_list(source_ids: Iterable[str], heading: str = "Sources") -> None:
    ids = tuple(sorted({s for s in source_ids if isinstance(s, str) and s}))
    if ids:
        st.markdown(f"**{heading}**\n\n" + _sources_markdown(ids))


@st.cache_data(show_spinner=False, max_entries=1024)
def _sources_markdown(source_ids: tuple[str, ...]) -> str:
    """The sources as a Markdown list, made once per set of sources (most charts repeat theirs)."""
    lines = []
    for r in query("sources_by_id", source_ids=list(source_ids)).itertuples():
        date = "" if pd.isna(r.published) else f", {pd.Timestamp(r.published):%d %b %Y}"
        title = escape_markdown(str(r.title))
        link = f"[{title}]({r.url})" if isinstance(r.url, str) and r.url else title
        lines.append(f"- {link} — {escape_markdown(str(r.publisher))}{date} · *{KIND_LABELS.get(r.kind, r.kind)}*")
    return "\n".join(lines)


def notice_box(notices: Sequence[str]) -> None:
    if notices:
        st.warning(
            "**Some settings in this link could not be used and were ignored:**\n\n"
            + "\n".join(f"- {escape_markdown(n)}" for n in notices),
        )
