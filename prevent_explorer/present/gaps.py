"""What a gap means: the three states of a missing figure, from data/published/availability.csv.

    gaps = Gaps(query("availability", measure="discussed_at_channel", ...))    # one or more measures
    gaps.state("2024/25", "discussed_at_channel")          # 'not in this dataset'
    gaps.where("2024/25", "discussed_at_channel")          # 'Individuals referred to ... April 2024 to March 2025'
    gaps.state("2016/17", "referrals", "ideology", "Mixed, unclear or unstable")   # 'not published'

- **not published**: a source says so, or the category did not exist that year (with evidence);
- **not in this dataset**: published, or probably published, in tables the project does not hold
  (the release where it can be found is named); the default for any gap without a record;
- **not collected**: the measure did not exist that year.
Every card, chart, table, sentence and download says a gap with these words (and never 0).
"""

from __future__ import annotations

import pandas as pd

from prevent_explorer.loading.vocabulary import AVAILABILITY_STATES as STATES

NOT_PUBLISHED, NOT_IN_DATASET, NOT_COLLECTED = STATES
MEANINGS = {
    NOT_IN_DATASET: "published, or probably published, in a release's tables that the project does not hold",
    NOT_PUBLISHED: "a source says it was not published, or the category did not exist that year",
    NOT_COLLECTED: "the measure did not exist that year",
}
LEGEND = (
    "Gaps: 'not in this dataset' = in a release's tables the project does not hold; "
    "'not published' = a source says so, or the category did not exist"
)


class Gaps:
    """The recorded state of every gap of some measures (rows of the `availability` query)."""

    def __init__(self, availability: pd.DataFrame) -> None:
        self._rows: dict[tuple[str, str, str, str], tuple[str, str | None, str | None]] = {}
        for r in availability.itertuples(index=False):
            self._rows[(r.year, r.measure, r.dimension, r.category)] = (
                r.state,
                None if pd.isna(r.evidence) else str(r.evidence),
                None if pd.isna(r.release_title) else str(r.release_title),
            )

    def _record(self, year: str, measure: str, dimension: str, category: str | None):
        if category is not None and (year, measure, dimension, category) in self._rows:
            return self._rows[(year, measure, dimension, category)]
        whole = "All" if dimension == "total" else "*"
        return self._rows.get((year, measure, dimension, whole))

    def state(self, year: str, measure: str, dimension: str = "total", category: str | None = None) -> str:
        """The state of a missing figure (a category, or the whole breakdown / total)."""
        record = self._record(year, measure, dimension, category)
        if record is None or record[0] not in STATES:
            return NOT_IN_DATASET  # no record, or others of the breakdown are held and this one is not
        return str(record[0])

    def where(self, year: str, measure: str, dimension: str = "total", category: str | None = None) -> str | None:
        """The release that holds a figure 'not in this dataset', when it is named."""
        record = self._record(year, measure, dimension, category)
        return record[2] if record else None

    def evidence(self, year: str, measure: str, dimension: str = "total", category: str | None = None) -> str | None:
        record = self._record(year, measure, dimension, category)
        return record[1] if record else None

    def explain(self, year: str, measure: str, dimension: str = "total", category: str | None = None) -> str:
        """'Not in this dataset: published in Individuals referred ... (tables the project does not hold).'"""
        state = self.state(year, measure, dimension, category)
        text = f"{state[:1].upper()}{state[1:]}"
        where = self.where(year, measure, dimension, category)
        if state == NOT_IN_DATASET and where:
            text += f": it is in the release '{where}', in tables the project does not hold"
        evidence = self.evidence(year, measure, dimension, category)
        if state != NOT_IN_DATASET and evidence:
            text += f" ({evidence})"
        return text + "."
