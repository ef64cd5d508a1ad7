"""Published figures: any measure by any published breakdown, with the source of every number,
the coverage grid (what is published for which year) and the conflicts between sources."""

import streamlit as st

from prevent_explorer.filters import FIELD_OF_DIMENSION, describe, describe_years
from prevent_explorer.loading.schema import MEASURES
from prevent_explorer.present import charts, views
from prevent_explorer.present.formatting import dimension_label, measure_label
from prevent_explorer.shell.charts import chart_spec
from prevent_explorer.shell.components import chart_block, display_table, table_with_download
from prevent_explorer.shell.context import page_context
from prevent_explorer.shell.data import query

ctx = page_context()
f, value, span = ctx.state, ctx.value, ctx.state.span

st.title("Published figures")
st.markdown(
    "Every figure the project found in the Home Office releases, written answers and reports quoting them, "
    "**as published**: choose a measure and a breakdown. Each number links to its source; where sources disagree, "
    "the preferred value is shown and the others are listed below."
)

c1, c2, c3 = st.columns([5, 5, 3])
with c1:
    measure = ctx.choice("Measure", list(MEASURES), key="measure", default="referrals", format_func=measure_label)
with c2:
    dimension = ctx.choice(
        "Broken down by",
        ["total", "ideology", "sector", "age_group", "gender", "region", "outcome"],
        key="by",
        default="ideology",
        format_func=dimension_label,
    )
with c3:
    extras = ctx.choice(
        "Also show",
        ["subtotals", "cross-tabs"],
        key="extras",
        default=[],
        multi=True,
        widget=st.pills,
        help="Subtotals and overlapping bands (e.g. 'Under 18'), bases (denominators) and sums printed by one source; "
        "cross-tabulations such as 'North East / Islamist'.",
    )

field = FIELD_OF_DIMENSION.get(dimension)
ctx.use_only(["years", "value_mode", *([field] if field else [])])
ctx.filters_used()

# --- Chart and table --------------------------------------------------------------------------
if dimension == "total":
    df = query("measure_trend", measures=[measure], **span)
    df["line"] = measure_label(measure)
    title = f"{measure_label(measure)}, {describe_years(f)}"
    chart = chart_spec(
        charts.lines_chart,
        df,
        title,
        "As published; gaps are years with nothing published",
        value,
        ctx.palette.for_labels(df["line"]),
    )
    table = display_table(
        df[["year", "count", "percent", "percent_of", "source_id", "percent_source_id", "quality", "values_conflict"]],
        ["count"],
        ["percent"],
    )
    sources = list(df["source_id"]) + list(df["percent_source_id"])
else:
    groups = f.groups(dimension)
    roles = ["part", "subtotal", "base", "combined"] if "subtotals" in extras else ["part"]
    df = query(
        "breakdown",
        measure=measure,
        dimension=dimension,
        groups=groups,
        roles=roles,
        include_cross_tabs="cross-tabs" in extras,
        **span,
    )
    chosen = ", ".join(groups) if groups else "all categories"
    title = f"{measure_label(measure)} by {dimension_label(dimension).lower()} ({chosen}), {describe_years(f)}"
    parts = df[(df["role"] == "part") & df["cross_dimension"].isna()]
    if value == "count" or parts["percent"].notna().any():
        chart = chart_spec(
            charts.stacked_breakdown_chart,
            parts,
            title,
            "Published parts only (subtotals and cross-tabs are in the table). Missing segments were not published."
            if value == "count"
            else "Shares as published; each share's base is in the table.",
            value,
            dimension_label(dimension),
            ctx.palette.for_dimension(dimension),
            y_title=None if value == "count" else "Share (%), as published",
            years=ctx.years,
        )
    else:
        chart = None
    table = display_table(views.breakdown_table(df), ["Count"], ["Share (%)"])
    sources = list(df["source_id"]) + list(df["percent_source_id"])

chart_block(
    chart,
    table,
    key="published",
    title=title,
    filters_text=describe(f, [field] if field else []),
    source_ids=sources,
    empty_message=f"Nothing was published for {measure_label(measure).lower()} by {dimension_label(dimension).lower()} in {describe_years(f)} with these filters.",
    expanded=True,
)

# --- Coverage grid ------------------------------------------------------------------------------------
st.subheader("What is published for which year")
grid = query("coverage_grid", measures=[measure])
grid["breakdown"] = grid["dimension"].map(dimension_label)
grid = grid[(grid["year"] >= f.year_from) & (grid["year"] <= f.year_to)]
gtitle = f"Published figures for {measure_label(measure).lower()}, by breakdown and year"
chart_block(
    chart_spec(
        charts.coverage_chart,
        grid,
        gtitle,
        "Number of categories with a published value; 'none' means nothing was published",
    ),
    grid[["year", "breakdown", "figures", "with_count", "cross_tabs", "categories"]].rename(
        columns={"figures": "published_figures", "with_count": "with_a_count"}
    ),
    key="coverage",
    title=gtitle,
    filters_text=describe_years(f),
)

# --- Conflicts between sources -------------------------------------------------------------------------
st.subheader("Where sources disagree")
conflicts = query("figure_conflicts", measures=[measure], **span)
n = conflicts.groupby(["year", "measure", "dimension", "category"]).ngroups if not conflicts.empty else 0
with st.expander(
    f"{n} figure{'s' if n != 1 else ''} for {measure_label(measure).lower()} with more than one published value in {describe_years(f)}"
):
    if conflicts.empty:
        st.info("All sources agree for this measure and these years.")
    else:
        st.caption(
            "The preferred value is shown in the charts; the rules are in Data & methods. Values flagged 'doubtful' or 'low' are never preferred unless they are the only one."
        )
        ctable = conflicts[
            [
                "year",
                "dimension",
                "category",
                "count",
                "percent",
                "is_preferred",
                "quality",
                "preference_reason",
                "title",
                "publisher",
                "kind",
                "url",
            ]
        ]
        table_with_download(
            ctable,
            key="conflicts",
            title="conflicts between sources",
            filters_text=f"{measure_label(measure)}; {describe_years(f)}",
            source_ids=list(conflicts["source_id"]),
            column_config={
                "url": st.column_config.LinkColumn("Address"),
                "is_preferred": st.column_config.CheckboxColumn("Preferred"),
            },
        )
