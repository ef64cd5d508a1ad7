"""Downloads for meetings: each chart as PNG or SVG, and a page's view as a PDF briefing.

    image_downloads(row, spec, key="overview_trend", source_ids=ids)    # components.chart_block does this
    briefing_download("Prevent referrals at a glance, 2024/25", cards=cards, cells=cells, sentences=...)

Every chart that `chart_block` draws is recorded for the run (`record_chart`): the briefing, made
at the end of the page, holds exactly the charts the page drew. The record belongs to the run's
page context (shell/context.py), so a rerun or another page starts a new one.

Files are made when their button is clicked (Streamlit's deferred download, on a thread of its
own), never on a rerun: a rerun only keeps plain values (the spec, the source ids, the page's
cards and sentences). The sources are read then, from the database itself (shell.data.database;
its queries run on cursors of their own), so a rerun pays for nothing it does not show.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from prevent_explorer.database import Database
from prevent_explorer.filters import MULTI_FILTERS, FilterState, describe_years
from prevent_explorer.present import briefing, headline, images
from prevent_explorer.present.gaps import STATES as GAP_STATES
from prevent_explorer.resolver import Cells, resolve
from prevent_explorer.shell.context import PageContext, page_context
from prevent_explorer.shell.data import database


@dataclass(frozen=True)
class DrawnChart:
    spec: dict[str, Any]
    title: str
    notes: tuple[str, ...]
    source_ids: tuple[str, ...]


# (the run's page context, the charts drawn in that run)
_DRAWN: ContextVar[tuple[PageContext, list[DrawnChart]] | None] = ContextVar("prevent_explorer_drawn", default=None)


def _context() -> PageContext | None:
    try:
        return page_context()
    except RuntimeError:  # not inside a page run (e.g. a component drawn on its own)
        return None


def record_chart(spec: dict[str, Any], title: str, notes: Sequence[str], source_ids: Iterable[str]) -> None:
    """Remember a chart drawn in this run, for the page's briefing."""
    ctx = _context()
    if ctx is None:
        return
    current = _DRAWN.get()
    if current is None or current[0] is not ctx:
        current = (ctx, [])
        _DRAWN.set(current)
    current[1].append(DrawnChart(spec, title, tuple(notes), tuple(source_ids)))


def drawn_charts() -> list[DrawnChart]:
    """The charts drawn so far in this run, in order."""
    current = _DRAWN.get()
    return list(current[1]) if current is not None and current[0] is _context() else []


def _sources(db: Database, source_ids: Iterable[str]) -> pd.DataFrame:
    """The sources with these ids, official ones first (read when a file is made, not on a rerun)."""
    ids = sorted({s for s in source_ids if isinstance(s, str) and s})
    if not ids:
        return pd.DataFrame(columns=["source_id", "title", "publisher", "published", "url", "kind", "note"])
    return db.query("sources_by_id", source_ids=ids)


def _labels(rows: pd.DataFrame) -> list[str]:
    return [f"{r.publisher}, {r.title}" for r in rows.itertuples()]


def _png(db: Database, spec: dict[str, Any], source_ids: Sequence[str]) -> bytes:
    labels = _labels(_sources(db, source_ids))
    return images.chart_png(spec, images.source_line(labels, dt.date.today()))  # dated when made


def _svg(db: Database, spec: dict[str, Any], source_ids: Sequence[str]) -> str:
    labels = _labels(_sources(db, source_ids))
    return images.chart_svg(spec, images.source_line(labels, dt.date.today()))


def image_downloads(row: Any, spec: dict[str, Any], *, key: str, source_ids: Sequence[str]) -> None:
    """'Download PNG' and 'Download SVG' of exactly this chart, with its title, notes and sources,
    in `row` (a container, beside the chart's CSV download)."""
    db, ids = database(), tuple(source_ids)
    name = f"prevent-explorer-{key}"
    row.download_button(
        "Download PNG",
        data=functools.partial(_png, db, spec, ids),
        file_name=f"{name}.png",
        mime="image/png",
        on_click="ignore",
        key=f"png_{key}",
        help=f"The chart as a picture for slides ({images.WIDTH * images.PNG_SCALE} pixels wide), with its sources",
    )
    row.download_button(
        "Download SVG",
        data=functools.partial(_svg, db, spec, ids),
        file_name=f"{name}.svg",
        mime="image/svg+xml",
        on_click="ignore",
        key=f"svg_{key}",
        help="The chart as a vector drawing (SVG), sharp at any size, with its sources",
    )


# ------------------------------------------------------------------------------------------------
# The briefing of a page
# ------------------------------------------------------------------------------------------------
def filter_statements(ctx: PageContext) -> list[str]:
    """One statement per filter the page can use ('Type of concern: all'), then what it does not use."""
    state = ctx.state
    out = [f"Years: {describe_years(state)}"]
    for field_name, _key, label, _dim in MULTI_FILTERS:
        if field_name in ctx.page.honours:
            chosen = state.selected(field_name)
            out.append(f"{label.split(' (')[0]}: {', '.join(chosen) if chosen else 'all'}")
    if "value_mode" in ctx.page.honours:
        out.append("Shown as: " + ("counts" if ctx.value == "count" else "percentages"))
    out.append(ctx.page.filters_sentence(ctx.used).replace("**", ""))
    return out


@dataclass(frozen=True)
class PageView:
    """What a page showed in a run, for its briefing (plain values, read when the PDF is made)."""

    title: str
    intro: str
    filters: tuple[str, ...]
    state: FilterState
    cards: tuple[headline.Card, ...]
    cells: pd.DataFrame | Cells | None
    sentences: tuple[str, ...]
    notes: tuple[str, ...]
    charts: tuple[DrawnChart, ...]


def _card_source_ids(view: PageView) -> list[str | None]:
    """The source of each headline card's figure (the figure headline.headline_card shows)."""
    if view.cells is None:
        return [None] * len(view.cards)
    out = []
    for target in headline.targets(view.state):
        answer = resolve(
            view.cells, view.state, target.measure, view.state.year_to, headline.FIELDS, target.outcome_group
        )
        figure = answer.exact if answer.exact is not None else answer.total
        out.append(figure.source_id if figure is not None and figure.value is not None else None)
    return out


def _published(value: Any) -> str:
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}".lstrip("0")


def briefing_of(db: Database, view: PageView, today: dt.date | None = None) -> briefing.Briefing:
    """The briefing's content: the cards with their sources, what was not published, the sources
    numbered (official first) and each chart as SVG with the numbers of its sources."""
    today = today or dt.date.today()
    card_ids = _card_source_ids(view)
    all_ids = {i for i in card_ids if i} | {s for c in view.charts for s in c.source_ids}
    rows = _sources(db, all_ids)
    label = {r.source_id: f"{r.publisher}, {r.title}" for r in rows.itertuples()}
    number = {source_id: i for i, source_id in enumerate(rows["source_id"], start=1)}
    figures = [
        briefing.HeadlineFigure(
            card.label,
            card.value,
            card.delta or "",
            f"Source: {label[sid]}" if sid in label else "No published figure was found.",
        )
        for card, sid in zip(view.cards, card_ids, strict=True)
    ]
    year = view.state.year_to
    gaps = [f"{c.label}, {year}: {c.value.lower()}." for c in view.cards if c.value.lower() in GAP_STATES]
    charts = []
    for chart in view.charts:
        height = chart.spec.get("height")
        svg = images.chart_svg(
            chart.spec,
            briefing.chart_source_line([number[s] for s in chart.source_ids if s in number], today),
            width=briefing.CHART_WIDTH_PX,
            height=round(height * briefing.CHART_HEIGHT_SCALE) if isinstance(height, int | float) else None,
        )
        charts.append(briefing.BriefingChart(svg, notes=chart.notes))
    return briefing.Briefing(
        title=view.title,
        date=today,
        intro=view.intro,
        filters=view.filters,
        figures=figures,
        charts=charts,
        sentences=view.sentences,
        notes=tuple(dict.fromkeys([*gaps, *(n for n in view.notes if n)])),
        sources=[
            briefing.BriefingSource(
                str(r.title), str(r.publisher), _published(r.published), r.url if isinstance(r.url, str) else ""
            )
            for r in rows.itertuples()
        ],
    )


def _pdf(db: Database, view: PageView) -> bytes:
    from prevent_explorer.present.briefing_pdf import briefing_pdf  # fpdf2, loaded on the first briefing only

    return briefing_pdf(briefing_of(db, view))  # made and dated when the button is clicked


def briefing_download(
    title: str,
    *,
    cards: Sequence[headline.Card] = (),
    cells: pd.DataFrame | Cells | None = None,
    sentences: Sequence[str] = (),
    notes: Sequence[str] = (),
    intro: str = "",
    label: str = "Download briefing (PDF)",
) -> None:
    """A button for the page's view as a short PDF: the filters, the headline `cards` (their
    sources from the published `cells` they were read from), the `sentences`, every chart drawn
    in this run, what was not published (`notes`, the cards' and the charts') and the sources.
    Nothing is read or drawn until the button is clicked."""
    ctx = page_context()
    view = PageView(
        title,
        intro,
        tuple(filter_statements(ctx)),
        ctx.state,
        tuple(cards),
        cells,
        tuple(sentences),
        tuple(notes),
        tuple(drawn_charts()),
    )
    st.download_button(
        label,
        data=functools.partial(_pdf, database(), view),
        file_name=f"prevent-explorer-{ctx.page.key}-briefing.pdf",
        mime="application/pdf",
        on_click="ignore",
        key=f"briefing_{ctx.page.key}",
        help="This view as a short PDF for a meeting: filters, figures, sentences, charts and sources",
        icon=":material/picture_as_pdf:",
    )
