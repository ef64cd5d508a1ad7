"""One wording for what a view does with the active filters: the filters it applies go into its
title, each active filter it cannot apply gets a sentence on the view itself, saying why.

    chosen_text(state, ["agencies"])                                # 'Police'
    not_applied(state, applied, "published referrals by type of concern")
    # ['All referring sectors: published referrals by type of concern are not broken down by referring sector']

Every chart subtitle, card note and sentence that leaves out a filter uses `not_applied`, so the
wording cannot drift between pages.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from prevent_explorer.filters import MULTI_FILTERS, FilterState

ALL_OF = {
    "ideologies": "All types of concern",
    "outcomes": "All outcomes",
    "agencies": "All referring sectors",
    "age_groups": "All age groups",
    "genders": "All genders",
    "regions": "All regions",
}
BY = {
    "ideologies": "type of concern",
    "outcomes": "outcome",
    "agencies": "referring sector",
    "age_groups": "age group",
    "genders": "gender",
    "regions": "region",
}
FIELDS = tuple(f for f, _k, _l, _d in MULTI_FILTERS)


def chosen_text(state: FilterState, fields: Sequence[str]) -> str:
    """The chosen groups of `fields`, e.g. 'Islamist, Extreme right-wing · Police' ('' if none)."""
    return " · ".join(", ".join(state.selected(f)) for f in FIELDS if f in fields and state.selected(f))


def not_applied(
    state: FilterState,
    applied: Collection[str],
    subject: str,
    reasons: Mapping[str, str] | None = None,
    combined: str | None = None,
) -> list[str]:
    """What a view says of each active filter it does not apply: 'All <...>: <subject> are not
    broken down by <...>' (or the view's own reason for that filter). With `combined`, one sentence
    for them all: 'All types of concern, all referring sectors: <combined>'."""
    left_out = [f for f in FIELDS if state.selected(f) and f not in applied]
    if combined and left_out:
        heads = [ALL_OF[f] for f in left_out]
        return [", ".join([heads[0], *(h.lower() for h in heads[1:])]) + f": {combined}"]
    out = []
    for f in left_out:
        reason = (reasons or {}).get(f) or f"{subject} are not broken down by {BY[f]}"
        out.append(f"{ALL_OF[f]}: {reason}")
    return out
