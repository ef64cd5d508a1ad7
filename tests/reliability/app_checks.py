"""Run a page through AppTest and check what it shows: no exception, and invariants that must hold
for any filters (the parts add up to the whole shown, counts are formatted, the URL is clean)."""

from __future__ import annotations

import numbers
import re
from dataclasses import replace

import pandas as pd
from streamlit.testing.v1 import AppTest

from harness.apptest import metrics, table, url
from prevent_explorer.filters import MULTI_FILTERS, FilterState, parse_query_params
from prevent_explorer.present.gaps import STATES as GAP_STATES
from prevent_explorer.shell.data import filter_options, query
from prevent_explorer.shell.sidebar import KEYS, MODE_KEY, YEARS_KEY

GLOBAL_KEYS = {"from", "to", "show", *(k for _f, k, _l, _d in MULTI_FILTERS)}
PAGE_KEYS = {
    "overview": set(),
    "published": {"p_measure", "p_by", "p_extras"},
    "explorer": {"p_trend_by", "p_table_by"},
    "recommendations": {"p_report", "p_agency", "p_theme", "p_status"},
    "data": {"p_definitions", "p_kinds"},
}
HEADINGS = {
    "overview": "Prevent referrals at a glance",
    "published": "Published figures",
    "explorer": "Referral explorer",
    "recommendations": "Recommendations about Prevent",
    "data": "Data & methods",
}
NOTICE = "Some settings in this link could not be used"
COUNT = re.compile(r"^(\d{1,3}(,\d{3})*|<\d+|\[c\]|not published|Not published)$")
GAP_VALUES = "|".join(re.escape(g[:1].upper() + g[1:]) for g in GAP_STATES)  # a card's gap says which it is
METRIC = re.compile(rf"^(\d{{1,3}}(,\d{{3}})*|<\d+|\[c\]|{GAP_VALUES}|\d+(\.\d+)?% of .+)$")
PERCENT = re.compile(r"^(\d+(\.\d+)?%)?$")


class Failure(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


def number(text: str) -> int:
    return int(str(text).replace(",", ""))


def as_count(value: object) -> int | None:
    """A table cell as a count: a number (tidy tables hold numbers) or '1,234' text; None for anything else."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}(,\d{3})*", value):
        return number(value)
    return None


def as_share(value: object) -> float | None:
    """A table cell as a percentage: a number, or '12.5%' text; None for a gap."""
    if isinstance(value, str):
        return float(value[:-1]) if value else None
    return None if pd.isna(value) else float(value)  # type: ignore[arg-type]


def is_gap(value: object) -> bool:
    """An empty cell (the row's Status says what the gap is)."""
    return (isinstance(value, str) and value == "") or (not isinstance(value, str) and bool(pd.isna(value)))


def exact_counts(values: pd.Series) -> list[int] | None:
    """The counts of a column, or None if any is withheld, a gap or not published."""
    out = [as_count(v) for v in values]
    return None if any(v is None for v in out) else out  # type: ignore[return-value]


def tables_present(at: AppTest) -> set[str]:
    return {b.key.removeprefix("download_") for b in at.get("download_button") if b.key}


def shown_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return "\n".join(parts + [w.value for w in at.warning] + [e.value for e in at.error])


# ------------------------------------------------------------------------------------------------
# What every page must satisfy
# ------------------------------------------------------------------------------------------------
def check_common(at: AppTest, page: str, expect_notice: bool | None = None) -> None:
    check(not at.exception, f"exception on {page}: {[e.value for e in at.exception]}")
    check(any(HEADINGS[page] in t.value for t in at.title), f"{page}: the page heading is missing")
    errors = [e.value for e in at.error]
    check(not errors, f"{page}: unexpected error box: {errors}")
    notices = [w.value for w in at.warning if NOTICE in w.value]
    if expect_notice is not None:
        check(bool(notices) == expect_notice, f"{page}: notice expected={expect_notice}, shown={notices}")
    for notice in notices:  # text from the link is escaped: no raw markup, no link syntax
        check(not re.search(r"(?<!\\)[<>]", notice), f"{page}: unescaped markup in the notice: {notice[:300]}")
    for label, value in metrics(at).items():
        check(bool(METRIC.match(value)), f"{page}: metric {label!r} is not formatted: {value!r}")
    check_url(at, page)


def check_url(at: AppTest, page: str) -> None:
    """The URL after the run holds only known settings, and reads back as the state shown, with no notice."""
    params = url(at)
    unknown = set(params) - GLOBAL_KEYS - PAGE_KEYS[page]
    check(not unknown, f"{page}: the URL keeps unknown settings {sorted(unknown)}")
    options = filter_options()
    state, notices = parse_query_params({k: v for k, v in params.items() if k in GLOBAL_KEYS}, options)
    check(not notices, f"{page}: the app wrote a URL it cannot read back: {params} -> {notices}")
    # Same selections; the order may differ (the URL keeps the click order, a link is read in the
    # options' order).
    check(
        normalised(state) == normalised(shown_state(at)), f"{page}: the URL {params} does not match the filters shown"
    )


def normalised(state: FilterState) -> FilterState:
    """Selections in the options' order (as the app keeps them after reading a link)."""
    opts = filter_options()
    fields = {}
    for field, _k, _l, _d in MULTI_FILTERS:
        order = list(opts.options_for(field))
        fields[field] = tuple(sorted(state.selected(field), key=order.index))
    return replace(state, **fields)


def shown_state(at: AppTest) -> FilterState:
    ss = at.session_state
    year_from, year_to = ss[YEARS_KEY]
    return FilterState(
        year_from=year_from,
        year_to=year_to,
        value_mode=ss[MODE_KEY] or "counts",
        **{field: tuple(ss[key]) for field, key in KEYS.items()},
    )


def check_count_columns(df: pd.DataFrame, columns: tuple[str, ...], where: str) -> None:
    """Counts are whole numbers >= 0, gaps, or the marks of a withheld count ('<5', '[c]')."""
    for col in columns:
        if col in df:
            bad = [
                v
                for v in df[col]
                if not is_gap(v) and not ((c := as_count(v)) is not None and c >= 0) and not COUNT.match(str(v))
            ]
            check(not bad, f"{where}: column {col!r} holds values that are not counts {bad[:5]}")


def check_percent_columns(df: pd.DataFrame, columns: tuple[str, ...], where: str) -> None:
    """Shares are numbers from 0 to 100 (or '12.5%' text), or gaps."""
    for col in columns:
        if col in df:
            text = [v for v in df[col] if isinstance(v, str)]
            check(all(PERCENT.match(v) for v in text), f"{where}: column {col!r} is not formatted: {text[:5]}")
            shares = [x for v in df[col] if (x := as_share(v)) is not None]
            check(all(0 <= x <= 100 for x in shares), f"{where}: a share outside 0-100%: {shares[:5]}")


# ------------------------------------------------------------------------------------------------
# Per page
# ------------------------------------------------------------------------------------------------
def published_totals(measure: str, state: FilterState) -> dict[str, int]:
    df = query("measure_trend", measures=[measure], year_from=state.year_from, year_to=state.year_to)
    df = df[df["count"].notna()]
    return {str(y): int(c) for y, c in zip(df["year"], df["count"], strict=True)}


def parts_within_total(df: pd.DataFrame, totals: dict[str, int], where: str) -> None:
    """Published parts of a breakdown, summed by year, never exceed the year's published total."""
    if "Role" in df:
        df = df[df["Role"] == "part"]
    for year, part in df.groupby("Year"):
        counts = [c for v in part["Count"] if (c := as_count(v)) is not None]
        if counts and str(year) in totals:
            check(
                sum(counts) <= totals[str(year)],
                f"{where}: {year} parts add up to {sum(counts):,}, above the published total {totals[str(year)]:,}",
            )


def check_overview(at: AppTest, state: FilterState) -> None:
    present = tables_present(at)
    totals = published_totals("referrals", state)
    if "overview_trend" in present:
        trend = table(at, "overview_trend")
        check_count_columns(trend, ("Count",), "overview trend")
        check_percent_columns(trend, ("Percent",), "overview trend")
        check(
            set(trend["Year"]) <= {y for y in filter_options().years if state.year_from <= y <= state.year_to},
            "overview trend: a year outside the chosen range",
        )
        by_line = {(r.Year, r.Line): c for r in trend.itertuples() if (c := as_count(r.Count)) is not None}
        for (year, line), value in by_line.items():
            if line != "Referrals" and year in totals:
                check(value <= totals[year], f"overview: {line} {year} = {value:,} exceeds referrals {totals[year]:,}")
        for year in {y for y, _ in by_line}:
            adopted = by_line.get((year, "Adopted as a Channel case"))
            discussed = by_line.get((year, "Discussed at a Channel panel"))
            if adopted is not None and discussed is not None:
                check(adopted <= discussed, f"overview: {year} adopted {adopted:,} > discussed {discussed:,}")
    for key in ("overview_ideology", "overview_sectors"):
        if key in present:
            df = table(at, key)
            check_count_columns(df, ("Count",), key)
            check_percent_columns(df, ("Share (%)",), key)
            parts_within_total(df, totals, key)
    for label, shown in metrics(at).items():
        if not (label.startswith("Referrals") and shown[:1].isdigit() and state.year_to in totals):
            continue
        if label in ("Referrals", "Referrals · all referrals"):  # the total
            check(number(shown) == totals[state.year_to], f"overview: {label} {shown} != {totals[state.year_to]:,}")
        else:  # the published figure of the chosen groups
            check(number(shown) <= totals[state.year_to], f"overview: {label} {shown} > {totals[state.year_to]:,}")


def check_published(at: AppTest, state: FilterState) -> None:
    measure = at.session_state["page_measure"]
    extras = at.session_state["page_extras"] or []
    present = tables_present(at)
    if "published" in present:
        df = table(at, "published")
        check_count_columns(df, ("Count",), "published")
        check_percent_columns(df, ("Share (%)",), "published")
        years = set(df["Year"])
        check(all(state.year_from <= y <= state.year_to for y in years), f"published: years {years} outside the range")
        if at.session_state["page_by"] != "total" and "cross-tabs" not in extras:
            parts_within_total(df, published_totals(measure, state), f"published {measure}")
    else:
        check("No figures for" in shown_text(at), "published: neither a table nor a 'no figures' message")
    if "coverage" in present:
        grid = table(at, "coverage")
        check(all(state.year_from <= y <= state.year_to for y in grid["Year"]), "coverage: a year outside the range")


def check_explorer(at: AppTest, state: FilterState) -> None:
    m = metrics(at)
    referred = number(m["Referrals matching"])
    discussed = number(m["Discussed at a Channel panel"])
    adopted = number(m["Adopted as a Channel case"])
    check(referred >= discussed >= adopted >= 0, f"explorer funnel not monotone: {referred}, {discussed}, {adopted}")
    present = tables_present(at)
    if referred == 0:
        check("No referrals match these filters" in shown_text(at), "explorer: 0 referrals but no message")
    sums: dict[str, int] = {}
    for key, count_col, pct_col in (
        ("explorer_heatmap", "Referrals", "% of matching"),
        ("explorer_breakdown", "Referrals", "% of matching"),
        ("explorer_trend", "Referrals", "% of the year"),
    ):
        if key not in present:
            continue
        df = table(at, key)
        if key == "explorer_heatmap":
            df = df[(df["Type of concern"] != "All") & (df["Referring sector"] != "All")]
        check_count_columns(df, (count_col,), key)
        check_percent_columns(df, (pct_col,), key)
        counts = exact_counts(df[count_col])
        check(counts is not None, f"{key}: the synthetic demo must show exact counts")
        sums[key] = sum(counts or [])
        total_pct = sum(x for v in df[pct_col] if (x := as_share(v)) is not None)
        groups = df["Year"].nunique() if key == "explorer_trend" else 1
        check(abs(total_pct - 100 * groups) <= 0.1 * len(df) + 0.01, f"{key}: shares add up to {total_pct:.1f}%")
    if sums:
        check(len(set(sums.values())) == 1, f"explorer: the parts disagree: {sums}")
        whole = next(iter(sums.values()))
        if not state.outcomes:
            check(whole == referred, f"explorer: parts add up to {whole:,}, 'Referrals matching' is {referred:,}")
        else:
            check(whole <= referred, f"explorer: {whole:,} with the outcome filter > {referred:,} without")
    else:
        check(referred == 0 or state.outcomes != (), "explorer: referrals match but no breakdown is shown")


def check_recommendations(at: AppTest) -> None:
    m = metrics(at)
    shown = number(m["Recommendations shown"])
    check(number(m["Implemented, per the government"]) <= shown, "recommendations: implemented > shown")
    check(number(m["No progress statement found"]) <= shown, "recommendations: no statement > shown")
    per_report = [re.match(r".*: (\d+) recommendations?$", e.label) for e in at.expander]
    check(sum(int(x[1]) for x in per_report if x) == shown, "recommendations: the per-report lists != shown")
    present = tables_present(at)
    if shown == 0:
        check("No recommendations match these filters" in shown_text(at), "recommendations: 0 shown, no message")
        return
    recs = table(at, "recommendations")
    check(len(recs) == shown, f"recommendations: {len(recs)} rows, metric says {shown}")
    ss = at.session_state
    for column, key in (("Theme", "page_theme"), ("Status", "page_status")):
        chosen = ss[key] or []
        if chosen:
            check(set(recs[column]) <= set(chosen), f"recommendations: {column} outside {chosen}")
    if "rec_counts" in present:
        counts = table(at, "rec_counts")
        for status, part in recs.groupby("Status"):
            counted = int(counts.loc[counts["Status"] == status, "Recommendations"].sum())
            check(counted >= len(part), f"recommendations: {status}: {counted} counted < {len(part)} listed")


def check_data(at: AppTest) -> None:
    labels = [b.label for b in at.get("download_button") if b.key and b.key.startswith("download_all_")]
    check(len(labels) >= 10, f"data: the downloads of every table are missing ({len(labels)})")
    for label in labels:
        check(bool(re.search(r"\((\d{1,3}(,\d{3})*) rows?\)$", label)), f"data: unformatted row count in {label!r}")
    kinds = at.session_state["page_kinds"] or []
    if kinds and "sources" in tables_present(at):
        check(set(table(at, "sources")["Kind"]) <= set(kinds), f"data: sources outside the chosen kinds {kinds}")


def check_page(at: AppTest, page: str, expect_notice: bool | None = False) -> None:
    """Every invariant of `page` on the app as run."""
    check_common(at, page, expect_notice)
    state = shown_state(at)
    if page == "overview":
        check_overview(at, state)
    elif page == "published":
        check_published(at, state)
    elif page == "explorer":
        check_explorer(at, state)
    elif page == "recommendations":
        check_recommendations(at)
    else:
        check_data(at)
