"""Overview: the last year in figures for the chosen type of concern and referring sector, referrals
and outcomes over time, the mix of concerns and who referred. Published figures only."""

import streamlit as st

from prevent_explorer.filters import describe, describe_years
from prevent_explorer.outcomes import OUTCOMES
from prevent_explorer.present import agency_map, headline, views
from prevent_explorer.resolver import Cells
from prevent_explorer.shell import overview_sections as sections
from prevent_explorer.shell.briefing import briefing_download
from prevent_explorer.shell.components import chart_block
from prevent_explorer.shell.context import page_context
from prevent_explorer.shell.data import query

ctx = page_context()
f, value = ctx.state, ctx.value
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
    query("published_cells", measures=list(sections.MEASURES), year_from=previous or year, year_to=year)
)
gaps = sections.gaps(f.year_from, f.year_to)  # what each gap is: not published, not in this dataset, not collected
changes = sections.changes(f.year_from, f.year_to)
recording_changed = set(changes.loc[changes["dimension"].isin(["all", "measure"]), "first_year"])
cards = headline.headline_cards(cells, f, year, previous, gaps, recording_changed)
ctx.view("headline", applied=("years", "outcomes", *(a for card in cards for a in card.applied)))
st.header(f"{year} in figures")
row = st.container(horizontal=True, gap="large")  # cards as wide as their words; a card that does not fit wraps
for card in cards:
    row.metric(card.label, card.value, delta=card.delta, delta_color="off", help=card.help, width="content")
card_notes = list(dict.fromkeys(card.note for card in cards if card.note))
card_notes += sections.also_published(year)
if card_notes:
    st.caption(" ".join(card_notes))

# --- Sentences: first about the chosen groups, then about all referrals ------------------------------------
sentences = ctx.view("sentences")
chosen = headline.filtered_sentences(cells, f, year)
if f.agencies:  # the same sector's recommendations, through the agency map (agency_sectors.csv)
    recs = query("recommendations", reports=[], agencies=[], sectors=list(f.agencies), themes=[], statuses=[])
    chosen.append(agency_map.recommendation_sentence(query("agency_sectors"), f.agencies, recs))
if chosen:
    st.markdown(f"**{sentences.chosen}, {year}**\n\n" + "\n".join(f"- {s}" for s in chosen))
general = sections.all_referrals_sentences(year, f.year_from, f.year_to)
st.markdown(
    (f"**All referrals, {year}**\n\n" if chosen or f.outcomes else "") + "\n".join(f"- {s}" for s in general if s)
)

# --- Referrals and outcomes over time (each chart cached by the filters it uses: shell/overview_sections.py) --
view = ctx.view("trend")
section = sections.trend(
    tuple(views.outcome_lines(f)), f.year_from, f.year_to, value, years, view.chosen or "", tuple(view.notes)
)
st.header("Referrals over time")
chart_block(
    section.chart,
    section.table,
    key="overview_trend",
    title=section.title,
    filters_text=describe(f, view.applied),
    source_ids=section.source_ids,
    notes=section.notes,
)
if section.caption:
    st.caption(section.caption)


def breakdown_chart(key: str, dimension: str, measure: str, legend: str, everything: str, view) -> None:
    """A published breakdown over the years: counts stacked up to the published total, or shares."""
    section = sections.breakdown(
        dimension,
        measure,
        tuple(f.groups(dimension)),
        f.year_from,
        f.year_to,
        tuple(ctx.years),
        value,
        legend,
        everything,
        years,
        tuple(view.notes),
    )
    chart_block(
        section.chart,
        section.table,
        key=key,
        title=section.title,
        filters_text=describe(f, view.applied),
        source_ids=section.source_ids,
        notes=section.notes,
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
    "overview_ideology", "ideology", channel or "referrals", "Type of concern", "all types of concern", view
)

# --- Referring sector ---------------------------------------------------------------------------------------
st.header("Who made the referrals")
view = ctx.view("sectors")
breakdown_chart("overview_sectors", "sector", "referrals", "Referring sector", "all referring sectors", view)

# --- This view as a PDF for a meeting: the filters, figures, sentences, charts drawn above and sources ------
st.divider()
briefing_download(
    f"Prevent referrals at a glance, {year}",
    cards=cards,
    cells=cells,
    sentences=[*chosen, *(s for s in general if s)],
    notes=card_notes,
)
