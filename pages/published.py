"""Published figures: any measure by any published breakdown, with the source of every number,
the coverage grid (what is published for which year) and the conflicts between sources."""

import pandas as pd
import streamlit as st

from prevent_explorer.filters import FIELD_OF_DIMENSION, describe, describe_years
from prevent_explorer.loading.vocabulary import DIMENSIONS, MEASURES
from prevent_explorer.outcomes import OUTCOMES
from prevent_explorer.present import charts, views
from prevent_explorer.present.filter_notes import BY
from prevent_explorer.present.formatting import dimension_label, measure_label
from prevent_explorer.present.gaps import LEGEND as GAPS_LEGEND
from prevent_explorer.present.gaps import Gaps
from prevent_explorer.shell.briefing import briefing_download
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
        list(DIMENSIONS),
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
picked = [OUTCOMES[o] for o in f.outcomes]
as_measures = [o for o in picked if o.is_measure and o.measure != measure]
reasons = {x: f"published breakdowns are one-way: choose '{BY[x]}' as the breakdown to apply it" for x in BY}
if as_measures:
    names = " and ".join(f"'{o.label}'" for o in as_measures)
    reasons["outcomes"] = (
        f"{names} {'is' if len(as_measures) == 1 else 'are'} published as a measure of its own: choose it as the measure"
    )
view = ctx.view("chart", applied=("years", "value_mode", *([field] if field else [])), reasons=reasons)
ctx.filters_used()
if as_measures:
    for o in as_measures:
        st.button(
            f"Show '{o.label}' as the measure",
            key=f"switch_to_{o.measure}",
            on_click=ctx.choose(measure=o.measure, by="total"),
            help="It is published as a measure of its own (a total each year, and some breakdowns), not as an outcome category.",
        )

# --- Chart and table --------------------------------------------------------------------------
totals = query("measure_trend", measures=[measure], **span)
gaps = Gaps(query("availability", measure=measure, dimensions=[dimension], **span))
if dimension == "total":
    df = views.with_status(totals.assign(line=measure_label(measure)), lambda r: gaps.state(r["year"], measure))
    gap_note = views.gaps_caption(df, value)
    title = f"{measure_label(measure)}, {describe_years(f)}"
    chart = chart_spec(
        charts.lines_chart,
        df,
        title,
        ["As published", *([gap_note] if gap_note else []), *view.notes],
        value,
        ctx.palette.for_labels(df["line"]),
    )
    table = display_table(
        df[
            [
                "year",
                "count",
                "percent",
                "percent_of",
                "status",
                "source_id",
                "percent_source_id",
                "quality",
                "values_conflict",
            ]
        ],
        ["count"],
        ["percent"],
    )
    sources = list(df["source_id"]) + list(df["percent_source_id"])
else:
    # the outcome categories chosen (outcomes counted as measures of their own are pointed to above)
    groups = [o.outcome_group for o in picked if not o.is_measure] if dimension == "outcome" else f.groups(dimension)
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
    only_measures = dimension == "outcome" and picked and not groups  # every outcome chosen is a measure of its own
    if only_measures:
        df = df.iloc[0:0]
    chosen = ", ".join(groups) if groups else "all categories"
    title = f"{measure_label(measure)} by {dimension_label(dimension).split(' (')[0].lower()} ({chosen}), {describe_years(f)}"
    if dimension == "outcome" and as_measures:
        view.notes.append(
            " and ".join(f"'{o.label}'" for o in as_measures)
            + ": published as a measure of its own, not as an outcome category (see the button above)"
        )
    parts = df[(df["role"] == "part") & df["cross_dimension"].isna()]
    colours = ctx.palette.for_dimension(dimension)
    if value == "count":
        shown = parts if groups or only_measures else views.with_remainder(parts, totals, measure)
        empty_years = [y for y in ctx.years if y not in set(shown["year"])]
        subtitle = [
            "Published counts (subtotals and cross-tabs are in the table)"
            + ("" if groups else "; grey: the rest of the published total, with no count in this dataset"),
            *([GAPS_LEGEND] if empty_years else []),
            *view.notes,
        ]
        chart = chart_spec(
            charts.stacked_breakdown_chart,
            shown,
            title,
            subtitle,
            "count",
            dimension_label(dimension),
            ctx.palette.for_labels([*colours, *shown["category_group"]], dimension),
            years=ctx.years,
            gap_labels={y: gaps.state(y, measure, dimension) for y in empty_years},
        )
        df = pd.concat([df, shown[shown["role"] == "remainder"]], ignore_index=True)
    else:
        base = views.SHARE_BASES.get(measure) or (
            parts["percent_of"].mode().iat[0] if parts["percent_of"].notna().any() else ""
        )
        same_base = parts[parts["percent_of"] == base]
        others = sorted(set(parts.loc[parts["percent"].notna() & (parts["percent_of"] != base), "percent_of"]))
        subtitle = [
            f"Shares of {base}, as published",
            *([f"Shares of another base are in the table only ({'; '.join(others)})"] if others else []),
            *view.notes,
        ]
        chart = (
            chart_spec(
                charts.stacked_breakdown_chart,
                same_base,
                title,
                subtitle,
                "percent",
                dimension_label(dimension),
                colours,
                y_title=f"Share of {base} (%)",
                years=ctx.years,
                empty_label="no share here",
            )
            if same_base["percent"].notna().any()
            else None
        )
    df = views.with_status(df, lambda r: gaps.state(r["year"], measure, dimension, r["category"]))
    table = display_table(views.breakdown_table(df), ["Count"], ["Share (%)"])
    sources = list(df["source_id"]) + list(df["percent_source_id"])

chart_block(
    chart,
    table,
    key="published",
    title=title,
    filters_text=describe(f, view.applied),
    source_ids=sources,
    notes=view.notes,
    empty_message=(
        f"No figures for {measure_label(measure).lower()} by {dimension_label(dimension).lower()} "
        f"in {describe_years(f)} with these filters."
        + (" The outcome chosen is a measure of its own: use the button above." if as_measures else "")
    ),
    expanded=True,
)

# --- Coverage grid ------------------------------------------------------------------------------------
st.header("What is published for which year")
grid = query("coverage_grid", measures=[measure])
grid["breakdown"] = grid["dimension"].map(dimension_label)
grid = grid[(grid["year"] >= f.year_from) & (grid["year"] <= f.year_to)]
gtitle = f"Published figures for {measure_label(measure).lower()}, by breakdown and year"
coverage = ctx.view("coverage", reasons={x: "the grid counts every figure published" for x in BY})
chart_block(
    chart_spec(
        charts.coverage_chart,
        grid,
        gtitle,
        ["Number of categories with a published value; 'none' means nothing was published", *coverage.notes],
    ),
    grid[["year", "breakdown", "figures", "with_count", "cross_tabs", "categories"]].rename(
        columns={"figures": "published_figures", "with_count": "with_a_count"}
    ),
    key="coverage",
    title=gtitle,
    filters_text=describe_years(f),
    notes=coverage.notes,
)

# --- Conflicts between sources -------------------------------------------------------------------------
st.header("Where sources disagree")
conflicts = query("figure_conflicts", measures=[measure], **span)
n = conflicts.groupby(["year", "measure", "dimension", "category"]).ngroups if not conflicts.empty else 0
with st.expander(
    f"{n} figure{'s' if n != 1 else ''} for {measure_label(measure).lower()} with more than one published value in {describe_years(f)}"
):
    listed = ctx.view("conflicts", reasons={x: "every figure of the measure is listed" for x in BY})
    if listed.notes:
        st.caption(" ".join(listed.notes))
    if conflicts.empty:
        st.info("All sources agree for this measure and these years.")
    else:
        st.caption(
            "The preferred value is shown in the charts; the rules are in Data & methods. Values flagged 'doubtful' are never preferred unless they are the only one; values flagged 'low' are never preferred."
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

# --- This view as a PDF for a meeting: the filters, the charts drawn above and their sources ---------------
st.divider()
briefing_download(
    f"Published figures: {measure_label(measure)} by {dimension_label(dimension).split(' (')[0].lower()}",
    notes=view.notes,
    intro="Every figure as published, with its source; where sources disagree, the preferred value is shown.",
)
