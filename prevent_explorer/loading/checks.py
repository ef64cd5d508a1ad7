"""Rules that span rows or files of the published data (beyond single-column contracts)."""

from __future__ import annotations

import duckdb

from prevent_explorer.loading.validation import LINE_COLUMN, MAX_ISSUES_PER_CHECK, Issue
from prevent_explorer.loading.vocabulary import DIMENSIONS

# Breakdowns of figures.csv; a gap of another breakdown (ethnicity, mental health) is checked against other_figures.csv.
FIGURE_DIMENSIONS = ", ".join(f"'{d}'" for d in DIMENSIONS)


def _q(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchmany(MAX_ISSUES_PER_CHECK)


def check_figures(con: duckdb.DuckDBPyConnection, label: str = "figures.csv") -> list[Issue]:
    issues: list[Issue] = []
    for line, n, key in _q(
        con,
        f"""SELECT min({LINE_COLUMN}), sum(is_preferred::INTEGER), concat_ws(' | ', year, measure, dimension, category)
            FROM figures GROUP BY year, measure, dimension, category
            HAVING bool_or(quality <> 'low') AND sum(is_preferred::INTEGER) <> 1 ORDER BY 1""",
    ):
        what = "no preferred value" if n == 0 else f"{n} preferred values"
        issues.append(
            Issue(
                label,
                f"figure {key!r} has {what}; exactly one row must have is_preferred = true",
                line=line,
                column="is_preferred",
            )
        )
    issues += _low_quality_preferred(con, "figures", label)
    for line, n, key in _q(
        con,
        f"""SELECT max({LINE_COLUMN}), sum(is_preferred_percent::INTEGER), concat_ws(' | ', year, measure, dimension, category)
            FROM figures GROUP BY year, measure, dimension, category
            HAVING sum(is_preferred_percent::INTEGER) > 1 ORDER BY 1""",
    ):
        issues.append(
            Issue(
                label,
                f"figure {key!r} has {n} preferred percents; at most one is allowed",
                line=line,
                column="is_preferred_percent",
            )
        )
    for (line,) in _q(
        con, f"SELECT {LINE_COLUMN} FROM figures WHERE is_preferred_percent AND percent IS NULL ORDER BY 1"
    ):
        issues.append(
            Issue(
                label,
                "is_preferred_percent is true on a row without a percent",
                line=line,
                column="is_preferred_percent",
            )
        )
    for (line,) in _q(con, f"SELECT {LINE_COLUMN} FROM figures WHERE count IS NULL AND percent IS NULL ORDER BY 1"):
        issues.append(Issue(label, "the row has neither a count nor a percent", line=line, column="count"))
    for (line,) in _q(
        con,
        f"SELECT {LINE_COLUMN} FROM figures WHERE percent IS NOT NULL AND coalesce(trim(percent_of), '') = '' ORDER BY 1",
    ):
        issues.append(
            Issue(label, "a percent needs percent_of (what it is a share of)", line=line, column="percent_of")
        )
    for line, cat in _q(
        con, f"SELECT {LINE_COLUMN}, category FROM figures WHERE dimension = 'total' AND category <> 'All' ORDER BY 1"
    ):
        issues.append(Issue(label, f"a total must have category 'All', not {cat!r}", line=line, column="category"))
    for line, cat in _q(
        con,
        f"""SELECT {LINE_COLUMN}, category FROM figures
            WHERE (cross_dimension IS NULL) <> (cross_category IS NULL)
               OR (cross_dimension IS NOT NULL AND category <> main_category || ' / ' || cross_category)
               OR (cross_dimension IS NULL AND category <> main_category) ORDER BY 1""",
    ):
        issues.append(
            Issue(
                label, f"category {cat!r} does not match main_category / cross_category", line=line, column="category"
            )
        )
    for line, dim, cat in _q(
        con,
        f"""SELECT {LINE_COLUMN}, dimension, main_category FROM figures f WHERE dimension <> 'total'
            AND NOT EXISTS (SELECT 1 FROM categories c WHERE c.dimension = f.dimension AND c.category = f.main_category)
            UNION ALL
            SELECT {LINE_COLUMN}, cross_dimension, cross_category FROM figures f WHERE cross_dimension IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM categories c WHERE c.dimension = f.cross_dimension AND c.category = f.cross_category)
            ORDER BY 1""",
    ):
        issues.append(
            Issue(
                label, f"category {cat!r} of dimension {dim!r} is not in categories.csv", line=line, column="category"
            )
        )
    return issues


def check_other_figures(con: duckdb.DuckDBPyConnection, label: str = "other_figures.csv") -> list[Issue]:
    issues: list[Issue] = []
    for line, key in _q(
        con,
        f"""SELECT min({LINE_COLUMN}), concat_ws(' | ', year, period, topic, measure, dimension, category)
            FROM other_figures GROUP BY year, period, topic, measure, dimension, category
            HAVING bool_or(quality <> 'low') AND sum(is_preferred::INTEGER) <> 1 ORDER BY 1""",
    ):
        issues.append(
            Issue(label, f"figure {key!r} must have exactly one preferred row", line=line, column="is_preferred")
        )
    issues += _low_quality_preferred(con, "other_figures", label)
    for (line,) in _q(
        con,
        f"""SELECT {LINE_COLUMN} FROM other_figures
            WHERE count IS NULL AND percent IS NULL AND percent_change IS NULL AND rate_per_million IS NULL ORDER BY 1""",
    ):
        issues.append(
            Issue(
                label,
                "the row holds no value (count, percent, percent_change or rate_per_million)",
                line=line,
                column="count",
            )
        )
    return issues


def _low_quality_preferred(con: duckdb.DuckDBPyConnection, table: str, label: str) -> list[Issue]:
    """A low-quality value is kept only as evidence: never preferred, even where it is the only one."""
    return [
        Issue(label, "a low-quality value cannot be the preferred value", line=line, column="is_preferred")
        for (line,) in _q(con, f"SELECT {LINE_COLUMN} FROM {table} WHERE is_preferred AND quality = 'low' ORDER BY 1")
    ]


def check_categories(con: duckdb.DuckDBPyConnection, label: str = "categories.csv") -> list[Issue]:
    issues: list[Issue] = []
    for line, grp, n in _q(
        con,
        f"""SELECT min({LINE_COLUMN}), "group", count(DISTINCT colour) FROM categories
            GROUP BY dimension, "group" HAVING count(DISTINCT colour) > 1 ORDER BY 1""",
    ):
        issues.append(Issue(label, f"group {grp!r} has {n} colours; one colour per group", line=line, column="colour"))
    for line, colour, groups in _q(
        con,
        f"""SELECT max({LINE_COLUMN}), colour, string_agg(DISTINCT "group", ', ') FROM categories
            WHERE role = 'part' GROUP BY dimension, colour HAVING count(DISTINCT "group") > 1 ORDER BY 1""",
    ):
        issues.append(
            Issue(
                label,
                f"colour {colour} is used by several groups ({groups}); each group needs its own",
                line=line,
                column="colour",
            )
        )
    return issues


def _id_list_issues(con: duckdb.DuckDBPyConnection, table: str, column: str, label: str) -> list[Issue]:
    issues = []
    for line, value in _q(
        con,
        f"""SELECT {LINE_COLUMN}, v FROM (SELECT {LINE_COLUMN}, trim(unnest(string_split("{column}", ';'))) AS v FROM "{table}")
            WHERE v NOT IN (SELECT source_id FROM sources) ORDER BY 1""",
    ):
        issues.append(Issue(label, f"{value!r} is not a known source_id in sources.csv", line=line, column=column))
    return issues


def check_recommendations(con: duckdb.DuckDBPyConnection, label: str = "recommendations.csv") -> list[Issue]:
    issues = _id_list_issues(con, "recommendations", "found_in_source_ids", label)
    issues += _unmapped_agencies(con, label)
    for (line,) in _q(
        con,
        f"""SELECT {LINE_COLUMN} FROM recommendations
            WHERE status NOT IN ('Not known') AND (status_date IS NULL OR status_source_id IS NULL) ORDER BY 1""",
    ):
        issues.append(Issue(label, "a status needs status_date and status_source_id", line=line, column="status"))
    return issues


def check_agency_sectors(con: duckdb.DuckDBPyConnection, label: str = "agency_sectors.csv") -> list[Issue]:
    return [
        Issue(
            label,
            f"{sector!r} is not a referring sector (a sector group of categories.csv)",
            line=line,
            column="sector",
        )
        for line, sector in _q(
            con,
            f"""SELECT {LINE_COLUMN}, sector FROM agency_sectors
                WHERE sector IS NOT NULL AND sector NOT IN (SELECT "group" FROM categories WHERE dimension = 'sector')
                ORDER BY 1""",
        )
    ]


def _unmapped_agencies(con: duckdb.DuckDBPyConnection, label: str) -> list[Issue]:
    return [
        Issue(
            label,
            f"agency {agency!r} is not in agency_sectors.csv: map it to a referring sector, or list it there with an empty sector",
            line=line,
            column="agency",
        )
        for line, agency in _q(
            con,
            f"""SELECT {LINE_COLUMN}, v FROM (SELECT {LINE_COLUMN}, trim(unnest(string_split(agency, ';'))) AS v
                FROM recommendations) WHERE v NOT IN (SELECT agency FROM agency_sectors) ORDER BY 1""",
        )
    ]


def check_findings(con: duckdb.DuckDBPyConnection, label: str = "findings.csv") -> list[Issue]:
    return _id_list_issues(con, "findings", "reported_by_source_ids", label)


def check_progress(con: duckdb.DuckDBPyConnection, label: str = "progress.csv") -> list[Issue]:
    return [
        Issue(label, f"done ({done}) is more than total ({total})", line=line, column="done")
        for line, done, total in _q(
            con, f"SELECT {LINE_COLUMN}, done, total FROM progress WHERE done > total ORDER BY 1"
        )
    ]


def check_availability(con: duckdb.DuckDBPyConnection, label: str = "availability.csv") -> list[Issue]:
    """Gaps are of release years and valid categories, say why, and never describe a published figure."""
    issues: list[Issue] = []
    for line, year in _q(
        con, f"SELECT {LINE_COLUMN}, year FROM availability WHERE year NOT IN (SELECT year FROM releases) ORDER BY 1"
    ):
        issues.append(Issue(label, f"{year!r} is not a year of releases.csv", line=line, column="year"))
    for line, dim, cat in _q(
        con,
        f"""SELECT {LINE_COLUMN}, dimension, category FROM availability a
            WHERE CASE
                WHEN dimension = 'total' THEN category <> 'All'
                WHEN category = '*' THEN false
                ELSE NOT EXISTS (SELECT 1 FROM categories c WHERE c.dimension = a.dimension
                                 AND a.category IN (c.category, c."group"))
            END ORDER BY 1""",
    ):
        what = "'All'" if dim == "total" else "'*' (the whole breakdown), or a category or group of categories.csv"
        issues.append(
            Issue(label, f"category {cat!r} of dimension {dim!r} must be {what}", line=line, column="category")
        )
    for (line,) in _q(
        con,
        f"""SELECT {LINE_COLUMN} FROM availability
            WHERE state = 'not published' AND source_id IS NULL AND category IN ('All', '*') ORDER BY 1""",
    ):
        issues.append(
            Issue(
                label,
                "a 'not published' gap needs the source that says so (source_id), or must be one category whose years are the evidence",
                line=line,
                column="source_id",
            )
        )
    for (line,) in _q(
        con,
        f"SELECT {LINE_COLUMN} FROM availability WHERE state = 'not in this dataset' AND release_source_id IS NULL ORDER BY 1",
    ):
        issues.append(
            Issue(
                label,
                "a 'not in this dataset' gap needs the release where it can be found (release_source_id)",
                line=line,
                column="release_source_id",
            )
        )
    for line, key in _q(
        con,
        f"""SELECT a.{LINE_COLUMN}, concat_ws(' | ', a.year, a.measure, a.dimension, a.category) FROM availability a
            WHERE EXISTS (
                SELECT 1 FROM figures f LEFT JOIN categories c ON c.dimension = f.dimension AND c.category = f.main_category
                WHERE f.is_preferred AND f.year = a.year AND f.measure = a.measure AND f.dimension = a.dimension
                  AND CASE WHEN a.category IN ('All', '*') THEN f.cross_dimension IS NULL
                           ELSE a.category IN (f.main_category, c."group") END
            ) OR EXISTS (
                SELECT 1 FROM figures f JOIN categories c ON c.dimension = f.cross_dimension AND c.category = f.cross_category
                WHERE f.is_preferred AND f.year = a.year AND f.measure = a.measure AND f.cross_dimension = a.dimension
                  AND a.category IN (c.category, c."group")
            ) OR EXISTS (
                SELECT 1 FROM other_figures o
                WHERE o.is_preferred AND o.year = a.year AND o.measure = a.measure AND o.dimension = a.dimension
                  AND o.dimension NOT IN ({FIGURE_DIMENSIONS}) AND a.category IN ('*', o.category)
            ) ORDER BY 1""",
    ):
        issues.append(
            Issue(
                label,
                f"{key!r} is published (a preferred figure exists), so it is not a gap",
                line=line,
                column="category",
            )
        )
    return issues


# table -> (check, tables it reads besides itself)
TABLE_CHECKS = {
    "figures": (check_figures, {"categories"}),
    "other_figures": (check_other_figures, set()),
    "categories": (check_categories, set()),
    "agency_sectors": (check_agency_sectors, {"categories"}),
    "recommendations": (check_recommendations, {"sources", "agency_sectors"}),
    "findings": (check_findings, {"sources"}),
    "progress": (check_progress, set()),
    "availability": (check_availability, {"figures", "other_figures", "categories", "releases"}),
}
