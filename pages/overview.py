"""Overview: the last year in figures for the chosen type of concern and referring sector, referrals
and outcomes over time, the mix of concerns and who referred. Published figures only."""

import pandas as pd
import streamlit as st

from prevent_explorer.filters import describe, describe_years
from prevent_explorer.outcomes import OUTCOMES
from prevent_explorer.present import agency_map, charts, headline, narrative, views
from prevent_explorer.present.formatting import measure_label
from prevent_explorer.present.gaps import LEGEND as GAPS_LEGEND
from prevent_explorer.present.gaps import Gaps
from prevent_explorer.resolver import Cells
from prevent_explorer.shell.briefing import briefing_download
from prevent_explorer.shell.charts import chart_spec
from prevent_explorer.shell.components import chart_block, display_table
from prevent_explorer.shell.context import page_context
from prevent_explorer.shell.data import query

ctx = page_context()
f, value, span = ctx.state, ctx.value, ctx.state.span
year, years = f.year_to, describe_years(f)
previous = dict(zip(ctx.options.years[1:], ctx.options.years[:-1], strict=True)).get(year)

st.title("Prevent referrals at a glance")
st.markdown(
    "How many people were referred to Prevent in England and Wales, what happened to the referrals, "
    "and what they were about: **published figures only**, from the Home Office statistics and reports quoting them."
)
ctx.filters_used()

# --- Headline figures: the published figure for the chosen groups, or for all referrals, said on the card ----
cells = Cells(  # indexed once for the cards, the sentences and the briefing
    query(
        "published_cells",
        measures=["referrals", "discussed_at_channel", "adopted_as_channel_case"],
        year_from=previous or year,
        year_to=year,
    )
)
MEASURES = ["referrals", "discussed_at_channel", "adopted_as_channel_case"]
# what each gap is: not published, not in this dataset, not collected (availability.csv)
gaps = Gaps(
    pd.concat(
        [
            query("availability", measure=m, dimensions=["total", "ideology", "sector", "outcome"], **span)
            for m in MEASURES
        ]
    )
)
changes = query("category_changes", dimensions=["ideology", "sector", "all", "measure"], **span)
recording_changed = set(changes.loc[changes["dimension"].isin(["all", "measure"]), "first_year"])
cards = headline.headline_cards(cells, f, year, previous, gaps, recording_changed)
ctx.view("headline", applied=("years", "outcomes", *(a for card in cards for a in card.applied)))
st.header(f"{year} in figures")
for col, card in zip(st.columns(len(cards)), cards, strict=True):
    col.metric(card.label, card.value, delta=card.delta, delta_color="off", help=card.help)
card_notes = list(dict.fromkeys(card.note for card in cards if card.note))
card_notes += headline.also_published(query("figure_conflicts", measures=MEASURES, year_from=year, year_to=year), year)
if card_notes:
    st.caption(" ".join(card_notes))

# --- Sentences: first about the chosen groups, then about all referrals ------------------------------------
sentences = ctx.view("sentences")
headline_totals = query("headline_metrics", year=year)
total = headline_totals.set_index("measure").loc["referrals", "count"]
chosen = headline.filtered_sentences(cells, f, year)
if f.agencies:  # the same sector's recommendations, through the agency map (agency_sectors.csv)
    recs = query("recommendations", reports=[], agencies=[], sectors=list(f.agencies), themes=[], statuses=[])
    chosen.append(agency_map.recommendation_sentence(query("agency_sectors"), f.agencies, recs))
if chosen:
    st.markdown(f"**{sentences.chosen}, {year}**\n\n" + "\n".join(f"- {s}" for s in chosen))
general = [
    narrative.headline_sentence(headline_totals),
    narrative.channel_sentence(headline_totals, lambda m: gaps.state(year, m)),
    narrative.largest_sentence(
        query(
            "breakdown",
            measure="referrals",
            dimension="sector",
            groups=[],
            roles=[],
            include_cross_tabs=False,
            year_from=year,
            year_to=year,
        ),
        total,
        "referring sectors",
        "made the most referrals",
    ),
    narrative.ideology_sentence(
        query(
            "breakdown",
            measure="referrals",
            dimension="ideology",
            groups=[],
            roles=[],
            include_cross_tabs=False,
            year_from=year,
            year_to=year,
        ),
        total,
    ),
    narrative.changes_sentence(changes),
]
st.markdown(
    (f"**All referrals, {year}**\n\n" if chosen or f.outcomes else "") + "\n".join(f"- {s}" for s in general if s)
)

# --- Referrals and outcomes over time ------------------------------------------------------------------------
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
trend = views.with_status(
    views.outcome_trend(totals, outcome_parts, views.outcome_lines(f)),
    lambda r: gaps.state(r["year"], r["measure"], r["dimension"], r["category"]),
)
view = ctx.view("trend")
title = (
    "Referrals and what happened to them" if value == "count" else "What happened to referrals (share of all referrals)"
)
title += f" ({view.chosen}), {years}" if view.chosen else f", {years}"
subtitle = ["Counts as published" if value == "count" else "Shares of all referrals as published", *view.notes]
gap_note = views.gaps_caption(trend, value)
st.header("Referrals over time")
chart_block(
    chart_spec(
        charts.lines_chart,
        trend,
        title,
        subtitle,
        value,
        ctx.palette.for_labels(trend["line"], "outcome"),
        changes=changes[changes["dimension"].isin(["all", "measure"])],
    ),
    display_table(
        trend[["year", "line", "count", "percent", "percent_of", "status", "source_id", "percent_source_id"]],
        ["count"],
        ["percent"],
    ),
    key="overview_trend",
    title=title,
    filters_text=describe(f, view.applied),
    source_ids=list(trend["source_id"]) + list(trend["percent_source_id"]),
    notes=[*view.notes, *([gap_note] if gap_note else [])],
)
if gap_note:
    st.caption(gap_note)


def breakdown_chart(
    key: str, dimension: str, measure: str, legend: str, everything: str, view_notes: list[str], view_applied
) -> None:
    """A published breakdown over the years: counts stacked up to the published total, or shares."""
    groups = f.groups(dimension)
    parts = query(
        "breakdown",
        measure=measure,
        dimension=dimension,
        groups=groups,
        roles=["part"],
        include_cross_tabs=False,
        **span,
    )
    chosen_groups = ", ".join(groups) if groups else everything
    colours = ctx.palette.for_dimension(dimension)
    changed = changes[changes["dimension"].isin([dimension, "all"])]
    notes = [*view_notes, *narrative.change_notes(changed)]
    if value == "count":
        shown = views.with_status(
            parts if groups else views.with_remainder(parts, totals, measure),
            lambda r: gaps.state(r["year"], measure, dimension, r["category"]),
        )
        title = f"{measure_label(measure)} by {legend.lower()} ({chosen_groups}), {years}"
        empty_years = [y for y in ctx.years if y not in set(shown["year"])]
        subtitle = [
            "Published counts, coloured by stable group"
            + ("" if groups else "; grey: the rest of the published total, with no count in this dataset"),
            *([GAPS_LEGEND] if empty_years else []),
            *view_notes,
        ]
        chart = chart_spec(
            charts.stacked_breakdown_chart,
            shown,
            title,
            subtitle,
            "count",
            legend,
            ctx.palette.for_labels([*colours, *shown["category_group"]], dimension),
            changes=changed,
            years=ctx.years,
            gap_labels={y: gaps.state(y, measure, dimension) for y in empty_years},
        )
        table = display_table(views.breakdown_table(shown), ["Count"], ["Share (%)"])
    else:
        shares = views.with_status(
            views.with_shares(parts, totals, measure),
            lambda r: gaps.state(r["year"], measure, dimension, r["category"]),
        )
        base = views.SHARE_BASES[measure]
        title = f"Share of {base} by {legend.lower()} ({chosen_groups}), {years}"
        subtitle = [
            f"Filled points: share of {base} as published. Hollow points: count ÷ published total, calculated by the app.",
            *view_notes,
        ]
        chart = chart_spec(
            charts.share_lines_chart,
            shares,
            title,
            subtitle,
            colours,
            legend,
            f"Share of {base} (%)",
            changes=changed,
        )
        table = display_table(views.share_table(shares, measure), ["Count"], [f"Share of {base} (%)"])
    chart_block(
        chart,
        table,
        key=key,
        title=title,
        filters_text=describe(f, view_applied),
        source_ids=list(parts["source_id"]) + list(parts["percent_source_id"]),
        notes=notes,
        empty_message=f"No {legend.lower()} figures were published for these years.",
    )


# --- Type of concern: of all referrals, or of one Channel outcome (adoptions are published by type of concern) --
st.header("Type of concern (ideology)")
picked = [OUTCOMES[o] for o in f.outcomes]
channel = picked[0].measure if len(picked) == 1 and picked[0].is_measure else None
view = ctx.view(
    "ideology",
    applied=("years", "ideologies", "value_mode", *(["outcomes"] if channel else [])),
    reasons={
        "outcomes": "published figures by type of concern are for all referrals, and for Channel cases: choose one Channel outcome"
    },
)
breakdown_chart(
    "overview_ideology",
    "ideology",
    channel or "referrals",
    "Type of concern",
    "all types of concern",
    view.notes,
    view.applied,
)

# --- Referring sector ---------------------------------------------------------------------------------------
st.header("Who made the referrals")
view = ctx.view("sectors")
breakdown_chart(
    "overview_sectors", "sector", "referrals", "Referring sector", "all referring sectors", view.notes, view.applied
)

# --- This view as a PDF for a meeting: the filters, figures, sentences, charts drawn above and sources ------
st.divider()
briefing_download(
    f"Prevent referrals at a glance, {year}",
    cards=cards,
    cells=cells,
    sentences=[*chosen, *(s for s in general if s)],
    notes=card_notes,
)
