"""Five typical filter changes on the Referral explorer, applied one after another, and what the page
shows once each has taken effect (the heatmap's title names the filters)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from prevent_explorer.filters import FilterState, describe


@dataclass(frozen=True)
class Change:
    field: str  # FilterState field
    key: str  # the sidebar widget's key
    label: str  # the sidebar widget's label (as shown)
    value: str

    def apply(self, state: FilterState) -> FilterState:
        return replace(state, **{self.field: (*state.selected(self.field), self.value)})


CHANGES = (
    Change("ideologies", "f_ideologies", "Type of concern", "Islamist"),
    Change("agencies", "f_agencies", "Referring sector", "Education"),
    Change("outcomes", "f_outcomes", "Outcome", "Discussed at a Channel panel"),
    Change("genders", "f_genders", "Gender", "Male"),
    Change("regions", "f_regions", "Region", "North East"),
)


def states(base: FilterState) -> list[FilterState]:
    """The state after each change (cumulative)."""
    out, state = [], base
    for change in CHANGES:
        state = change.apply(state)
        out.append(state)
    return out


def chart_title(state: FilterState) -> str:
    """The explorer's heatmap title for a state (see pages/explorer.py): it names every filter, since
    the heatmap applies them all (the funnel leaves out the outcome filter)."""
    return f"Referrals by type of concern and referring sector ({describe(state)})"
