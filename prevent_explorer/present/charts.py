"""Altair chart builders. Colours come from the one palette (present/palette.py): builders that colour
by label take a `colours` mapping (label -> colour, in legend order) built from it.

Every chart gets a title that states the filter, axis titles in plain words and tooltips with
exact values; missing values are left out of the marks (a gap, never a zero).

Built for speed as well (a chart is rebuilt whenever its filters change; profiled in
benchmarks/README.md): a layered chart carries its data on the layer, not on its subcharts (Altair
hashes a subchart's DataFrame through its printed text when layering), charts get only the
columns they draw, and titles, sizes and the theme are set as plain attributes (`.properties()`
validates the whole chart each time).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from prevent_explorer.present.chart_style import (
    CHANGE_NOTE,
    LEGEND,
    SUBTITLE_WIDTH,
    YEAR_LABELS,
    chart_title,
    finish,
    wrap_lines,
    year_axis,
)
from prevent_explorer.present.palette import (
    CHANGE_RULE,
    EMPTY_CELL,
    GAP_TEXT,
    LABEL_DARK,
    PROGRESS_STAGES,
    STATUSES,
    TEXT_MUTED,
    TRACK,
    sequential,
    text_on,
)


def change_rules(changes: pd.DataFrame, years: Sequence[str]) -> alt.Chart | None:
    """Vertical rules where a category scheme or recording system changed, labelled at the top."""
    if changes is None or changes.empty:
        return None
    marks = changes[changes["first_year"].isin(years)].copy()
    if marks.empty:
        return None
    marks["year"] = marks["first_year"]
    marks = marks.groupby("year", as_index=False).agg(change=("change", " | ".join))
    marks["label"] = "▼"
    base = alt.Chart().encode(x=alt.X("year:O"))
    rule = base.mark_rule(color=CHANGE_RULE, strokeDash=[4, 3]).encode(
        tooltip=[alt.Tooltip("year:O", title="From"), alt.Tooltip("change:N", title="What changed")]
    )
    text = base.mark_text(align="left", dx=4, dy=-6, fontSize=11, color=TEXT_MUTED).encode(
        y=alt.YValue(0), text=alt.Text("label:N")
    )
    return alt.layer(rule, text, data=marks)


def gap_marks(years: Sequence[str], label: str) -> alt.Chart:
    """What the gap is ('not in this dataset', 'not published', ...) written up from the axis in
    each empty year slot (never a zero bar)."""
    data = pd.DataFrame({"year": list(years), "label": label})
    return (
        alt.Chart(data)
        .mark_text(angle=270, align="left", baseline="middle", dx=6, fontSize=11, color=GAP_TEXT)
        .encode(
            x=alt.X("year:O"),
            y=alt.YDatum(0),
            text=alt.Text("label:N"),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("label:N", title="")],
        )
    )


def lines_chart(
    df: pd.DataFrame,
    title: str,
    subtitle: str | Sequence[str] | None,
    value: str,
    colours: Mapping[str, str],
    series_col: str = "line",
    changes: pd.DataFrame | None = None,
    y_title: str | None = None,
) -> alt.TopLevelMixin:
    """Lines over years, one per series (`colours`: series -> colour). `value` is 'count' or
    'percent'; missing values are gaps."""
    data = df[[series_col, "year", "count", "percent", "percent_of", "source_id"]].copy()
    data["display"] = data[value]
    present = [s for s in colours if s in set(data[series_col])]
    y_title = y_title or ("Number" if value == "count" else "Share (%)")
    tooltip = [
        alt.Tooltip(f"{series_col}:N", title="Series"),
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("count:Q", title="Count", format=",d"),
        alt.Tooltip("percent:Q", title="Share (%)"),
        alt.Tooltip("percent_of:N", title="Share of"),
        alt.Tooltip("source_id:N", title="Source"),
    ]
    base = alt.Chart().encode(
        x=year_axis(),
        y=alt.Y("display:Q", title=y_title, axis=alt.Axis(format=",d")),
        color=alt.Color(
            f"{series_col}:N",
            title=None,
            scale=alt.Scale(domain=present, range=[colours[s] for s in present]),
            sort=present,
            legend=LEGEND,
        ),
        tooltip=tooltip,
    )
    valid = "isValid(datum.display)"
    layers = [
        base.mark_line(strokeWidth=2.5, invalid="break-paths-filter-domains"),
        base.mark_point(filled=True, size=70).transform_filter(valid),
    ]
    rules = change_rules(changes, list(data["year"].unique())) if changes is not None else None
    if rules is not None:
        layers.append(rules)
        subtitle = [*wrap_lines(subtitle, SUBTITLE_WIDTH), CHANGE_NOTE]
    return finish(alt.layer(*layers, data=data), chart_title(title, subtitle))


def stacked_breakdown_chart(
    df: pd.DataFrame,
    title: str,
    subtitle: str | Sequence[str] | None,
    value: str,
    legend_title: str,
    colours: Mapping[str, str],
    changes: pd.DataFrame | None = None,
    y_title: str | None = None,
    years: Sequence[str] | None = None,
    gap_labels: Mapping[str, str] | None = None,
    empty_label: str = "not in this dataset",
) -> alt.TopLevelMixin:
    """Stacked bars by year: one segment per published category, coloured by its stable group.

    `value` is 'count' or 'percent'. Segments without a value are left out (not drawn as zero).
    An empty year of `years` says what its gap is: `gap_labels[year]` ('not published', 'not in
    this dataset', 'not collected'; present/gaps.py), else `empty_label`.
    """
    data = df.loc[
        df[value].notna(),
        ["year", "category", "category_group", "sort_order", "count", "percent", "percent_of", "source_id"],
    ]
    data["display"] = data[value]
    domain = [g for g in colours if g in set(data["category_group"])]
    y_title = y_title or ("Number" if value == "count" else "Share (%)")
    tooltip = [
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("category:N", title="Published label"),
        alt.Tooltip("category_group:N", title="Group"),
        alt.Tooltip("count:Q", title="Count", format=",d"),
        alt.Tooltip("percent:Q", title="Share (%)"),
        alt.Tooltip("percent_of:N", title="Share of"),
        alt.Tooltip("source_id:N", title="Source"),
    ]
    pick = alt.selection_point(fields=["category_group"], bind="legend", name="legend_pick")
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=year_axis(years=years),
            y=alt.Y("display:Q", title=y_title, stack="zero", axis=alt.Axis(format=",d")),
            color=alt.Color(
                "category_group:N",
                title=legend_title,
                scale=alt.Scale(domain=domain, range=[colours[g] for g in domain]),
                sort=domain,
                legend=LEGEND,
            ),
            order=alt.Order("sort_order:Q"),
            # typed (alt.condition gives a dict, which encode() validates against the schema)
            opacity=alt.OpacityValue(value=0.25, condition={"param": pick.name, "value": 1.0}),
            tooltip=tooltip,
        )
        .add_params(pick)
    )
    layers = [bars]
    empty = [y for y in (years or []) if y not in set(data["year"])]
    labels = {y: (gap_labels or {}).get(y, empty_label) for y in empty}
    for label in dict.fromkeys(labels.values()):
        layers.append(gap_marks([y for y in empty if labels[y] == label], label))
    rules = change_rules(changes, list(df["year"].unique())) if changes is not None else None
    if rules is not None:
        layers.append(rules)
        subtitle = [*wrap_lines(subtitle, SUBTITLE_WIDTH), CHANGE_NOTE]
    return finish(alt.layer(*layers, data=data), chart_title(title, subtitle), height=400)


def share_lines_chart(
    df: pd.DataFrame,
    title: str,
    subtitle: str | Sequence[str] | None,
    colours: Mapping[str, str],
    legend_title: str = "Type of concern",
    y_title: str = "Share of all referrals (%)",
    changes: pd.DataFrame | None = None,
) -> alt.TopLevelMixin:
    """Shares by group over years (one base, said in `y_title`); published shares filled, calculated
    ones hollow. Each group sits a little apart within its year, so equal shares stay distinguishable."""
    data = df[df["share"].notna()].copy()
    domain = [g for g in colours if g in set(data["category_group"])]
    tooltip = [
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("category:N", title="Published label"),
        alt.Tooltip("share:Q", title="Share (%)", format=".1f"),
        alt.Tooltip("share_basis:N", title="Share is"),
        alt.Tooltip("count:Q", title="Count", format=",d"),
        alt.Tooltip("source_id:N", title="Source"),
    ]
    base = alt.Chart().encode(
        x=alt.X(
            "year:O",
            title="Reporting year (April to March)",
            axis=YEAR_LABELS,
            scale=alt.Scale(type="band", paddingInner=0.3),
        ),
        xOffset=alt.XOffset("category_group:N", scale=alt.Scale(domain=domain)),
        y=alt.Y("share:Q", title=y_title),
        color=alt.Color(
            "category_group:N",
            title=legend_title,
            scale=alt.Scale(domain=domain, range=[colours[g] for g in domain]),
            sort=domain,
            legend=LEGEND,
        ),
        tooltip=tooltip,
    )
    # One line per group where the group has a single published label that year (line_key); other points stand alone.
    line = base.mark_line(strokeWidth=2).encode(detail=alt.Detail("line_key:N"))
    published = base.mark_point(size=80, filled=True).transform_filter("datum.share_basis == 'published'")
    calculated = base.mark_point(size=80, filled=False, strokeWidth=2).transform_filter(
        "datum.share_basis != 'published'"
    )
    layers = [line, published, calculated]
    rules = change_rules(changes, list(df["year"].unique())) if changes is not None else None
    if rules is not None:
        layers.append(rules)
        subtitle = [*wrap_lines(subtitle, SUBTITLE_WIDTH), CHANGE_NOTE]
    return finish(alt.layer(*layers, data=data), chart_title(title, subtitle), height=340)


def coverage_chart(df: pd.DataFrame, title: str, subtitle: str | Sequence[str] | None = None) -> alt.TopLevelMixin:
    """Year x breakdown grid: how many figures are published (0 shows as 'none'). Each cell's
    colour is computed here, and its text colour from it, so that every label keeps its contrast."""
    data = df.copy()
    data["label"] = data["figures"].map(lambda n: "none" if n == 0 else str(n))
    top = float(data["figures"].max() or 0)
    data["fill"] = [EMPTY_CELL if n == 0 else sequential(float(n), top) for n in data["figures"]]
    data["ink"] = data["fill"].map(text_on)
    rows = list(dict.fromkeys(data["breakdown"]))
    base = alt.Chart().encode(
        x=year_axis(),
        y=alt.Y("breakdown:N", title=None, sort=rows, axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip("breakdown:N", title="Breakdown"),
            alt.Tooltip("year:O", title="Year"),
            alt.Tooltip("figures:Q", title="Published figures"),
            alt.Tooltip("with_count:Q", title="With a count"),
            alt.Tooltip("categories:N", title="Categories"),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(color=alt.Color("fill:N", scale=None))
    text = base.mark_text(fontSize=11).encode(text=alt.Text("label:N"), color=alt.Color("ink:N", scale=None))
    return finish(alt.layer(cells, text, data=data), chart_title(title, subtitle), height=190 + 36 * len(rows))


def agency_status_chart(df: pd.DataFrame, title: str, subtitle: str | Sequence[str] | None = None) -> alt.TopLevelMixin:
    """Recommendations per agency addressed, stacked by status. Long agency names and statuses take
    two lines, so that the bars keep their room on a phone."""
    domain = [s for s in STATUSES if s in set(df["status"])]
    data = df.assign(agency_label=df["agency"].map(lambda a: "|".join(textwrap.wrap(a, 18))))
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(
                "agency_label:N",
                title=None,
                sort="-x",
                axis=alt.Axis(labelLimit=0, labelExpr="split(datum.label, '|')"),
            ),
            x=alt.X("sum(recommendations):Q", title="Recommendations", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "status:N",
                title="Status",
                scale=alt.Scale(domain=domain, range=[STATUSES[s] for s in domain]),
                sort=domain,
                legend=alt.Legend(
                    orient="bottom",
                    direction="vertical",
                    columns=1,
                    labelLimit=0,
                    labelExpr="split(replace(datum.label, ' (', '| ('), '|')",
                ),
            ),
            order=alt.Order("status_order:Q"),
            tooltip=[
                alt.Tooltip("agency:N", title="Agency"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("recommendations:Q", title="Recommendations"),
            ],
        )
        .transform_calculate(status_order="indexof(" + str(domain) + ", datum.status)")
    )
    return finish(chart, chart_title(title, subtitle), height=60 + 44 * df["agency"].nunique())


def progress_chart(df: pd.DataFrame, title: str, subtitle: str | Sequence[str] | None = None) -> alt.TopLevelMixin:
    """One bar per dated statement: how many were done (coloured) out of how many (grey). Row labels
    are wrapped (report, then date, stage and unit) so that they are never cut and the bars keep room."""
    data = df.copy()
    data["when"] = pd.to_datetime(data["as_of"]).dt.strftime("%b %Y")
    detail = data["when"] + " · " + data["stage"] + " (" + data["unit"] + ")"
    data["row"] = [
        "|".join([*textwrap.wrap(r, 22), *textwrap.wrap(d, 22)]) for r, d in zip(data["report"], detail, strict=True)
    ]
    data["label"] = data["done"].astype(int).astype(str) + " of " + data["total"].astype(int).astype(str)
    order = list(data.sort_values(["report", "as_of", "unit"])["row"])
    y = alt.Y("row:N", title=None, sort=order, axis=alt.Axis(labelLimit=0, labelExpr="split(datum.label, '|')"))
    tooltip = [
        alt.Tooltip("report:N", title="Report"),
        alt.Tooltip("when:N", title="As of"),
        alt.Tooltip("label:N", title="Done"),
        alt.Tooltip("statement:N", title="Statement"),
        alt.Tooltip("statement_source_title:N", title="Source"),
    ]
    base = alt.Chart().encode(y=y, tooltip=tooltip)
    axis = alt.Axis(format="d", tickMinStep=1)
    total = base.mark_bar(color=TRACK, size=22).encode(x=alt.X("total:Q", title="Number", axis=axis))
    done = base.mark_bar(size=22).encode(
        x=alt.X("done:Q", axis=axis),
        color=alt.Color(
            "stage:N",
            title="Stage",
            scale=alt.Scale(domain=list(PROGRESS_STAGES), range=list(PROGRESS_STAGES.values())),
            legend=LEGEND,
        ),
    )
    text = base.mark_text(align="left", dx=4, fontSize=12, color=LABEL_DARK).encode(
        x=alt.X("total:Q"), text=alt.Text("label:N")
    )
    return finish(alt.layer(total, done, text, data=data), chart_title(title, subtitle), height=40 + 64 * len(data))


def funnel_chart(
    df: pd.DataFrame, title: str, subtitle: str | Sequence[str] | None, value: str, colours: Mapping[str, str]
) -> alt.TopLevelMixin:
    """Referred -> discussed at Channel -> adopted as horizontal bars (`colours`: stage -> colour);
    `display` labels (e.g. '<5')."""
    data = df[["stage", "referrals", "display", "percent_of_referred"]].copy()
    if value == "count":
        data["shown"] = data["referrals"]
        data["label"] = data["display"]
    else:
        data["shown"] = data["percent_of_referred"]
        data["label"] = data["percent_of_referred"].map(lambda v: "" if pd.isna(v) else f"{v:.1f}%")
    order = list(data["stage"])
    base = alt.Chart().encode(
        y=alt.Y("stage:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip("stage:N", title="Stage"),
            alt.Tooltip("display:N", title="Referrals"),
            alt.Tooltip("percent_of_referred:Q", title="% of referred", format=".1f"),
        ],
    )
    bars = base.mark_bar().encode(
        x=alt.X(
            "shown:Q",
            title="Referrals" if value == "count" else "Share of referred (%)",
            axis=alt.Axis(format=",d" if value == "count" else "d"),
        ),
        color=alt.Color("stage:N", scale=alt.Scale(domain=order, range=[colours[s] for s in order]), legend=None),
    )
    # labels sit at the end of the bar, or at 0 where the value is withheld ('<5')
    labels = (
        base.mark_text(align="left", dx=4, fontSize=12, color=LABEL_DARK)
        .encode(x=alt.X("label_x:Q"), text=alt.Text("label:N"))
        .transform_calculate(label_x="isValid(datum.shown) ? datum.shown : 0")
    )
    return finish(alt.layer(bars, labels, data=data), chart_title(title, subtitle), height=120 + 42 * len(data))


def heatmap_chart(df: pd.DataFrame, title: str, subtitle: str | Sequence[str] | None, value: str) -> alt.TopLevelMixin:
    """Ideology (rows) x referring sector (columns). Cells carry a `display` text (exact value, or
    '<5' for own data); each cell's colour is computed here, and its text colour from it."""
    data = df.copy()
    data["shown"] = data["referrals"] if value == "count" else data["percent"]
    data["label"] = (
        data["display"] if value == "count" else data["percent"].map(lambda v: "" if pd.isna(v) else f"{v:.1f}%")
    )
    top = float(data["shown"].max()) if data["shown"].notna().any() else 0.0
    data["fill"] = [EMPTY_CELL if pd.isna(v) else sequential(float(v), top) for v in data["shown"]]
    data["ink"] = data["fill"].map(text_on)
    # long type-of-concern names take two or three lines ('|' is a line break in the axis labels)
    data["ideology_label"] = data["ideology_group"].map(lambda g: "|".join(textwrap.wrap(g, 16)))
    rows = list(dict.fromkeys(data.sort_values("ideology_sort")["ideology_label"]))
    cols = list(dict.fromkeys(data.sort_values("sector_sort")["sector_group"]))
    data = data[["ideology_group", "ideology_label", "sector_group", "display", "percent", "label", "fill", "ink"]]
    base = alt.Chart().encode(
        x=alt.X(
            "sector_group:N",
            title="Referring sector (agency)",
            sort=cols,
            axis=alt.Axis(labelAngle=-45, labelAlign="left", labelLimit=0, labelOverlap=False, orient="top"),
        ),
        y=alt.Y(
            "ideology_label:N", title=None, sort=rows, axis=alt.Axis(labelLimit=0, labelExpr="split(datum.label, '|')")
        ),
        tooltip=[
            alt.Tooltip("ideology_group:N", title="Type of concern"),
            alt.Tooltip("sector_group:N", title="Referring sector"),
            alt.Tooltip("display:N", title="Referrals"),
            alt.Tooltip("percent:Q", title="% of matching referrals", format=".2f"),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(color=alt.Color("fill:N", scale=None))
    # cell labels turn upright when the cells are narrow (a phone), so that numbers never overlap
    narrow = f"width / {max(len(cols), 1)} < 48"
    text = base.mark_text(fontSize=11, angle=alt.ExprRef(expr=f"{narrow} ? 270 : 0")).encode(
        text=alt.Text("label:N"), color=alt.Color("ink:N", scale=None)
    )
    rows_title = ["Rows: type of concern; columns: referring sector; darker cells hold more referrals"]
    subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    return finish(
        alt.layer(cells, text, data=data), chart_title(title, [*subtitle, *rows_title]), height=220 + 44 * len(rows)
    )
