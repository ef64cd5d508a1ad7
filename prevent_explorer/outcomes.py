"""The outcome filter: the outcomes as the Home Office publishes them, and where each is counted.

A referral ends with no further action, is passed to other services, or is discussed at a
Channel panel, which may adopt the person as a Channel case. The releases publish two of these
as measures of their own (discussed at a Channel panel, adopted as a Channel case) and the others
as categories of the referrals' outcome breakdown (no further action, passed to other services,
and in 2018/19 "not suitable for Channel", the two together). A referral-level file records one
outcome per row; each option says which row values it covers.

    OUTCOMES["Adopted as a Channel case"].measure          # 'adopted_as_channel_case'
    OUTCOMES["No further action"].outcome_group            # 'No further action' (of the referrals)
    row_outcomes(["Discussed at a Channel panel"])         # ['Discussed at Channel, not adopted', 'Adopted as Channel case']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The outcome of one referral, as a referral-level row records it.
NO_FURTHER_ACTION = "No further action"
PASSED_ON = "Passed to other services"
DISCUSSED_NOT_ADOPTED = "Discussed at Channel, not adopted"
ADOPTED = "Adopted as Channel case"
STILL_OPEN = "Still open"


@dataclass(frozen=True)
class Outcome:
    label: str  # the filter option, in the releases' words
    measure: str  # the measure it is counted in
    outcome_group: str | None  # its group in the referrals' outcome breakdown; None for a measure of its own
    rows: tuple[str, ...]  # the referral-level outcomes it covers
    phrase: str  # what happened to the referrals, in a sentence: '226 were adopted as a Channel case'
    old_slugs: tuple[str, ...] = ()  # link values of earlier versions that mean this option

    @property
    def is_measure(self) -> bool:
        return self.outcome_group is None


OUTCOME_LIST: tuple[Outcome, ...] = (
    Outcome(NO_FURTHER_ACTION, "referrals", NO_FURTHER_ACTION, (NO_FURTHER_ACTION,), "needed no further action"),
    Outcome(PASSED_ON, "referrals", PASSED_ON, (PASSED_ON,), "were passed to other services"),
    Outcome(
        "Not suitable for Channel",
        "referrals",
        "Not suitable for Channel",
        (NO_FURTHER_ACTION, PASSED_ON),
        "were found not suitable for Channel",
    ),
    Outcome(
        "Discussed at a Channel panel",
        "discussed_at_channel",
        None,
        (DISCUSSED_NOT_ADOPTED, ADOPTED),
        "were discussed at a Channel panel",
        old_slugs=("discussed-at-channel",),
    ),
    Outcome(
        "Adopted as a Channel case",
        "adopted_as_channel_case",
        None,
        (ADOPTED,),
        "were adopted as a Channel case",
        old_slugs=("adopted-as-channel-case",),
    ),
)
OUTCOMES: dict[str, Outcome] = {o.label: o for o in OUTCOME_LIST}
OUTCOME_OPTIONS: tuple[str, ...] = tuple(OUTCOMES)


def row_outcomes(labels: Iterable[str]) -> list[str]:
    """The referral-level outcomes that the chosen options cover (a row matches any of them)."""
    return list(dict.fromkeys(row for label in labels for row in OUTCOMES[label].rows))
