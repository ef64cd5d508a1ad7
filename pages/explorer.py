"""Referral explorer: every filter live on referral-level data (the synthetic demo, or your own file)."""

import streamlit as st

from prevent_explorer.filters import describe
from prevent_explorer.present import charts
from prevent_explorer.present import explorer_views as ev
from prevent_explorer.present.formatting import dimension_label, escape_markdown
from prevent_explorer.present.gaps import Gaps
from prevent_explorer.shell.charts import chart_spec
from prevent_explorer.shell.components import chart_block
from prevent_explorer.shell.context import page_context
from prevent_explorer.shell.data import database, query
from prevent_explorer.shell.referral_data import (
    accept_upload,
    active_layer,
    drop_upload,
    referral_query,
    upload_issues,
    uses_upload,
)

ctx = page_context()
f, value, params = ctx.state, ctx.value, ctx.params
no_outcome = {k: v for k, v in params.items() if k != "outcomes"}

st.title("Referral explorer")
st.markdown(
    "Combine any filters (type of concern, outcome, referring sector, year, age, gender, region) on "
    "**one row per referral**. The published figures never cross these breakdowns, so this page works on "
    "referral-level data: the bundled synthetic demo, or your own export."
)

layer = active_layer()
startup_error = database().referrals_error
if startup_error is not None:
    st.error(
        "The referral file named when the app was started failed its checks, so the bundled demo data is shown instead:\n\n"
        + "\n".join(f"- {escape_markdown(str(i))}" for i in startup_error.issues)
    )

with st.expander("Use your own referral-level file (CSV or Parquet)", expanded=bool(upload_issues())):
    st.markdown(
        "Columns: `referral_id`, `year` (like 2018/19), `ideology`, `sector`, `age_group`, `gender`, `region`, "
        "`outcome`. Values as in Data & methods → Definitions (published labels or their groups); an empty cell "
        "means *Not known*. The file is checked and held **in memory only**: nothing is written to disk, and it "
        "is gone when you close the tab. Counts below 5 are shown as <5."
    )
    upload = st.file_uploader("Referral-level file", type=["csv", "parquet"], key="own_upload")
    accept_upload(upload)
    problems = upload_issues()
    if problems:
        kept = active_layer()
        still = (
            ""
            if kept is None
            else "The explorer still shows the synthetic demo data."
            if kept.is_synthetic
            else "The explorer still shows the file loaded before it."
        )
        st.error(
            f"**The file cannot be used: {len(problems)} problem{'s' if len(problems) != 1 else ''} found.** "
            f"Nothing was loaded from it; fix the file and upload it again. {still}\n\n"
            + "\n".join(f"- {escape_markdown(str(i))}" for i in problems)
        )
    if uses_upload():
        st.button("Back to the demo data", on_click=drop_upload, key="drop_upload")
    layer = active_layer()

if layer is None:
    st.info("No referral-level data is available: the demo file data/demo/referrals.parquet is missing.")
    st.stop()

if layer.is_synthetic:
    st.warning(f"**{layer.note}.** Only the published totals are real; see Data & methods.")
else:
    st.info(f"**{layer.label}.** {layer.note}")
outside = [y for y in ctx.years if y not in layer.years]  # e.g. a release newer than the demo file
if outside:
    st.warning(
        f"The referral-level data cover {layer.years[0]} to {layer.years[-1]}: {', '.join(outside)} "
        f"{'is' if len(outside) == 1 else 'are'} not in them, so the figures below leave "
        f"{'it' if len(outside) == 1 else 'them'} out. The Overview and Published figures show the published totals."
    )
threshold = layer.suppression_threshold
ctx.filters_used()
if threshold:
    st.caption(
        f"**<{threshold}**: fewer than {threshold} referrals. **[c]**: withheld, so that a small number cannot be worked out from the totals."
    )
note = [layer.note]
label = layer.label
filters_text = describe(f)

# --- How many, and how far they went ------------------------------------------------------------
funnel = ev.funnel(referral_query(layer, "referral_funnel", **no_outcome), threshold)
stages = dict(zip(funnel["stage"], funnel["display"], strict=True))
pct = dict(zip(funnel["stage"], funnel["percent_of_referred"], strict=True))
m1, m2, m3, m4 = st.columns(4)
m1.metric("Referrals matching", stages.get("Referred", "0"), help="Rows matching every filter except outcome.")
m2.metric("Discussed at a Channel panel", stages.get("Discussed at Channel", "0"))
m3.metric("Adopted as a Channel case", stages.get("Adopted as Channel case", "0"))
m4.metric(
    "Outcome not in this dataset" if layer.is_synthetic else "Outcome not known",
    stages.get("Outcome not in this dataset", stages.get("Outcome not known", "0")),
)

if layer.is_synthetic and f.year_from == f.year_to:
    cells = query("published_cells", measures=[m for _l, m in ev.FUNNEL_MEASURES], **f.span)
    ids = [s for s in cells["source_id"].dropna().unique()]
    titles = (
        dict(zip(*query("sources_by_id", source_ids=ids)[["source_id", "title"]].T.values, strict=True)) if ids else {}
    )
    real = ev.published_alongside(cells, f, titles)
    if real:
        st.caption(
            "**Published for exactly these filters** (real figures, beside the synthetic ones): " + "; ".join(real)
        )

total = referral_query(layer, "referral_total", **params)
matching = int(total["referrals"].iloc[0])

st.header("From referral to Channel")
funnel_view = ctx.view(
    "funnel", reasons={"outcomes": "the funnel shows every outcome of the referrals matching the other filters"}
)
ftitle = f"Referral outcomes ({describe(f, funnel_view.applied)})"
chart_block(
    chart_spec(
        charts.funnel_chart,
        funnel,
        ftitle,
        [
            label,
            "Discussed includes adopted; 'outcome not in this dataset': years whose outcome breakdown the project does not hold",
            *funnel_view.notes,
        ],
        value,
        ctx.palette.for_labels(funnel["stage"], "outcome"),
    )
    if stages.get("Referred") not in (None, "0")
    else None,
    ev.table(funnel, {"stage": "Stage", "referrals": "Referrals", "percent_of_referred": "% of referred"}),
    key="explorer_funnel",
    title=ftitle,
    filters_text=filters_text,
    notes=[*note, *funnel_view.notes],
    empty_message="No referrals match these filters.",
)

if matching == 0:
    st.info("No referrals match these filters. Remove a filter (or choose more years) to see more.")
else:
    # --- Ideology x agency ----------------------------------------------------------------------------
    st.header("Type of concern by referring sector")
    ctx.view("heatmap")
    heat = ev.heatmap(referral_query(layer, "referral_heatmap", **params), threshold)
    htitle = f"Referrals by type of concern and referring sector ({filters_text})"
    hsub = [label, "Counts" if value == "count" else "Share of the matching referrals (%)"]
    chart_block(
        chart_spec(charts.heatmap_chart, heat[~heat["is_total"]], htitle, hsub, value),
        ev.table(
            heat,
            {
                "ideology_group": "Type of concern",
                "sector_group": "Referring sector",
                "referrals": "Referrals",
                "percent": "% of matching",
            },
        ),
        key="explorer_heatmap",
        title=htitle,
        filters_text=filters_text,
        notes=note,
    )

    # --- Over the years -----------------------------------------------------------------------------------
    st.header("Over the years")
    ctx.view("trend")
    by = ctx.choice(
        "Break the years down by",
        list(ev.TREND_DIMENSIONS),
        key="trend_by",
        default="ideology",
        format_func=dimension_label,
        widget=st.segmented_control,
    )
    trend_raw = referral_query(layer, "referral_trend", by=by, **params)
    trend_gaps = Gaps(query("availability", measure="referrals", dimensions=[by], **f.span))
    trend = ev.trend(trend_raw, threshold)
    ttitle = f"Referrals by year and {dimension_label(by).lower()} ({filters_text})"
    chart_block(
        chart_spec(
            charts.stacked_breakdown_chart,
            ev.for_stacked_chart(trend, label),
            ttitle,
            [label, "Counts" if value == "count" else "Share of each year's matching referrals (%)"],
            value,
            dimension_label(by),
            ctx.palette.for_labels(ev.categories_in_order(trend_raw), by),
            y_title="Referrals" if value == "count" else "Share of the year's matching referrals (%)",
            years=ctx.years,
            empty_label="no matching referrals",
            gap_labels={  # a year whose breakdown is not in the published figures is a gap, not 0
                y: trend_gaps.state(y, "referrals", by)
                for y in referral_query(layer, "referral_unpublished_years", **params)["year"]
            },
        ),
        ev.table(
            trend,
            {"year": "Year", "category": dimension_label(by), "referrals": "Referrals", "percent": "% of the year"},
        ),
        key="explorer_trend",
        title=ttitle,
        filters_text=filters_text,
        notes=note,
    )

    # --- The table of one breakdown ----------------------------------------------------------------------
    st.header("Breakdown")
    ctx.view("breakdown")
    bd_by = ctx.choice(
        "Breakdown of the matching referrals by",
        list(ev.TREND_DIMENSIONS),
        key="table_by",
        default="outcome",
        format_func=dimension_label,
    )
    bd = ev.breakdown(referral_query(layer, "referral_breakdown", by=bd_by, **params), threshold)
    btitle = f"Referrals by {dimension_label(bd_by).lower()} ({filters_text})"
    chart_block(
        None,
        ev.table(bd, {"category": dimension_label(bd_by), "referrals": "Referrals", "percent": "% of matching"}),
        key="explorer_breakdown",
        title=btitle,
        filters_text=filters_text,
        notes=note,
        table_label=f"{btitle}: table",
        expanded=True,
    )
