"""How a problem in a referral-level file is reported: the issue, its examples and a suggested value.

Each check reports at most MAX_EXAMPLES examples and how many more; `lines_text` names the lines
(CSV) or rows (Parquet) where a value occurs; `suggestion` finds the allowed value nearest to an
unknown one.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from prevent_explorer.loading.validation import Issue

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class ReferralIssue(Issue):
    """A problem in a referral-level file. `kind` says which rule; `unit` is 'line' (CSV, the
    header is line 1) or 'row' (Parquet, the first row is 1)."""

    kind: str = "invalid"


def lines_text(values: Sequence[int], total: int, unit: str) -> str:
    shown = ", ".join(str(v) for v in values)
    more = total - len(values)
    plural = unit + "s" if total > 1 else unit
    return f"{plural} {shown}" + (f" and {more:,} more" if more > 0 else "")


def suggestion(value: str, allowed: Sequence[str]) -> str | None:
    """The allowed value nearest to `value`: the same text ignoring case, else the only value that
    starts with (then contains) it, else difflib's closest match."""
    folded = {a.casefold(): a for a in allowed}
    key = value.casefold()
    if key in folded:
        return folded[key]
    for test in (str.startswith, str.__contains__):
        hits = [a for f, a in folded.items() if len(key) >= 3 and test(f, key)]
        if len(hits) == 1:
            return hits[0]
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None
