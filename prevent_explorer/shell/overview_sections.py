"""The Overview's charts, each built once per combination of the filters it draws.

    section = breakdown("sector", "referrals", (), "2015/16", "2024/25", years, "count", ...)
    chart_block(section.chart, section.table, title=section.title, source_ids=section.source_ids, ...)

What a chart draws (its queries, the frame, the Vega-Lite spec, the table beside it) depends only
on the few filters it applies: the sector chart does not change when the type of concern does. So
it is cached by exactly those with Streamlit's data cache, without its title; the title and
subtitle, which name every filter (applied or not), are put on afterwards (chart_style.retitle). Sessions
in a meeting asking the same question share the chart, and a rerun no longer rebuilds frames and
hashes them by content to find a cached spec (benchmarks/README.md, "The server under load").
What each chart applies is still declared by the page (`ctx.view`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from prevent_explorer.present import chart_style, charts, headline, narrative, views
from prevent_explorer.present.formatting import measure_label
from prevent_explorer.present.gaps import LEGEND as GAPS_LEGEND
from prevent_explorer.present.gaps import Gaps
from prevent_explorer.shell.charts import build_spec
from prevent_explorer.shell.components import display_table
from prevent_explorer.shell.data import palette, query

MEASURES = ("referrals", "discussed_at_channel", "adopted_as_channel_case")  # the Overview's measures
CHANGE_DIMENSIONS = ["ideology", "sector", "all", "measure"]


@dataclass(frozen=True)
class Section:
    """A chart as drawn: its spec, the table beside it and what the block says about it."""

    chart: dict[str, Any] | None
    table: pd.DataFrame
    title: str
    source_ids: tuple[str, ...]
    notes: tuple[str, ...]  # what the chart leaves out or should be read with (for the downloads)
    caption: str | None = None  # said under the chart (e.g. what its gaps are)


@dataclass(frozen=True)
class _Drawn:
    """What is cached: the chart without its title, and what its title and notes need."""

    chart: dict[str, Any] | None
    table: pd.DataFrame
    source_ids: tuple[str, ...]
    subtitle: tuple[str, ...]  # the chart's own subtitle lines (the filters' notes follow)
    notes: tuple[str, ...]  # the chart's own notes (category changes, gaps)
    caption: str | None = None


def _finish(drawn: _Drawn, title: str, view_notes: Sequence[str]) -> Section:
    chart = None if drawn.chart is None else chart_style.retitle(drawn.chart, title, [*drawn.subtitle, *view_notes])
    return Section(chart, drawn.table, title, drawn.source_ids, (*view_notes, *drawn.notes), drawn.caption)


@st.cache_resource(show_spinner=False, max_entries=64)
def gaps(year_from: str, year_to: str) -> Gaps:
    """What each gap of the Overview's measures is, in these years (read-only: shared, not copied)."""
    span = {"year_from": year_from, "year_to": year_to}
    return Gaps(
        pd.concat(
            [
                query("availability", measure=m, dimensions=["total", "ideology", "sector", "outcome"], **span)
                for m in MEASURES
            ]
        )
    )


def changes(year_from: str, year_to: str) -> pd.DataFrame:
    """Category and recording changes within the years (for the change rules and notes)."""
    return query("category_changes", dimensions=CHANGE_DIMENSIONS, year_from=year_from, year_to=year_to)


def _sources(*columns: pd.Series) -> tuple[str, ...]:
    return tuple(s for col in columns for s in col if isinstance(s, str) and s)


@st.cache_data(show_spinner=False, max_entries=512)
def _trend(lines: tuple[str, ...], year_from: str, year_to: str, value: str) -> _Drawn:
    span = {"year_from": year_from, "year_to": year_to}
    totals = query("measure_trend", measures=[], **span)
    outcome_parts = query(
        "breakdown",
        measure="referrals",
        dimension="outcome",
        groups=[],
        roles=["part", "subtotal"],
        include_cross_tabs=False,
        **span,
    )
    known = gaps(year_from, year_to)
    frame = views.with_status(
        views.outcome_trend(totals, outcome_parts, list(lines)),
        lambda r: known.state(r["year"], r["measure"], r["dimension"], r["category"]),
    )
    changed = changes(year_from, year_to)
    gap_note = views.gaps_caption(frame, value)
    spec = build_spec(
        charts.lines_chart,
        frame,
        "",
        None,
        value,
        palette().for_labels(frame["line"], "outcome"),
        changes=changed[changed["dimension"].isin(["all", "measure"])],
    )
    table = display_table(
        frame[["year", "line", "count", "percent", "percent_of", "status", "source_id", "percent_source_id"]],
        ["count"],
        ["percent"],
    )
    return _Drawn(
        spec,
        table,
        _sources(frame["source_id"], frame["percent_source_id"]),
        ("Counts as published" if value == "count" else "Shares of all referrals as published",),
        (gap_note,) if gap_note else (),
        gap_note,
    )


def trend(
    lines: tuple[str, ...],
    year_from: str,
    year_to: str,
    value: str,
    years_text: str,
    chosen: str,
    notes: tuple[str, ...],
) -> Section:
    """Referrals and the chosen outcomes over the years (`lines`: views.outcome_lines); `chosen`
    names the filters the chart applies, `notes` what it leaves out."""
    title = (
        "Referrals and what happened to them"
        if value == "count"
        else "What happened to referrals (share of all referrals)"
    )
    title += f" ({chosen}), {years_text}" if chosen else f", {years_text}"
    return _finish(_trend(lines, year_from, year_to, value), title, notes)


@st.cache_data(show_spinner=False, max_entries=1024)
def _breakdown(
    dimension: str,
    measure: str,
    groups: tuple[str, ...],
    year_from: str,
    year_to: str,
    years: tuple[str, ...],
    value: str,
    legend: str,
) -> _Drawn:
    span = {"year_from": year_from, "year_to": year_to}
    parts = query(
        "breakdown",
        measure=measure,
        dimension=dimension,
        groups=list(groups),
        roles=["part"],
        include_cross_tabs=False,
        **span,
    )
    totals = query("measure_trend", measures=[], **span)
    known = gaps(year_from, year_to)
    colours = palette().for_dimension(dimension)
    changed = changes(year_from, year_to)
    changed = changed[changed["dimension"].isin([dimension, "all"])]
    if value == "count":
        shown = views.with_status(
            parts if groups else views.with_remainder(parts, totals, measure),
            lambda r: known.state(r["year"], measure, dimension, r["category"]),
        )
        empty_years = [y for y in years if y not in set(shown["year"])]
        subtitle = (
            "Published counts, coloured by stable group"
            + ("" if groups else "; grey: the rest of the published total, with no count in this dataset"),
            *([GAPS_LEGEND] if empty_years else []),
        )
        spec = build_spec(
            charts.stacked_breakdown_chart,
            shown,
            "",
            None,
            "count",
            legend,
            palette().for_labels([*colours, *shown["category_group"]], dimension),
            changes=changed,
            years=list(years),
            gap_labels={y: known.state(y, measure, dimension) for y in empty_years},
        )
        table = display_table(views.breakdown_table(shown), ["Count"], ["Share (%)"])
    else:
        shares = views.with_status(
            views.with_shares(parts, totals, measure),
            lambda r: known.state(r["year"], measure, dimension, r["category"]),
        )
        base = views.SHARE_BASES[measure]
        subtitle = (
            f"Filled points: share of {base} as published. Hollow points: count ÷ published total, calculated by the app.",
        )
        spec = build_spec(
            charts.share_lines_chart, shares, "", None, colours, legend, f"Share of {base} (%)", changes=changed
        )
        table = display_table(views.share_table(shares, measure), ["Count"], [f"Share of {base} (%)"])
    return _Drawn(
        spec,
        table,
        _sources(parts["source_id"], parts["percent_source_id"]),
        subtitle,
        tuple(narrative.change_notes(changed)),
    )


def breakdown(
    dimension: str,
    measure: str,
    groups: tuple[str, ...],
    year_from: str,
    year_to: str,
    years: tuple[str, ...],
    value: str,
    legend: str,
    everything: str,
    years_text: str,
    view_notes: tuple[str, ...],
) -> Section:
    """A published breakdown over the `years`: counts stacked up to the published total, or shares.
    `groups`: the chosen groups of the dimension (none: all, with the rest of the total in grey,
    named `everything` in the title); `legend` names the dimension."""
    chosen_groups = ", ".join(groups) if groups else everything
    if value == "count":
        title = f"{measure_label(measure)} by {legend.lower()} ({chosen_groups}), {years_text}"
    else:
        title = f"Share of {views.SHARE_BASES[measure]} by {legend.lower()} ({chosen_groups}), {years_text}"
    drawn = _breakdown(dimension, measure, groups, year_from, year_to, years, value, legend)
    return _finish(drawn, title, view_notes)


@st.cache_data(show_spinner=False, max_entries=64)
def also_published(year: str) -> list[str]:
    """Other values the sources gave for the year's totals (said under the cards)."""
    return headline.also_published(
        query("figure_conflicts", measures=list(MEASURES), year_from=year, year_to=year), year
    )


@st.cache_data(show_spinner=False, max_entries=256)
def all_referrals_sentences(year: str, year_from: str, year_to: str) -> list[str]:
    """The sentences about all referrals in `year` (no filter but the years applies to them)."""
    totals = query("headline_metrics", year=year)
    total = totals.set_index("measure").loc["referrals", "count"]
    known = gaps(year_from, year_to)

    def largest(dimension: str) -> pd.DataFrame:
        return query(
            "breakdown",
            measure="referrals",
            dimension=dimension,
            groups=[],
            roles=[],
            include_cross_tabs=False,
            year_from=year,
            year_to=year,
        )

    sentences = [
        narrative.headline_sentence(totals),
        narrative.channel_sentence(totals, lambda m: known.state(year, m)),
        narrative.largest_sentence(largest("sector"), total, "referring sectors", "made the most referrals"),
        narrative.ideology_sentence(largest("ideology"), total),
        narrative.changes_sentence(changes(year_from, year_to)),
    ]
    return [s for s in sentences if s]
