"""Column contracts of every data file: names, DuckDB types and the checks each column must pass.

These contracts are the single definition used by the loader, the validator and the data
dictionary test. Changing a file's columns means changing it here first.
"""

from __future__ import annotations

from dataclasses import dataclass

from prevent_explorer.loading.vocabulary import (
    AVAILABILITY_DIMENSIONS,
    AVAILABILITY_STATES,
    DIMENSIONS,
    MEASURES,
    OTHER_TOPICS,
    PROGRESS_STAGES,
    PROGRESS_UNITS,
    QUALITIES,
    REC_AGENCIES,
    REC_CONFIRMED,
    REC_STATUSES,
    ROLES,
    SOURCE_KINDS,
    YEAR_PATTERN,
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type: VARCHAR, INTEGER, DOUBLE, BOOLEAN, DATE
    required: bool = False
    allowed: tuple[str, ...] | None = None  # allowed values (VARCHAR)
    list_sep: str | None = None  # the cell holds several allowed values separated by this
    pattern: str | None = None  # full-match regular expression (VARCHAR)
    minimum: float | None = None
    maximum: float | None = None
    references: tuple[str, str] | None = None  # (table, column) the value must exist in
    description: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    file: str
    columns: tuple[Column, ...]
    unique: tuple[tuple[str, ...], ...] = ()
    description: str = ""
    allow_empty: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def types(self) -> dict[str, str]:
        return {c.name: c.type for c in self.columns}

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _year(name: str = "year", required: bool = True, description: str = "") -> Column:
    return Column(name, "VARCHAR", required=required, pattern=YEAR_PATTERN, description=description)


SOURCES = Table(
    "sources",
    "sources.csv",
    (
        Column(
            "source_id",
            "VARCHAR",
            required=True,
            pattern=r"[a-z0-9][a-z0-9-]*",
            description="Stable identifier of the page or document.",
        ),
        Column(
            "title",
            "VARCHAR",
            required=True,
            description="Headline or document title (built from the address where the notes say so).",
        ),
        Column("publisher", "VARCHAR", required=True, description="Who published it."),
        Column("published", "DATE", description="Publication date; empty where it could not be established."),
        Column(
            "url",
            "VARCHAR",
            pattern=r"https?://\S+",
            description="Address; empty where it was not recorded (the note says so).",
        ),
        Column(
            "kind",
            "VARCHAR",
            required=True,
            allowed=SOURCE_KINDS,
            description="official release or report, parliamentary answer or statement, or secondary report.",
        ),
        Column("note", "VARCHAR", description="What the source is and any caveat."),
    ),
    unique=(("source_id",),),
    description="Every page or document cited by any other file.",
)

CATEGORIES = Table(
    "categories",
    "categories.csv",
    (
        Column("dimension", "VARCHAR", required=True, allowed=DIMENSIONS[1:]),
        Column(
            "category",
            "VARCHAR",
            required=True,
            description="Label as published (one label per year; see figures.label_as_printed for variants).",
        ),
        Column(
            "group",
            "VARCHAR",
            required=True,
            description="Stable label across years, used for filters, colours and trends.",
        ),
        Column("sort_order", "INTEGER", required=True, minimum=0),
        Column(
            "colour",
            "VARCHAR",
            required=True,
            pattern=r"#[0-9A-Fa-f]{6}",
            description="One colour per group (Okabe-Ito palette).",
        ),
        Column(
            "role",
            "VARCHAR",
            required=True,
            allowed=ROLES,
            description="part of a breakdown, subtotal/overlapping band, base (denominator) or combined sum printed by one source.",
        ),
        Column("definition", "VARCHAR", required=True),
        Column(
            "years_used",
            "VARCHAR",
            required=True,
            pattern=rf"{YEAR_PATTERN}(;{YEAR_PATTERN})*",
            description="Years in which the label appears in the published figures.",
        ),
    ),
    unique=(("dimension", "category"),),
    description="Every category of every breakdown, with its stable group.",
)

FIGURES = Table(
    "figures",
    "figures.csv",
    (
        _year(description="Reporting year, April to March, e.g. 2018/19."),
        Column("measure", "VARCHAR", required=True, allowed=MEASURES),
        Column("dimension", "VARCHAR", required=True, allowed=DIMENSIONS),
        Column(
            "category",
            "VARCHAR",
            required=True,
            description="Category as published; 'All' for totals; 'A / B' for a cross-tab.",
        ),
        Column("count", "INTEGER", minimum=0, description="Number as published."),
        Column(
            "percent",
            "DOUBLE",
            minimum=0,
            maximum=100,
            description="Share as published, 0-100; its base is in percent_of.",
        ),
        Column("source_id", "VARCHAR", required=True, references=("sources", "source_id")),
        Column(
            "is_preferred",
            "BOOLEAN",
            required=True,
            description="True for exactly one row per year, measure, dimension and category; none where every row is low quality (kept as evidence only).",
        ),
        Column("figure_id", "VARCHAR", required=True, pattern=r"F\d{4}"),
        Column("percent_of", "VARCHAR", description="What the percent is a share of."),
        Column(
            "is_preferred_percent",
            "BOOLEAN",
            required=True,
            description="True for the row whose percent is shown beside the preferred count (at most one per figure).",
        ),
        Column(
            "main_category", "VARCHAR", required=True, description="The category, or the first part of a cross-tab."
        ),
        Column(
            "cross_dimension",
            "VARCHAR",
            allowed=DIMENSIONS[1:],
            description="Dimension of the second part of a cross-tab.",
        ),
        Column("cross_category", "VARCHAR", description="Second part of a cross-tab."),
        Column("label_as_printed", "VARCHAR", required=True, description="The source's own wording of the category."),
        Column(
            "quality",
            "VARCHAR",
            required=True,
            allowed=QUALITIES,
            description="ok, doubtful (flagged garbled, typo or conflicting) or low (low-quality source).",
        ),
        Column(
            "values_conflict",
            "BOOLEAN",
            required=True,
            description="True where sources give different counts for this figure, or where its count and the share shown beside it disagree beyond rounding.",
        ),
        Column("preference_reason", "VARCHAR", description="Why the preferred row was chosen (on the preferred row)."),
        Column("note", "VARCHAR"),
        Column("reference_lines", "VARCHAR", description="Lines of the reference table this row comes from."),
    ),
    unique=(("figure_id",),),
    description="Published counts and shares of referrals and Channel stages, one row per source statement.",
)

OTHER_FIGURES = Table(
    "other_figures",
    "other_figures.csv",
    (
        Column("other_id", "VARCHAR", required=True, pattern=r"O\d{4}"),
        _year(),
        Column("period", "VARCHAR", description="Part of the year, or a longer period, where not the whole year."),
        Column("topic", "VARCHAR", required=True, allowed=OTHER_TOPICS),
        Column("measure", "VARCHAR", required=True),
        Column("dimension", "VARCHAR", required=True),
        Column("category", "VARCHAR", required=True),
        Column("count", "INTEGER", minimum=0),
        Column("percent", "DOUBLE", minimum=0, maximum=100),
        Column("percent_of", "VARCHAR"),
        Column(
            "percent_change", "DOUBLE", minimum=-100, description="Published change in percent (negative for a fall)."
        ),
        Column("rate_per_million", "DOUBLE", minimum=0),
        Column("source_id", "VARCHAR", required=True, references=("sources", "source_id")),
        Column(
            "is_preferred",
            "BOOLEAN",
            required=True,
            description="True for exactly one row per figure; none where every row is low quality (kept as evidence only).",
        ),
        Column("label_as_printed", "VARCHAR", required=True),
        Column("quality", "VARCHAR", required=True, allowed=QUALITIES),
        Column("note", "VARCHAR"),
        Column("reference_lines", "VARCHAR"),
    ),
    unique=(("other_id",),),
    description="Other published figures: quarters, changes, rates, mental health and ethnicity.",
)

RELEASES = Table(
    "releases",
    "releases.csv",
    (
        _year(),
        Column("source_id", "VARCHAR", required=True, references=("sources", "source_id")),
        Column("published", "DATE", required=True),
        Column("statistics_status", "VARCHAR", required=True),
        Column("case_system", "VARCHAR", required=True),
        Column("note", "VARCHAR"),
    ),
    unique=(("year",),),
    description="The Home Office release for each year.",
)

CATEGORY_CHANGES = Table(
    "category_changes",
    "category_changes.csv",
    (
        Column("dimension", "VARCHAR", required=True, allowed=(*DIMENSIONS[1:], "measure", "all", "status")),
        _year("first_year"),
        Column("change", "VARCHAR", required=True),
        Column("detail", "VARCHAR", required=True),
        Column("source_id", "VARCHAR", required=True, references=("sources", "source_id")),
    ),
    description="Changes of category scheme, wording or recording system, from the first year they apply.",
)

RECOMMENDATIONS = Table(
    "recommendations",
    "recommendations.csv",
    (
        Column(
            "source_id",
            "VARCHAR",
            required=True,
            references=("sources", "source_id"),
            description="The report that made the recommendation.",
        ),
        Column("rec_no", "VARCHAR", description="The report's own number; empty where unknown."),
        Column("addressee", "VARCHAR", required=True, description="Who it is addressed to, as the sources state it."),
        Column(
            "agency",
            "VARCHAR",
            required=True,
            allowed=REC_AGENCIES,
            list_sep=";",
            description="Short controlled list; several separated by ';'. 'Not named': no source seen names an addressee.",
        ),
        Column("theme", "VARCHAR", required=True, pattern=r"[a-z-]+"),
        Column("summary", "VARCHAR", required=True, description="The recommendation in the project's own words."),
        Column("deadline", "DATE", description="Deadline; empty everywhere (none was available)."),
        Column(
            "status",
            "VARCHAR",
            required=True,
            allowed=REC_STATUSES,
            description="What is known of its progress: 'NPCC commitment (2020)' is the NPCC lead's promise that the HMICFRS 2020 recommendations would be met, not an acceptance by the body addressed.",
        ),
        Column("status_date", "DATE"),
        Column("status_source_id", "VARCHAR", references=("sources", "source_id")),
        Column("rec_id", "VARCHAR", required=True, pattern=r"[A-Z0-9-]+[A-Za-z0-9-]*"),
        Column("status_detail", "VARCHAR"),
        Column(
            "confirmed",
            "VARCHAR",
            required=True,
            allowed=REC_CONFIRMED,
            description="numbered: the report's own number is known; reported: a summary of the report states it; paraphrased: known only from a journalist's paraphrase of the report; unconfirmed: may be a finding or opinion rather than a formal recommendation.",
        ),
        Column(
            "found_in_source_ids",
            "VARCHAR",
            required=True,
            description="Sources stating the recommendation, separated by ';'.",
        ),
        Column("note", "VARCHAR"),
    ),
    unique=(("rec_id",),),
    description="One row per recommendation known to the project.",
)

FINDINGS = Table(
    "findings",
    "findings.csv",
    (
        Column("finding_id", "VARCHAR", required=True),
        Column("source_id", "VARCHAR", required=True, references=("sources", "source_id")),
        Column("topic", "VARCHAR", required=True),
        Column("finding", "VARCHAR", required=True),
        Column("reported_by_source_ids", "VARCHAR", required=True),
    ),
    unique=(("finding_id",),),
    description="Findings of the HMICFRS 2020 inspection, in the project's own words.",
)

PROGRESS = Table(
    "progress",
    "progress.csv",
    (
        Column("source_id", "VARCHAR", required=True, references=("sources", "source_id")),
        Column("as_of", "DATE", description="Date of the statement; empty where not shown."),
        Column("stage", "VARCHAR", required=True, allowed=PROGRESS_STAGES),
        Column("unit", "VARCHAR", required=True, allowed=PROGRESS_UNITS),
        Column("done", "INTEGER", required=True, minimum=0),
        Column("total", "INTEGER", required=True, minimum=1),
        Column("statement", "VARCHAR", required=True),
        Column("statement_source_id", "VARCHAR", required=True, references=("sources", "source_id")),
        Column("note", "VARCHAR"),
    ),
    description="Dated statements of how many recommendations of a report were accepted or delivered.",
)

REPORTS = Table(
    "reports",
    "reports.csv",
    (
        Column("source_id", "VARCHAR", required=True, references=("sources", "source_id")),
        Column("short_name", "VARCHAR", required=True),
        Column(
            "recommendations_made",
            "INTEGER",
            minimum=0,
            description="How many recommendations the report made; empty where unknown.",
        ),
        Column(
            "made_source_id",
            "VARCHAR",
            required=True,
            references=("sources", "source_id"),
            description="The source stating that number.",
        ),
        Column("note", "VARCHAR"),
    ),
    unique=(("source_id",),),
    description="Reports that made recommendations about Prevent.",
)

AVAILABILITY = Table(
    "availability",
    "availability.csv",
    (
        _year(description="Reporting year of the gap: a year of releases.csv."),
        Column("measure", "VARCHAR", required=True, allowed=MEASURES),
        Column("dimension", "VARCHAR", required=True, allowed=AVAILABILITY_DIMENSIONS),
        Column(
            "category",
            "VARCHAR",
            required=True,
            description="'All' for the total; '*' for the whole breakdown; else one category (a label or a stable group of categories.csv).",
        ),
        Column(
            "state",
            "VARCHAR",
            required=True,
            allowed=AVAILABILITY_STATES,
            description="not published (a source says so, or the category did not exist that year); not in this dataset (published or probably published in tables the project does not hold: the default); not collected (the measure was not recorded that year).",
        ),
        Column(
            "evidence",
            "VARCHAR",
            required=True,
            description="Why this state, in words; for the default, the default text.",
        ),
        Column(
            "source_id",
            "VARCHAR",
            references=("sources", "source_id"),
            description="The source of the evidence; required for 'not published' unless the row is one category (its category years are the evidence).",
        ),
        Column(
            "release_source_id",
            "VARCHAR",
            references=("sources", "source_id"),
            description="For 'not in this dataset': the release where it can be found (the year's release in releases.csv).",
        ),
    ),
    unique=(("year", "measure", "dimension", "category"),),
    description="The state of every gap: each year, measure and breakdown (or category) with no preferred figure.",
)

EXCLUDED = Table(
    "excluded",
    "excluded.csv",
    (
        Column("reference_line", "INTEGER", required=True, minimum=2),
        Column("reason", "VARCHAR", required=True),
    ),
    description="Rows of the reference table that are not stored, with the reason.",
    allow_empty=True,
)

# Load order matters: referenced tables first.
AGENCY_SECTORS = Table(
    "agency_sectors",
    "agency_sectors.csv",
    (
        Column(
            "agency", "VARCHAR", required=True, allowed=REC_AGENCIES, description="An agency of recommendations.csv."
        ),
        Column(
            "sector",
            "VARCHAR",
            description="The referring sector (a sector group of categories.csv) the agency acts for; empty: none.",
        ),
        Column("reason", "VARCHAR", required=True, description="Why the agency belongs to that sector, or to none."),
    ),
    unique=(("agency",),),
    description="The project's map from each agency addressed by a recommendation to the referring sector it acts for.",
)

PUBLISHED_TABLES: tuple[Table, ...] = (
    SOURCES,
    CATEGORIES,
    FIGURES,
    OTHER_FIGURES,
    RELEASES,
    AVAILABILITY,
    CATEGORY_CHANGES,
    REPORTS,
    AGENCY_SECTORS,
    RECOMMENDATIONS,
    FINDINGS,
    PROGRESS,
    EXCLUDED,
)


def table(name: str) -> Table:
    return next(t for t in PUBLISHED_TABLES if t.name == name)
