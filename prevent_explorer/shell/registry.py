"""The page contract: every page of the app, once, with its views and the shared filters each honours.

    PAGES                       # in navigation order; the first is the home page
    page_spec("explorer")       # PageSpec(key='explorer', title='Referral explorer', views=(...))

A page lives in `pages/<key>.py`, is served at `/<key>` (the home page also at `/`), and reads
one PageContext (prevent_explorer.shell.context). Each view (a chart, the cards, the sentences, a
table) declares the shared filters it can apply and what it shows (`subject`, for the sentence
that says why it leaves a filter out). A page honours what its views honour; the sidebar greys
out the filters that no view applied in the run (e.g. on Published figures, all but the filter of
the chosen breakdown).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from prevent_explorer.filters import ALL_FILTERS, FILTER_NAMES
from prevent_explorer.paths import REPO_ROOT

PAGES_DIR = REPO_ROOT / "pages"
PROFILE = ("ideologies", "outcomes", "agencies", "age_groups", "genders", "regions")


@dataclass(frozen=True)
class ViewSpec:
    key: str
    honours: tuple[str, ...]  # shared filters the view can apply
    subject: str  # what it shows, e.g. "published referrals by type of concern"


@dataclass(frozen=True)
class PageSpec:
    key: str  # file name in pages/ and URL path
    title: str  # navigation label
    views: tuple[ViewSpec, ...] = ()
    scope: str = ""  # how the page uses the filters, said beside the list ("" when there is nothing to add)

    @property
    def script(self) -> Path:
        return PAGES_DIR / f"{self.key}.py"

    @property
    def honours(self) -> tuple[str, ...]:
        """The shared filters some view of the page can apply."""
        return tuple(f for f in ALL_FILTERS if any(f in v.honours for v in self.views))

    def view(self, key: str) -> ViewSpec:
        for v in self.views:
            if v.key == key:
                return v
        raise KeyError(f"{self.key}: no view {key!r} in the page contract (shell/registry.py)")

    def filters_sentence(self, used: Collection[str] | None = None) -> str:
        """'Filters used here: years, type of concern · not used: age group, ... — <scope>'
        (`used`: the filters the views applied in this run; by default all the page honours)."""
        used = self.honours if used is None else used
        names = [FILTER_NAMES[f] for f in ALL_FILTERS if f in used]
        text = "**Filters used here:** " + (", ".join(names) if names else "none")
        ignored = [FILTER_NAMES[f] for f in ALL_FILTERS if f not in used]
        if ignored:
            text += " · **not used:** " + ", ".join(ignored)
        return text + (f" — {self.scope}" if self.scope else "")


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "overview",
        "Overview",
        (
            ViewSpec("headline", ("years", "ideologies", "outcomes", "agencies"), "published headline figures"),
            ViewSpec("sentences", ("years", "ideologies", "outcomes", "agencies"), "the sentences"),
            ViewSpec("trend", ("years", "outcomes", "value_mode"), "published referral and Channel totals"),
            ViewSpec(
                "ideology", ("years", "ideologies", "outcomes", "value_mode"), "published figures by type of concern"
            ),
            ViewSpec("sectors", ("years", "agencies", "value_mode"), "published referrals by referring sector"),
        ),
        "headline figures are for the last year chosen; each chart says which filters it applies",
    ),
    PageSpec(
        "published",
        "Published figures",
        (
            ViewSpec("chart", ("years", *PROFILE, "value_mode"), "published figures of this breakdown"),
            ViewSpec("coverage", ("years",), "the coverage grid (what is published, by breakdown)"),
            ViewSpec("conflicts", ("years",), "the list of figures whose sources disagree"),
        ),
        "published breakdowns are one-way, so the chart applies the filter of the chosen breakdown",
    ),
    PageSpec(
        "explorer",
        "Referral explorer",
        (
            ViewSpec("funnel", ("years", *(f for f in PROFILE if f != "outcomes"), "value_mode"), "the outcome funnel"),
            ViewSpec("heatmap", ALL_FILTERS, "referrals by type of concern and referring sector"),
            ViewSpec("trend", ALL_FILTERS, "referrals by year"),
            ViewSpec("breakdown", ALL_FILTERS, "the breakdown table"),
        ),
    ),
    PageSpec(
        "recommendations",
        "Recommendations",
        (
            ViewSpec("recommendations", ("agencies",), "recommendations"),
            ViewSpec("progress", (), "progress statements (each is about a whole report)"),
            ViewSpec("findings", (), "the inspection's findings"),
        ),
        "the referring sector chooses the bodies the recommendations are addressed to; the page's own filters "
        "narrow within them; recommendations are not broken down by year, ideology, outcome, age, gender or region",
    ),
    PageSpec("data", "Data & methods", (), "this page always shows everything"),
)


def page_spec(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(f"no page {key!r}; pages: {', '.join(p.key for p in PAGES)}")
