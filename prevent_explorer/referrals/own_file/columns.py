"""The header and column-type checks of a referral-level file (CSV or Parquet).

A file has exactly the columns referral_id, year, ideology, sector, age_group, gender, region and
outcome, in any order; in a Parquet file they hold text (referral_id may hold whole numbers).
"""

from __future__ import annotations

import pyarrow as pa

from prevent_explorer.referrals.own_file.issues import ReferralIssue, suggestion
from prevent_explorer.referrals.schema import FILE_COLUMNS


def header_issues(header: list[str], label: str) -> list[ReferralIssue]:
    expected = list(FILE_COLUMNS)
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        sep = next(s for s in ";\t|" if s in header[0])
        name = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}[sep]
        return [
            ReferralIssue(
                label,
                f"the header is one column separated by {name}; the file must be comma-separated",
                line=1,
                kind="wrong_type",
            )
        ]
    issues = []
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    dupes = sorted({c for c in header if header.count(c) > 1})
    if missing:
        issues.append(
            ReferralIssue(
                label,
                f"missing column(s): {', '.join(missing)} (expected: {', '.join(expected)})",
                line=1,
                kind="missing_columns",
            )
        )
    if extra:
        described = []
        for c in extra:
            near = suggestion(c.strip(), expected)
            described.append(f"'{c}'" + (f" (did you mean '{near}'?)" if near and near in missing else ""))
        issues.append(
            ReferralIssue(
                label,
                f"extra column(s) not in the schema: {', '.join(described)}; remove them "
                f"(expected: {', '.join(expected)})",
                line=1,
                kind="extra_columns",
            )
        )
    if dupes:
        issues.append(
            ReferralIssue(label, f"column(s) appear more than once: {', '.join(dupes)}", line=1, kind="extra_columns")
        )
    return issues


def arrow_type_words(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return "whole numbers"
    if pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "numbers"
    if pa.types.is_boolean(t):
        return "true/false values"
    if pa.types.is_temporal(t):
        return "dates or times"
    return f"values of type {t}"


def is_text(t: pa.DataType) -> bool:
    if pa.types.is_dictionary(t):
        t = t.value_type
    return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t) or pa.types.is_null(t)


def type_issues(types: dict[str, str], label: str) -> list[ReferralIssue]:
    """`types`: column -> 'text', 'integer' or a description of another type."""
    issues = []
    for name in FILE_COLUMNS:
        kind = types[name]
        if kind == "text" or (name == "referral_id" and kind == "integer"):
            continue
        words = "whole numbers" if kind == "integer" else kind
        expected = "text such as 2018/19" if name == "year" else "text"
        issues.append(
            ReferralIssue(label, f"the column holds {words}; expected {expected}", column=name, kind="column_type")
        )
    return issues
