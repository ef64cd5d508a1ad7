"""A corrupted data file stops loading with a message naming the file, the line and the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.files import find_row, read_rows, set_cell, write_rows
from prevent_explorer.database import open_database
from prevent_explorer.loading.validation import DataValidationError, Issue


def load_issues(data_dir: Path) -> list[Issue]:
    with pytest.raises(DataValidationError) as err:
        open_database(data_dir, load_referrals=False)
    assert err.value.issues, "a validation error must list its issues"
    return err.value.issues


def assert_issue(issues: list[Issue], file: str, line: int | None, column: str | None, text: str) -> Issue:
    for issue in issues:
        if (
            issue.file.endswith(file)
            and issue.line == line
            and issue.column == column
            and text.lower() in issue.message.lower()
        ):
            assert file in str(issue) and (line is None or f"line {line}" in str(issue))
            return issue
    raise AssertionError(
        f"no issue for {file} line {line} column {column} containing {text!r}; got:\n" + "\n".join(map(str, issues))
    )


def pub(data: Path, name: str) -> Path:
    return data / "published" / name


# ---------------------------------------------------------------------------------------------
def test_bundled_data_loads_cleanly() -> None:
    db = open_database(load_referrals=False)
    (n,) = db.con.execute("SELECT count(*) FROM figures").fetchone()
    assert n > 400


def test_missing_column(data_copy: Path) -> None:
    path = pub(data_copy, "figures.csv")
    rows = read_rows(path)
    i = rows[0].index("count")
    write_rows(path, [r[:i] + r[i + 1 :] for r in rows])
    assert_issue(load_issues(data_copy), "figures.csv", 1, None, "missing column(s): count")


def test_unknown_column(data_copy: Path) -> None:
    path = pub(data_copy, "sources.csv")
    rows = read_rows(path)
    write_rows(path, [[*r, "x"] for r in rows[:1]] + [[*r, "1"] for r in rows[1:]])
    rows2 = read_rows(path)
    rows2[0][-1] = "mystery"
    write_rows(path, rows2)
    assert_issue(load_issues(data_copy), "sources.csv", 1, None, "unknown column(s): mystery")


def test_non_numeric_count(data_copy: Path) -> None:
    line = set_cell(pub(data_copy, "figures.csv"), 7, "count", "twelve")
    issue = assert_issue(load_issues(data_copy), "figures.csv", line, "count", "cannot be read as a whole number")
    assert "'twelve'" in issue.message


def test_negative_count(data_copy: Path) -> None:
    line = set_cell(pub(data_copy, "figures.csv"), 3, "count", "-5")
    assert_issue(load_issues(data_copy), "figures.csv", line, "count", "below the minimum of 0")


def test_percent_over_100(data_copy: Path) -> None:
    path = pub(data_copy, "figures.csv")
    row = find_row(
        path,
        year="2018/19",
        measure="referrals",
        dimension="ideology",
        category="Islamist",
        source_id="foreigncode-2019-12",
    )
    line = set_cell(path, row, "percent", "124")
    assert_issue(load_issues(data_copy), "figures.csv", line, "percent", "above the maximum of 100")


def test_unknown_source_id(data_copy: Path) -> None:
    line = set_cell(pub(data_copy, "figures.csv"), 10, "source_id", "made-up-source")
    assert_issue(load_issues(data_copy), "figures.csv", line, "source_id", "'made-up-source' is not a known source_id")


def test_two_preferred_values(data_copy: Path) -> None:
    path = pub(data_copy, "figures.csv")
    row = find_row(path, year="2018/19", measure="referrals", dimension="total", source_id="trainingtrust-2019-12")
    set_cell(path, row, "is_preferred", "true")
    first = find_row(path, year="2018/19", measure="referrals", dimension="total", is_preferred="true") + 1
    assert_issue(load_issues(data_copy), "figures.csv", first, "is_preferred", "2 preferred values")


def test_no_preferred_value(data_copy: Path) -> None:
    path = pub(data_copy, "figures.csv")
    row = find_row(path, year="2024/25", measure="referrals", dimension="total", is_preferred="true")
    set_cell(path, row, "is_preferred", "false")
    issues = load_issues(data_copy)
    assert any(i.column == "is_preferred" and "no preferred value" in i.message for i in issues)


def test_a_low_quality_value_is_never_preferred(data_copy: Path) -> None:
    """The 2024/25 '93% rise' in panel discussions (tokyonews24, low quality) is kept with no preferred row."""
    path = pub(data_copy, "other_figures.csv")
    row = find_row(path, year="2024/25", topic="percent_change", measure="discussed_at_channel")
    assert read_rows(path)[row][read_rows(path)[0].index("is_preferred")] == "false"
    line = set_cell(path, row, "is_preferred", "true")
    assert_issue(load_issues(data_copy), "other_figures.csv", line, "is_preferred", "low-quality value cannot be")


def test_unmapped_category(data_copy: Path) -> None:
    cats = pub(data_copy, "categories.csv")
    rows = read_rows(cats)
    write_rows(cats, [r for r in rows if r[1] != "Conflicted"])
    line = find_row(pub(data_copy, "figures.csv"), category="Conflicted") + 1
    assert_issue(
        load_issues(data_copy),
        "figures.csv",
        line,
        "category",
        "'Conflicted' of dimension 'ideology' is not in categories.csv",
    )


@pytest.mark.parametrize(
    "bad_year,text",
    [("2018-19", "expected form"), ("2018/20", "not a reporting year"), ("2009/10", "not a reporting year")],
)
def test_malformed_year(data_copy: Path, bad_year: str, text: str) -> None:
    line = set_cell(pub(data_copy, "figures.csv"), 12, "year", bad_year)
    assert_issue(load_issues(data_copy), "figures.csv", line, "year", text)


def test_empty_file(data_copy: Path) -> None:
    pub(data_copy, "sources.csv").write_text("", encoding="utf-8")
    assert_issue(load_issues(data_copy), "sources.csv", None, None, "the file is empty")


def test_header_only(data_copy: Path) -> None:
    path = pub(data_copy, "recommendations.csv")
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert_issue(load_issues(data_copy), "recommendations.csv", 2, None, "no data rows")


def test_missing_file(data_copy: Path) -> None:
    pub(data_copy, "releases.csv").unlink()
    assert_issue(load_issues(data_copy), "releases.csv", None, None, "missing")


def test_wrong_delimiter(data_copy: Path) -> None:
    path = pub(data_copy, "figures.csv")
    write_rows(path, read_rows(path), delimiter=";")
    assert_issue(load_issues(data_copy), "figures.csv", 1, None, "separated by semicolons")


def test_wrong_encoding(data_copy: Path) -> None:
    path = pub(data_copy, "sources.csv")
    rows = read_rows(path)
    rows[4][rows[0].index("note")] = "Publié à Paris"
    write_rows(path, rows, encoding="latin-1")
    assert_issue(load_issues(data_copy), "sources.csv", 5, None, "not UTF-8")


def test_row_with_too_many_values(data_copy: Path) -> None:
    path = pub(data_copy, "releases.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_issue(load_issues(data_copy), "releases.csv", 4, None, "too many values")


def test_unterminated_quote(data_copy: Path) -> None:
    path = pub(data_copy, "releases.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[-1] = lines[-1] + ',"unclosed'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    issues = load_issues(data_copy)
    assert any(i.file.endswith("releases.csv") and i.line == len(lines) for i in issues), issues


def test_duplicate_source_id(data_copy: Path) -> None:
    path = pub(data_copy, "sources.csv")
    rows = read_rows(path)
    rows.append(rows[3])
    write_rows(path, rows)
    assert_issue(load_issues(data_copy), "sources.csv", len(rows), "source_id", "appears more than once")


def test_bad_boolean(data_copy: Path) -> None:
    line = set_cell(pub(data_copy, "figures.csv"), 2, "is_preferred", "yes")
    assert_issue(load_issues(data_copy), "figures.csv", line, "is_preferred", "true or false")


def test_bad_date(data_copy: Path) -> None:
    line = set_cell(pub(data_copy, "sources.csv"), 1, "published", "2020-13-40")
    assert_issue(load_issues(data_copy), "sources.csv", line, "published", "a date (YYYY-MM-DD)")


def test_value_not_allowed(data_copy: Path) -> None:
    line = set_cell(pub(data_copy, "recommendations.csv"), 1, "status", "Done-ish")
    assert_issue(load_issues(data_copy), "recommendations.csv", line, "status", "'Done-ish' is not one of")


def test_percent_needs_its_base(data_copy: Path) -> None:
    path = pub(data_copy, "figures.csv")
    row = find_row(
        path,
        year="2018/19",
        measure="referrals",
        dimension="ideology",
        category="Islamist",
        source_id="foreigncode-2019-12",
    )
    line = set_cell(path, row, "percent_of", "")
    assert_issue(load_issues(data_copy), "figures.csv", line, "percent_of", "needs percent_of")


def test_several_problems_are_all_reported(data_copy: Path) -> None:
    set_cell(pub(data_copy, "figures.csv"), 7, "count", "-1")
    set_cell(pub(data_copy, "recommendations.csv"), 2, "agency", "Ministry of Magic")
    issues = load_issues(data_copy)
    files = {Path(i.file).name for i in issues}
    assert {"figures.csv", "recommendations.csv"} <= files


def test_two_groups_sharing_a_colour(data_copy: Path) -> None:
    path = pub(data_copy, "categories.csv")
    row = find_row(path, dimension="ideology", category="Islamist")
    rows = read_rows(path)
    erw = rows[find_row(path, dimension="ideology", category="Right-wing")][rows[0].index("colour")]
    line = set_cell(path, row, "colour", erw)
    issues = load_issues(data_copy)
    assert any(i.column == "colour" and "used by several groups" in i.message for i in issues), issues
    assert line > 1


def test_an_agency_missing_from_the_agency_map_is_refused(data_copy: Path) -> None:
    path = pub(data_copy, "agency_sectors.csv")
    rows = read_rows(path)
    write_rows(path, [r for r in rows if r[0] != "NPCC"])
    line = find_row(pub(data_copy, "recommendations.csv"), rec_id="HMICFRS-2020-a") + 1
    assert_issue(load_issues(data_copy), "recommendations.csv", line, "agency", "'NPCC' is not in agency_sectors.csv")


def test_the_agency_map_names_only_referring_sectors(data_copy: Path) -> None:
    path = pub(data_copy, "agency_sectors.csv")
    row = find_row(path, agency="NPCC")
    set_cell(path, row, "sector", "Policing")
    assert_issue(
        load_issues(data_copy), "agency_sectors.csv", row + 1, "sector", "'Policing' is not a referring sector"
    )


# --- availability.csv: the state of every gap ---------------------------------------------------------------
def avail_row(data: Path, **match: str) -> int:
    return find_row(pub(data, "availability.csv"), **match)


def test_availability_state_is_from_the_closed_list(data_copy: Path) -> None:
    row = avail_row(data_copy, year="2024/25", measure="discussed_at_channel", dimension="total")
    line = set_cell(pub(data_copy, "availability.csv"), row, "state", "unknown")
    assert_issue(load_issues(data_copy), "availability.csv", line, "state", "is not one of: not published")


def test_availability_not_published_needs_its_evidence(data_copy: Path) -> None:
    path = pub(data_copy, "availability.csv")
    row = avail_row(data_copy, year="2023/24", measure="referrals", dimension="gender")
    set_cell(path, row, "state", "not published")
    assert_issue(load_issues(data_copy), "availability.csv", row + 1, "source_id", "needs the source that says so")
    set_cell(path, row, "evidence", "")
    assert_issue(load_issues(data_copy), "availability.csv", row + 1, "evidence", "a value is required")


def test_availability_not_in_this_dataset_names_the_release(data_copy: Path) -> None:
    row = avail_row(data_copy, year="2023/24", measure="referrals", dimension="gender")
    line = set_cell(pub(data_copy, "availability.csv"), row, "release_source_id", "")
    assert_issue(load_issues(data_copy), "availability.csv", line, "release_source_id", "release where it can be found")


def test_availability_never_describes_a_published_figure(data_copy: Path) -> None:
    path = pub(data_copy, "availability.csv")
    row = avail_row(data_copy, year="2024/25", measure="discussed_at_channel", dimension="total")
    line = set_cell(path, row, "measure", "referrals")  # 2024/25 referrals: 8,778 is published
    assert_issue(load_issues(data_copy), "availability.csv", line, "category", "is published")


def test_availability_years_dimensions_and_categories_are_valid(data_copy: Path) -> None:
    path = pub(data_copy, "availability.csv")
    rows = [avail_row(data_copy, year="2023/24", measure="referrals", dimension="gender")]
    rows.append(avail_row(data_copy, year="2015/16", measure="referrals", dimension="gender"))
    rows.append(avail_row(data_copy, year="2016/17", measure="referrals", dimension="ideology", category="Incel"))
    set_cell(path, rows[0], "year", "2014/15")
    set_cell(path, rows[1], "dimension", "shoe_size")
    set_cell(path, rows[2], "category", "Incels")
    issues = load_issues(data_copy)
    assert_issue(issues, "availability.csv", rows[0] + 1, "year", "not a reporting year")
    assert_issue(issues, "availability.csv", rows[1] + 1, "dimension", "is not one of")
    set_cell(path, rows[0], "year", "2023/24")
    set_cell(path, rows[1], "dimension", "gender")
    assert_issue(
        load_issues(data_copy), "availability.csv", rows[2] + 1, "category", "a category or group of categories.csv"
    )
