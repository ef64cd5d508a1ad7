"""One small chart from every builder of prevent_explorer/present/charts.py, as the Vega-Lite spec
the app sends (data inline in `datasets`, as shell/charts.py makes it), for the image and briefing
tests. Made from a few rows each: no database, no Streamlit.

    specs = sample_specs()     # {'lines_chart': {...}, 'stacked_breakdown_chart': {...}, ...}
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from prevent_explorer.present import charts

YEARS = ["2021/22", "2022/23", "2023/24", "2024/25"]
UNPUBLISHED_YEAR = "2022/23"  # the stacked chart's year with no published breakdown
TITLES = {
    "lines_chart": ("Referrals and what happened to them, 2021/22 to 2024/25", "Counts as published"),
    "stacked_breakdown_chart": (
        "Referrals by type of concern (all types of concern), 2021/22 to 2024/25",
        "Published counts, coloured by stable group",
    ),
    "share_lines_chart": ("Share of all referrals by type of concern", "Filled points: share as published"),
    "coverage_chart": ("Published figures for referrals, by breakdown and year", "How many figures are published"),
    "agency_status_chart": ("Recommendations by agency addressed and status", "A recommendation to two counts twice"),
    "progress_chart": ("How many recommendations the government said were delivered", "Each bar is one statement"),
    "funnel_chart": ("Referral outcomes (2024/25)", "Synthetic demo data"),
    "heatmap_chart": ("Referrals by type of concern and referring sector", "Synthetic demo data"),
}
CHANGES = pd.DataFrame({"first_year": ["2024/25"], "change": ["New case management system"], "dimension": ["all"]})


def _to_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """As shell/charts.py: no theme, data inline."""
    with alt.theme.enable("none"), alt.data_transformers.enable("default", max_rows=None):
        return chart.to_dict(validate=False)


def _lines() -> alt.TopLevelMixin:
    rows = []
    for i, year in enumerate(YEARS):
        rows.append(dict(year=year, line="Referrals", count=6000 + 500 * i, source_id="ho-release"))
        adopted = None if year == "2022/23" else 600 + 100 * i  # a gap in the line
        rows.append(dict(year=year, line="Adopted as a Channel case", count=adopted, source_id="ho-release"))
    df = pd.DataFrame(rows).assign(percent=None, percent_of="")
    colours = {"Referrals": "#0B5CAD", "Adopted as a Channel case": "#D55E00"}
    return charts.lines_chart(df, *TITLES["lines_chart"], "count", colours, changes=CHANGES)


def _stacked() -> alt.TopLevelMixin:
    rows = []
    for year in YEARS:
        if year == UNPUBLISHED_YEAR:
            continue
        for order, (group, n) in enumerate((("Islamist", 1000), ("Extreme right-wing", 1500))):
            rows.append(dict(year=year, category=group, category_group=group, count=n, sort_order=order))
    df = pd.DataFrame(rows).assign(percent=None, percent_of="", source_id="ho-release")
    colours = {"Islamist": "#0072B2", "Extreme right-wing": "#D55E00"}
    return charts.stacked_breakdown_chart(
        df,
        *TITLES["stacked_breakdown_chart"],
        "count",
        "Type of concern",
        colours,
        changes=CHANGES,
        years=YEARS,
        gap_labels={UNPUBLISHED_YEAR: "not published"},
    )


def _shares() -> alt.TopLevelMixin:
    rows = []
    for year in YEARS:
        for group, share in (("Islamist", 12.5), ("Extreme right-wing", 20.0)):
            basis = "published" if year != "2023/24" else "calculated from published counts"
            rows.append(
                dict(year=year, category=group, category_group=group, share=share, share_basis=basis, count=100)
            )
    df = pd.DataFrame(rows).assign(source_id="ho-release", line_key=lambda d: d["category_group"])
    colours = {"Islamist": "#0072B2", "Extreme right-wing": "#D55E00"}
    return charts.share_lines_chart(df, *TITLES["share_lines_chart"], colours)


def _coverage() -> alt.TopLevelMixin:
    rows = [
        dict(breakdown=b, year=y, figures=n, with_count=n, categories="a, b")
        for b, n0 in (("Type of concern", 8), ("Referring sector", 0))
        for y, n in zip(YEARS, (n0, n0 + 1, 0, n0), strict=True)
    ]
    return charts.coverage_chart(pd.DataFrame(rows), *TITLES["coverage_chart"])


def _agency() -> alt.TopLevelMixin:
    df = pd.DataFrame(
        dict(
            agency=["Home Office", "Home Office", "DfE"],
            status=["Accepted", "In progress", "Not known"],
            recommendations=[5, 2, 1],
        )
    )
    return charts.agency_status_chart(df, *TITLES["agency_status_chart"])


def _progress() -> alt.TopLevelMixin:
    df = pd.DataFrame(
        dict(
            report=["Independent Review of Prevent (2023)"] * 2,
            as_of=["2023-09-01", "2024-02-01"],
            stage=["delivered", "delivered"],
            unit=["recommendations", "recommendations"],
            done=[10, 30],
            total=[34, 34],
            statement=["10 of 34 delivered", "30 of 34 delivered"],
            statement_source_title=["Home Office", "Home Office"],
        )
    )
    return charts.progress_chart(df, *TITLES["progress_chart"])


def _funnel() -> alt.TopLevelMixin:
    df = pd.DataFrame(
        dict(
            stage=["Referred", "Discussed at Channel", "Adopted as Channel case"],
            referrals=[8000, 1500, None],
            display=["8,000", "1,500", "<5"],
            percent_of_referred=[100.0, 18.75, None],
        )
    )
    colours = {"Referred": "#0B5CAD", "Discussed at Channel": "#E69F00", "Adopted as Channel case": "#D55E00"}
    return charts.funnel_chart(df, *TITLES["funnel_chart"], "count", colours)


def _heatmap() -> alt.TopLevelMixin:
    rows = [
        dict(ideology_group=i, sector_group=s, ideology_sort=a, sector_sort=b, referrals=n, display=f"{n:,}")
        for a, i in enumerate(("Islamist", "Extreme right-wing"))
        for b, s in enumerate(("Education", "Police"))
        for n in [100 * (a + 1) * (b + 2)]
    ]
    df = pd.DataFrame(rows).assign(percent=lambda d: 100 * d["referrals"] / d["referrals"].sum())
    return charts.heatmap_chart(df, *TITLES["heatmap_chart"], "count")


BUILDERS = {
    "lines_chart": _lines,
    "stacked_breakdown_chart": _stacked,
    "share_lines_chart": _shares,
    "coverage_chart": _coverage,
    "agency_status_chart": _agency,
    "progress_chart": _progress,
    "funnel_chart": _funnel,
    "heatmap_chart": _heatmap,
}


def sample_specs() -> dict[str, dict[str, Any]]:
    """Builder name -> the spec of a small chart it made."""
    return {name: _to_spec(make()) for name, make in BUILDERS.items()}
