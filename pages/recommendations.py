"""Recommendations made about Prevent: by report, agency addressed, theme and status; progress
statements over time; the HMICFRS 2020 inspection's findings."""

import pandas as pd
import streamlit as st

from prevent_explorer.loading.vocabulary import REC_AGENCIES, REC_STATUSES
from prevent_explorer.present import agency_map, charts
from prevent_explorer.shell.briefing import briefing_download
from prevent_explorer.shell.charts import chart_spec
from prevent_explorer.shell.components import chart_block, sources_list, table_with_download
from prevent_explorer.shell.context import page_context
from prevent_explorer.shell.data import query

ctx = page_context()
sectors = list(ctx.state.agencies)  # the sidebar's referring sector, reached through the agency map
mapping = query("agency_sectors")
bodies = agency_map.bodies_for(mapping, sectors)
reports = query("reports")
names = dict(zip(reports["source_id"], reports["short_name"], strict=True))
all_recs = query("recommendations", reports=[], agencies=[], sectors=[], themes=[], statuses=[])

st.title("Recommendations about Prevent")
st.markdown(
    "What inspections and reviews recommended, to whom, and what the government has said about progress. "
    "Summaries are in the project's own words; each links to its report and to the statement its status comes from."
)
ctx.filters_used()
view = ctx.view("recommendations")
if sectors:
    st.info(
        f"**{agency_map.bodies_text(mapping, sectors)}.** Recommendations addressed only to bodies that act for no "
        f"single referring sector ({', '.join(agency_map.unplaced(mapping))}) are not included; the map and its reasons "
        "are in Data & methods."
    )

c1, c2, c3, c4 = st.columns(4)
with c1:
    chosen_reports = ctx.choice(
        "Report",
        list(reports["source_id"]),
        key="report",
        default=[],
        multi=True,
        format_func=names.get,
        placeholder="All reports",
    )
with c2:
    agencies = ctx.choice(
        "Agency addressed",
        bodies if sectors else list(REC_AGENCIES),
        key="agency",
        default=[],
        multi=True,
        placeholder="All agencies" if not sectors else f"All bodies acting for {', '.join(sectors)}",
    )
with c3:
    themes = ctx.choice(
        "Theme", sorted(all_recs["theme"].unique()), key="theme", default=[], multi=True, placeholder="All themes"
    )
with c4:
    statuses = ctx.choice("Status", list(REC_STATUSES), key="status", default=[], multi=True, placeholder="Any status")

params = dict(reports=chosen_reports, agencies=agencies, sectors=sectors, themes=themes, statuses=statuses)
recs = query("recommendations", **params)
counts = query("recommendation_counts", **params)
parts = [", ".join(names[r] for r in chosen_reports) if chosen_reports else "all reports"]
if sectors:
    parts.append(", ".join(sectors))
if agencies:
    parts.append("addressed to " + ", ".join(agencies))
if themes:
    parts.append("themes: " + ", ".join(themes))
if statuses:
    parts.append("status: " + ", ".join(statuses))
filters_text = "; ".join(parts)

m1, m2, m3 = st.columns(3)
m1.metric(
    "Recommendations shown", f"{len(recs):,}", help="Recommendations known to the project that match the filters."
)
m2.metric(
    "Implemented, per the government",
    f"{int((recs['status'] == 'Implemented (government statement)').sum()):,}",
    help="Recommendations in this table whose latest government statement says they were implemented. The "
    "progress statements below count a whole report's recommendations (e.g. '30 of 34 delivered'), most of "
    "which are not listed here.",
)
m3.metric("No progress statement found", f"{int(recs['status'].isin(['Not known', 'Response pending']).sum()):,}")
st.caption(
    "*Implemented, per the government* counts the recommendations listed here. The government's progress "
    "statements (below) count whole reports, e.g. the Independent Review's '30 of 34 delivered': most of those "
    "recommendations are not listed here, because the full list was not available to the project."
)

# --- Reports and how complete the table is -------------------------------------------------------------
with st.expander("Reports, and how many of their recommendations are known here", expanded=False):
    rtable = reports.assign(
        made=reports["recommendations_made"].map(lambda v: "not known" if pd.isna(v) else f"{int(v)}"),
    )[["short_name", "published", "made", "coverage", "note", "url"]].rename(
        columns={"short_name": "report", "made": "recommendations_made", "coverage": "known_here"}
    )
    table_with_download(
        rtable,
        key="reports",
        title="reports",
        filters_text="all reports",
        source_ids=list(reports["source_id"]),
        column_config={"url": st.column_config.LinkColumn("Report")},
    )
    st.caption(
        "The full lists of the HMICFRS and Independent Review recommendations were not available to the project, so those reports are only partly covered; the Southport learning review's 14 are not listed in any source seen."
    )

# --- Counts by agency and status ----------------------------------------------------------------------------
st.header("Who the recommendations are addressed to, and their status")
title = f"Recommendations by agency addressed and status ({filters_text})"
chart_block(
    chart_spec(
        charts.agency_status_chart,
        counts,
        title,
        [
            "A recommendation addressed to two agencies counts once for each",
            *([agency_map.bodies_text(mapping, sectors) + " (only they are counted)"] if sectors else []),
            *view.notes,
        ],
    ),
    counts.rename(columns={"recommendations": "recommendations"}),
    key="rec_counts",
    title=title,
    filters_text=filters_text,
    notes=view.notes,
    empty_message="No recommendations match these filters.",
)

# --- The list -------------------------------------------------------------------------------------------------
st.header(f"The recommendations ({len(recs):,})")
if recs.empty:
    st.info("No recommendations match these filters. Clear a filter to see more.")
else:
    table = recs[
        [
            "rec_id",
            "report",
            "rec_no",
            "summary",
            "addressee",
            "agency",
            "theme",
            "status",
            "status_date",
            "status_detail",
            "confirmed",
            "report_url",
            "status_source_url",
        ]
    ]
    table_with_download(
        table,
        key="recommendations",
        title="recommendations",
        filters_text=filters_text,
        source_ids=list(recs["source_id"]) + list(recs["status_source_id"].dropna()),
        column_config={
            "summary": st.column_config.TextColumn("Summary (project's own words)", width="large"),
            "report_url": st.column_config.LinkColumn("Report", display_text="report"),
            "status_source_url": st.column_config.LinkColumn("Status source", display_text="source"),
            "rec_no": st.column_config.TextColumn("No.", help="The report's own number, where a source gives it"),
            "confirmed": st.column_config.TextColumn(
                "Confirmed",
                help="numbered: the report's number is known; reported: stated by a summary; paraphrased: known only from a journalist's paraphrase of the report; unconfirmed: may be a finding rather than a formal recommendation",
            ),
        },
    )
    for rep_id, group in recs.groupby("source_id", sort=False):
        with st.expander(f"{names.get(rep_id, rep_id)}: {len(group)} recommendation{'s' if len(group) != 1 else ''}"):
            for r in group.itertuples():
                number = f"Recommendation {r.rec_no}" if isinstance(r.rec_no, str) and r.rec_no else "Number not known"
                st.markdown(
                    f"**{number}** · to *{r.addressee}* · {r.theme} · **{r.status}**"
                    + (f" ({pd.Timestamp(r.status_date):%d %b %Y})" if pd.notna(r.status_date) else "")
                )
                st.markdown(r.summary)
                if isinstance(r.status_detail, str) and r.status_detail:
                    st.caption(r.status_detail)

# --- Progress over time -----------------------------------------------------------------------------------------
st.header("Progress statements over time")
progress = query("progress_snapshots", reports=chosen_reports)
dated = progress.dropna(subset=["as_of"])
ptitle = "How many recommendations (and tasks) the government said were accepted or delivered"
progress_view = ctx.view("progress")
chart_block(
    chart_spec(
        charts.progress_chart,
        dated,
        ptitle,
        [
            "Each bar is one dated statement: coloured is how many were done, grey the total it is out of",
            *progress_view.notes,
        ],
    )
    if not dated.empty
    else None,
    progress[["report", "as_of", "stage", "unit", "done", "total", "statement", "statement_source_title", "note"]],
    key="progress",
    title=ptitle,
    filters_text=filters_text,
    notes=progress_view.notes,
    source_ids=list(progress["statement_source_id"]),
    empty_message="No progress statements for the chosen reports.",
    expanded=False,
)
undated = progress[progress["as_of"].isna()]
for r in undated.itertuples():
    st.caption(f"Undated: {r.statement} ({r.statement_source_title}). {r.note}")

# --- HMICFRS 2020 findings ------------------------------------------------------------------------------------------
if not chosen_reports or "hmicfrs-2020-prevent" in chosen_reports:
    st.header("What the HMICFRS 2020 inspection found")
    findings_view = ctx.view("findings")
    if findings_view.notes:
        st.caption(" ".join(findings_view.notes))
    findings = query("findings", reports=["hmicfrs-2020-prevent"])
    st.markdown("\n".join(f"- {r.finding}" for r in findings.itertuples()))
    ids = {s for v in findings["reported_by_source_ids"] for s in v.split(";")}
    sources_list(ids, heading="Reported by")

# --- This view as a PDF for a meeting ----------------------------------------------------------------------
st.divider()
briefing_download(
    "Recommendations about Prevent",
    sentences=[
        f"{len(recs):,} recommendations known to the project match the filters ({filters_text}).",
        f"{int((recs['status'] == 'Implemented (government statement)').sum()):,} of them are implemented, per the "
        "government; the progress statements count whole reports.",
    ],
    notes=view.notes,
    intro="What inspections and reviews recommended, to whom, and what the government has said about progress.",
)
