"""The referring-sector filter on recommendations: which bodies act for a sector (agency_sectors.csv).

    bodies_for(mapping, ["Police"])        # ['CT Policing', 'College of Policing', 'NPCC', 'Police forces']
    bodies_text(mapping, ["Police"])       # 'Police: recommendations addressed to CT Policing, College of ...'
    recommendation_sentence(mapping, ["Police"], recs)   # '**8** recommendations ... are addressed to ...'

The map is the project's own (not a published figure); bodies that act for no single sector (the
Home Office, the Cabinet Office, government as a whole) and recommendations naming no body are
never counted under a sector.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

IMPLEMENTED = "Implemented (government statement)"


def bodies_for(mapping: pd.DataFrame, sectors: Sequence[str]) -> list[str]:
    """The agencies acting for any of `sectors`, in the map's order."""
    return list(mapping.loc[mapping["sector"].isin(list(sectors)), "agency"])


def unplaced(mapping: pd.DataFrame) -> list[str]:
    """The agencies that act for no single referring sector."""
    return list(mapping.loc[mapping["sector"].isna(), "agency"])


def bodies_text(mapping: pd.DataFrame, sectors: Sequence[str]) -> str:
    """'Police: recommendations addressed to CT Policing, College of Policing, NPCC, Police forces'."""
    parts = []
    for sector in sectors:
        bodies = bodies_for(mapping, [sector])
        parts.append(
            f"{sector}: recommendations addressed to {', '.join(bodies)}"
            if bodies
            else f"{sector}: no body addressed by a recommendation in this table acts for it"
        )
    return "; ".join(parts)


def recommendation_sentence(mapping: pd.DataFrame, sectors: Sequence[str], recs: pd.DataFrame) -> str | None:
    """How many recommendations are addressed to the bodies acting for the sectors, and how many the
    government says are implemented. `recs`: the recommendations query filtered by those sectors."""
    if not sectors:
        return None
    bodies = bodies_for(mapping, sectors)
    who = " and ".join(sectors)
    if not bodies:
        return f"No recommendation in this table is addressed to a body acting for {who}."
    done = int((recs["status"] == IMPLEMENTED).sum())
    n = len(recs)
    return (
        f"**{n}** recommendation{'s' if n != 1 else ''} in this table {'are' if n != 1 else 'is'} addressed to bodies "
        f"acting for {who} ({', '.join(bodies)}); **{done}** implemented, per the government (see Recommendations)."
    )
