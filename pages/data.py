"""Data & methods: sources, definitions, category changes, caveats, the synthetic data, your own
file, and downloads of every table."""

import functools

import streamlit as st

from prevent_explorer.present.export import csv_bytes
from prevent_explorer.present.formatting import KIND_LABELS, dimension_label
from prevent_explorer.present.gaps import MEANINGS
from prevent_explorer.shell.components import table_with_download
from prevent_explorer.shell.context import page_context
from prevent_explorer.shell.data import database, query

ctx = page_context()
ALL = dict(year_from="2015/16", year_to="2099/00")

st.title("Data & methods")
st.markdown(
    "Where every number comes from, what the categories mean, what changed over the years, and what the data can and cannot tell you."
)
ctx.filters_used()

st.header("Read this first")
st.markdown(
    """
- **Status.** The Home Office publishes these figures as *official statistics in development* (from 2022/23;
  *Experimental Statistics* in 2019/20 to 2021/22). They are revised: 2018/19 was first published as 5,738 referrals
  and restated as 5,737. Where sources disagree, the app shows the preferred value and lists the others.
- **A new case system in 2024.** Until May 2024 referrals and Channel cases were held in two systems; 2024/25 is the
  first year on one system (the Prevent Case Management Tracker), with new type-of-concern categories. Compare 2024/25
  with earlier years with care: a change on the year before across it is the app's own calculation, and the cards
  and charts mark it.
- **Where the numbers come from.** Only the key results of the 2019/20 to 2023/24 releases were available to the
  project; other figures (2015/16 to 2018/19, 2024/25, and most breakdowns) come from written answers and reports that
  quote the releases. Each is marked *official*, *parliamentary* or *secondary* with its address.
- **A gap is never zero, and it says what it is.** Nothing has been estimated or filled in. Each gap has one of
  three states (below): *not in this dataset* (the usual one: the release's detailed tables hold it, the project
  does not), *not published* (only where a source says so, or the category did not exist) and *not collected*.
- **Regions.** The "North East" in the regional reports is a counter-terrorism policing region that includes
  Yorkshire and the Humber.
"""
)

st.header("What a gap means")
st.markdown(
    "\n".join(f"- **{state}**: {meaning}." for state, meaning in MEANINGS.items())
    + "\n\nEvery card, chart, table, sentence and download uses these words; a gap without a record is "
    "*not in this dataset*. The record of every gap, with its evidence and the release that holds it:"
)
availability = query("all_availability")
table_with_download(
    availability,
    key="availability",
    title="the state of every gap",
    filters_text="all years",
    source_ids=list(availability["source_id"].dropna()),
)

st.header("The releases")
releases = query("releases", **ALL)
table_with_download(
    releases[["year", "published", "statistics_status", "case_system", "note", "url"]],
    key="releases",
    title="Home Office releases",
    filters_text="all years",
    column_config={"url": st.column_config.LinkColumn("Release page", display_text="gov.uk")},
)

st.header("Changes of categories and recording")
changes = query("category_changes", dimensions=[], **ALL)
table_with_download(
    changes[["first_year", "dimension", "change", "detail", "source_title", "source_url"]],
    key="category_changes",
    title="changes of categories and recording",
    filters_text="all years",
    source_ids=list(changes["source_id"]),
    column_config={"source_url": st.column_config.LinkColumn("Source", display_text="source")},
)

st.header("Definitions")
dims = ["ideology", "sector", "age_group", "gender", "region", "outcome"]
dim = ctx.choice(
    "Categories of",
    dims,
    key="definitions",
    default="ideology",
    format_func=dimension_label,
    widget=st.segmented_control,
)
cats = query("categories", dimensions=[dim])
st.caption(
    "Each published label belongs to a stable group, which has one colour on every page. Role: part of a breakdown, subtotal or overlapping band, base (denominator), or a sum printed by one source."
)
table_with_download(
    cats[["category", "category_group", "role", "definition", "years_used", "colour"]],
    key=f"categories_{dim}",
    title=f"categories of {dimension_label(dim).lower()}",
    filters_text="all years",
)

st.header("Which bodies act for which referring sector")
st.markdown(
    "The sidebar's referring-sector filter reaches the recommendations through this map, the project's own: "
    "with Police chosen, the Recommendations page shows those addressed to the bodies mapped to Police. Bodies that "
    "act for no single sector, and recommendations naming no body, are never counted under a sector."
)
agency_sectors = query("agency_sectors")
table_with_download(
    agency_sectors.assign(sector=agency_sectors["sector"].fillna("(none)")),
    key="agency_sectors",
    title="agencies addressed and the referring sector each acts for",
    filters_text="all agencies",
)

st.header("How the published figures were curated")
st.markdown(
    """
1. Every statement of a figure by a source is a row; exactly **one value per figure is preferred**, the others are kept.
2. Preference: a value not flagged doubtful, then a count over a share alone, then an **official release over a
   parliamentary answer over a secondary report**; where values differ, a **later restatement** over the first
   publication; then the latest release, then a row that also gives a share.
3. Where the preferred row gives no share, the best published share of the same figure is shown beside it, with its
   own source. The app never stores a calculated figure; where it calculates one (a change on the year before, a share
   from two counts) it says so.
4. Within a year one label per category; across years labels map to stable groups (e.g. "Right-wing", "Extreme Right
   Wing" and "Extreme right-wing").
5. Approximate wording ("more than 5,700", "a quarter", "half") is not a figure and is not stored. Sources judged
   unreliable are not used; one low-quality rewrite is kept only so that its conflicting values are visible.

The full rules, the data dictionary and the list of what is missing for each year are in `data/published/README.md`.
"""
)

st.header("Sources")
kinds = ctx.choice(
    "Kind", list(KIND_LABELS), key="kinds", default=[], multi=True, format_func=KIND_LABELS.get, widget=st.pills
)
sources = query("sources", kinds=kinds)
table_with_download(
    sources[
        [
            "title",
            "publisher",
            "published",
            "kind",
            "figures",
            "preferred_figures",
            "recommendations",
            "note",
            "url",
            "source_id",
        ]
    ],
    key="sources",
    title="sources",
    filters_text=", ".join(kinds) if kinds else "all kinds",
    column_config={
        "url": st.column_config.LinkColumn("Address", display_text="open"),
        "note": st.column_config.TextColumn("Note", width="large"),
    },
)

st.header("The referral-level data")
layer = database().referrals
if layer is None:
    st.info("No referral-level data is loaded, so the Referral explorer is not available.")
else:
    st.markdown(f"**Loaded:** {layer.label} — {layer.row_count:,} rows, {layer.years[0]} to {layer.years[-1]}.")
    if layer.kind == "synthetic":
        st.warning(layer.note)
st.markdown(
    """
The published figures are one-way breakdowns, so most combinations (for example Islamist referrals from schools that
reached Channel) were never published. The Referral explorer therefore works on **one row per referral**:

- **Synthetic demo data** (bundled): generated by the project from the published figures with a fixed seed. Every
  year's published total and most published counts are reproduced exactly, but not all: a few counts whose age bands
  or outcome groups the columns cannot express (such as the 3,773 under-18s of 2022/23) and figures published only as
  a share are not; `data/demo/README.md` lists every figure and whether it is reproduced. Combinations that were
  never published are modelled (independence, or proportional fitting where a cross-tabulation was published). Where
  a year's breakdown was not published, rows say "Not published". **It must not be quoted**: only its totals are real.
- **Your own file**: a local referral-level export (CSV or Parquet) with the columns `referral_id`, `year`,
  `ideology`, `sector`, `age_group`, `gender`, `region`, `outcome`. Upload it on the Referral explorer page, or start
  the app with `streamlit run streamlit_app.py -- --referrals path/to/file.csv`. It is checked before use, kept in
  memory only (never written to disk), and counts below 5 are shown as "<5".

How the synthetic file was made, and its data dictionary, are in `data/demo/README.md`.
"""
)

st.header("Download every table")
downloads = [
    ("figures", "All published figures, with alternatives", query("all_figures", preferred_only=False)),
    (
        "other-figures",
        "Other published figures (quarters, changes, rates, mental health, ethnicity)",
        query("all_other_figures", preferred_only=False),
    ),
    ("sources", "Sources", query("sources", kinds=[])),
    ("categories", "Categories and definitions", query("categories", dimensions=[])),
    ("category-changes", "Category and recording changes", changes),
    ("releases", "Releases", releases),
    ("reports", "Reports with recommendations", query("reports")),
    ("agency-sectors", "Agencies addressed and their referring sector", agency_sectors),
    ("availability", "The state of every gap, with its evidence", availability),
    (
        "recommendations",
        "Recommendations",
        query("recommendations", reports=[], agencies=[], sectors=[], themes=[], statuses=[]),
    ),
    ("findings", "HMICFRS 2020 findings", query("findings", reports=[])),
    ("progress", "Progress statements", query("progress_snapshots", reports=[])),
    ("excluded", "Reference rows not stored, with reasons", query("excluded_rows", limit=1000)),
]
cols = st.columns(3)
for i, (name, label, df) in enumerate(downloads):
    cols[i % 3].download_button(
        f"{label} ({len(df):,} rows)",
        functools.partial(csv_bytes, df),  # a tidy CSV, made when clicked
        file_name=f"prevent-explorer-{name}.csv",
        mime="text/csv",
        on_click="ignore",
        key=f"download_all_{name}",
        width="stretch",
    )
