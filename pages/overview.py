"""Overview: latest-year headline figures, referrals over time, the mix of concerns and referring sectors."""

import streamlit as st

from prevent_explorer.filters import describe, describe_years
from prevent_explorer.present import charts, narrative, views
from prevent_explorer.shell.charts import chart_spec
from prevent_explorer.shell.components import chart_block, display_table
from prevent_explorer.shell.context import page_context
from prevent_explorer.shell.data import query

ctx = page_context()
f, value, span = ctx.state, ctx.value, ctx.state.span
year = f.year_to

st.title("Prevent referrals at a glance")
st.markdown(
    "How many people were referred to Prevent in England and Wales, what happened to the referrals, "
    "and what they were about: **published figures only**, from the Home Office statistics and reports quoting them."
)
ctx.filters_used()

# --- Headline figures --------------------------------------------------------------------
headline = query("headline_metrics", year=year)
st.subheader(f"{year} in figures")
for col, card in zip(st.columns(3), views.headline_cards(headline), strict=True):
    col.metric(card["label"], card["value"], delta=card["delta"], delta_color="off", help=card["help"])

sentences = [
    narrative.headline_sentence(headline),
    narrative.channel_sentence(headline),
]
total = headline.set_index("measure").loc["referrals", "count"]
sectors_year = query(
    "breakdown",
    measure="referrals",
    dimension="sector",
    year_from=year,
    year_to=year,
    groups=f.groups("sector"),
    roles=[],
    include_cross_tabs=False,
)
ideology_year = query(
    "breakdown",
    measure="referrals",
    dimension="ideology",
    year_from=year,
    year_to=year,
    groups=[],
    roles=[],
    include_cross_tabs=False,
)
sentences.append(narrative.largest_sentence(sectors_year, total, "referring sectors", "made the most referrals"))
sentences.append(narrative.ideology_sentence(ideology_year, total))
changes = query("category_changes", dimensions=["ideology", "all", "measure"], **span)
system_changes = changes[changes["dimension"].isin(["all", "measure"])]
ideology_changes = changes[changes["dimension"].isin(["ideology", "all"])]
sentences.append(narrative.changes_sentence(changes))
st.markdown("\n".join(f"- {s}" for s in sentences if s))

# --- Referrals and outcomes over time -----------------------------------------------------------
totals = query("measure_trend", measures=[], **span)
outcomes = query(
    "breakdown", measure="referrals", dimension="outcome", groups=[], roles=["part"], include_cross_tabs=False, **span
)
lines = views.outcome_lines(f)
trend = views.outcome_trend(totals, outcomes, lines)
title = f"{'Referrals and what happened to them' if value == 'count' else 'What happened to referrals (share of all referrals)'}, {describe_years(f)}"
subtitle = "Counts as published" if value == "count" else "Shares as published (share of all referrals unless stated)"
gaps = views.gaps_caption(views.missing_years(trend, "line", value))
st.subheader("Referrals over time")
chart_block(
    chart_spec(
        charts.lines_chart,
        trend,
        title,
        subtitle,
        value,
        ctx.palette.for_labels(trend["line"], "outcome"),
        changes=system_changes,
    ),
    display_table(
        trend[["year", "line", "count", "percent", "percent_of", "source_id", "percent_source_id"]],
        ["count"],
        ["percent"],
    ),
    key="overview_trend",
    title=title,
    filters_text=describe(f, ["outcomes"]),
    source_ids=list(trend["source_id"]) + list(trend["percent_source_id"]),
    notes=[gaps] if gaps else (),
)
if gaps:
    st.caption(gaps)

# --- Type of concern ----------------------------------------------------------------------------------
st.subheader("Type of concern (ideology)")
ideology = query(
    "breakdown",
    measure="referrals",
    dimension="ideology",
    groups=f.groups("ideology"),
    roles=["part"],
    include_cross_tabs=False,
    **span,
)
colours = ctx.palette.for_dimension("ideology")
chosen = ", ".join(f.ideologies) if f.ideologies else "all types of concern"
if value == "count":
    title = f"Referrals by type of concern ({chosen}), {describe_years(f)}"
    chart = chart_spec(
        charts.stacked_breakdown_chart,
        ideology,
        title,
        "Published counts; each segment is a published category, coloured by its stable group. Years with no published counts are empty.",
        "count",
        "Type of concern",
        colours,
        changes=ideology_changes,
        years=ctx.years,
    )
    table = display_table(views.breakdown_table(ideology), ["Count"], ["Share (%)"])
else:
    shares = views.with_shares(ideology, totals)
    title = f"Share of referrals by type of concern ({chosen}), {describe_years(f)}"
    chart = chart_spec(
        charts.share_lines_chart,
        shares,
        title,
        "Filled points: share as published. Hollow points: count ÷ published total, calculated by the app.",
        colours,
        changes=ideology_changes,
    )
    table = display_table(views.share_table(shares), ["Count"], ["Share of all referrals (%)"])
chart_block(
    chart,
    table,
    key="overview_ideology",
    title=title,
    filters_text=describe(f, ["ideologies"]),
    source_ids=list(ideology["source_id"]) + list(ideology["percent_source_id"]),
    notes=["Categories changed in 2017/18, 2021/22 and 2024/25; see Data & methods."],
    empty_message="No type-of-concern figures were published for these filters.",
)

# --- Referring sector -------------------------------------------------------------------------------------
st.subheader("Who made the referrals")
sectors = query(
    "breakdown",
    measure="referrals",
    dimension="sector",
    groups=f.groups("sector"),
    roles=["part"],
    include_cross_tabs=False,
    **span,
)
chosen = ", ".join(f.agencies) if f.agencies else "all sectors"
sector_colours = ctx.palette.for_dimension("sector")
title = (
    f"{'Referrals' if value == 'count' else 'Share of referrals'} by referring sector ({chosen}), {describe_years(f)}"
)
if value == "count":
    chart = chart_spec(
        charts.stacked_breakdown_chart,
        sectors,
        title,
        "Published counts. Only Education and Police are published every year; other sectors only in some years.",
        "count",
        "Referring sector",
        sector_colours,
        y_title="Number of referrals",
        years=ctx.years,
    )
else:
    chart = chart_spec(
        charts.stacked_breakdown_chart,
        sectors,
        title,
        "Shares of all referrals as published (not stacked to 100%: other sectors are not published).",
        "percent",
        "Referring sector",
        sector_colours,
        y_title="Share of all referrals (%)",
        years=ctx.years,
    )
chart_block(
    chart,
    display_table(views.breakdown_table(sectors), ["Count"], ["Share (%)"]),
    key="overview_sectors",
    title=title,
    filters_text=describe(f, ["agencies"]),
    source_ids=list(sectors["source_id"]) + list(sectors["percent_source_id"]),
    empty_message="No sector figures were published for these filters.",
)
