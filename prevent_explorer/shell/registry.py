"""The page contract: every page of the app, once, with the shared filters it honours.

    PAGES                       # in navigation order; the first is the home page
    page_spec("explorer")       # PageSpec(key='explorer', title='Referral explorer', ...)

A page lives in `pages/<key>.py`, is served at `/<key>` (the home page also at `/`), and reads
one PageContext (prevent_explorer.shell.context). `honours` lists the shared sidebar filters that
some view of the page applies; the sidebar greys out the others, and the page says which it uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from prevent_explorer.filters import ALL_FILTERS, FILTER_NAMES
from prevent_explorer.paths import REPO_ROOT

PAGES_DIR = REPO_ROOT / "pages"


@dataclass(frozen=True)
class PageSpec:
    key: str  # file name in pages/ and URL path
    title: str  # navigation label
    honours: tuple[str, ...]  # shared filters the page applies (a subset of ALL_FILTERS)
    scope: str = ""  # how the page uses them, said beside the list ("" when there is nothing to add)

    @property
    def script(self) -> Path:
        return PAGES_DIR / f"{self.key}.py"

    def filters_sentence(self, used: Sequence[str] | None = None) -> str:
        """'Filters used here: years, type of concern · not used: age group, ... — <scope>'
        (`used`: the filters applied in this run; by default every filter the page honours)."""
        used = self.honours if used is None else used
        names = [FILTER_NAMES[f] for f in ALL_FILTERS if f in used]
        text = "**Filters used here:** " + (", ".join(names) if names else "none")
        ignored = [FILTER_NAMES[f] for f in ALL_FILTERS if f not in used]
        if ignored:
            text += " · **not used:** " + ", ".join(ignored)
        return text + (f" — {self.scope}" if self.scope else "")


BREAKDOWN_FILTERS = ("ideologies", "outcomes", "agencies", "age_groups", "genders", "regions")

PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "overview",
        "Overview",
        ("years", "ideologies", "outcomes", "agencies", "value_mode"),
        "headline figures are for the last year chosen",
    ),
    PageSpec(
        "published",
        "Published figures",
        ("years", *BREAKDOWN_FILTERS, "value_mode"),
        "published breakdowns are one-way, so only the filter of the chosen breakdown applies",
    ),
    PageSpec("explorer", "Referral explorer", ALL_FILTERS),
    PageSpec(
        "recommendations",
        "Recommendations",
        (),
        "use the filters on this page; recommendations are not broken down by year, ideology, outcome, age, gender or region",
    ),
    PageSpec("data", "Data & methods", (), "this page always shows everything"),
)


def page_spec(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(f"no page {key!r}; pages: {', '.join(p.key for p in PAGES)}")
