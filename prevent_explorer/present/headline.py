"""The Overview's headline figures and the sentences about the chosen groups, from the resolver.

    for card in headline_cards(cells, state, "2024/25", "2023/24"): ...   # Referrals · Police: 2,631
    filtered_sentences(cells, state, "2024/25")                           # ['**Police** made **2,631** referrals ...']

A card shows the published figure for exactly the chosen type of concern and referring sector
when there is one, and otherwise the figure for all referrals, saying so on the card. The outcome
filter chooses the cards: referrals, and each chosen outcome (by default: discussed at a Channel
panel, adopted as a Channel case).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from prevent_explorer.filters import FilterState
from prevent_explorer.outcomes import OUTCOMES
from prevent_explorer.present.filter_notes import chosen_text, not_applied
from prevent_explorer.present.formatting import change_between, count, measure_label, percent
from prevent_explorer.present.gaps import Gaps
from prevent_explorer.resolver import Answer, Cells, Figure, resolve

FIELDS = ("ideologies", "agencies")  # the profile filters of the Overview
DEFAULT_OUTCOMES = ("Discussed at a Channel panel", "Adopted as a Channel case")


@dataclass(frozen=True)
class Target:
    label: str
    measure: str
    outcome_group: str | None = None
    phrase: str = ""  # '... were adopted as a Channel case' (see outcomes.Outcome.phrase)


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    delta: str | None
    help: str
    applied: tuple[str, ...]  # the Overview filters the figure reflects
    note: str | None  # why it does not reflect the others ('' when it reflects every active one)


def targets(state: FilterState) -> list[Target]:
    """Referrals, then each chosen outcome (the Channel outcomes when none is chosen)."""
    outcomes = [OUTCOMES[o] for o in (state.outcomes or DEFAULT_OUTCOMES)]
    return [Target("Referrals", "referrals")] + [
        Target(o.label, o.measure, o.outcome_group, o.phrase) for o in outcomes
    ]


def _value(figure: Figure | None, gap: str) -> str:
    """The card's value: the count, or the share as published, or the gap's state ('Not in this dataset')."""
    if figure is None or figure.value is None:
        return gap[:1].upper() + gap[1:]
    if figure.count is not None:
        return count(figure.count)
    return f"{percent(figure.percent)} of {figure.percent_of or 'referrals'}"


def _share(figure: Figure, total: Figure | None) -> str | None:
    """'30% of all referrals' (published) or '30% of 8,778, calculated' (from two published counts)."""
    if figure.percent is not None and figure.count is not None:
        return f"{percent(figure.percent)} of {figure.percent_of or 'all referrals'}"
    if figure.count is not None and total is not None and total.count:
        return f"{100 * figure.count / total.count:.0f}% of {count(total.count)}, calculated"
    return None


def _reason(answer: Answer, label: str) -> str:
    """Why a card shows all referrals: '<label>' is not published for this combination (published: ...)."""
    published = "; ".join(f"{g} {count(fig.count)}" for (_d, g), fig in answer.one_way.items() if fig and fig.count)
    return f"'{label}' is {answer.why_not}" + (f" (published: {published})" if published else "") + "."


def headline_card(
    cells: pd.DataFrame | Cells,
    state: FilterState,
    target: Target,
    year: str,
    previous: str | None,
    gaps: Gaps,
    changed: Collection[str] = (),
) -> Card:
    """One card. `gaps` says what a missing figure is; `changed`: years whose recording changed
    (a change on the year before across it is marked)."""
    answer = resolve(cells, state, target.measure, year, FIELDS, target.outcome_group)
    exact = answer.exact is not None
    figure = answer.exact if exact else answer.total
    active = tuple(f for f in FIELDS if state.selected(f))
    applied = active if exact else ()
    label = target.label + (f" · {chosen_text(state, applied)}" if applied else "")
    if active and not exact:
        label += " · all referrals"
    delta = None
    if previous is not None and figure is not None:
        before = resolve(cells, state, target.measure, previous, FIELDS if exact else (), target.outcome_group)
        earlier = before.exact if exact else before.total
        change = change_between(figure.count, earlier.count if earlier else None)
        if change is not None:
            delta = (
                f"{change:+.0f}% on {previous} (calculated" + ("; recording changed" if year in changed else "") + ")"
            )
    dimension, category = ("outcome", target.outcome_group) if target.outcome_group else ("total", None)
    gap = gaps.state(year, target.measure, dimension, category)
    help_parts = [
        f"Source: {figure.source_id}."
        if figure and figure.value is not None and figure.source_id
        else gaps.explain(year, target.measure, dimension, category)
    ]
    if exact and applied and figure is not None:
        share = _share(figure, answer.total)
        if share:
            help_parts.append(f"That is {share}.")
    help_parts.append("A change on the year before is calculated by the app from the two published figures.")
    if year in changed:
        help_parts.append(f"The way referrals were recorded changed in {year}: compare with earlier years with care.")
    note = None
    if active and not exact:
        note = " ".join(not_applied(state, ("outcomes",), target.label, combined=_reason(answer, target.label))) or None
    return Card(label, _value(figure, gap), delta, " ".join(help_parts), applied, note)


def headline_cards(
    cells: pd.DataFrame | Cells,
    state: FilterState,
    year: str,
    previous: str | None,
    gaps: Gaps,
    changed: Collection[str] = (),
) -> list[Card]:
    index = Cells.of(cells)
    return [headline_card(index, state, t, year, previous, gaps, changed) for t in targets(state)]


def also_published(alternatives: pd.DataFrame, year: str) -> list[str]:
    """For the cards: other values sources gave for the year's totals, e.g. 'Referrals in 2018/19:
    5,737 as restated; also published as 5,738 (the first publication).' `alternatives` are the
    rows of figure_conflicts for the year's totals."""
    out = []
    totals = alternatives[(alternatives["year"] == year) & (alternatives["dimension"] == "total")]
    for measure, rows in totals.groupby("measure", sort=False):
        chosen = rows[rows["is_preferred"]]
        others = rows[~rows["is_preferred"] & rows["count"].notna()]
        if chosen.empty or others.empty:
            continue
        best = chosen.iloc[0]
        if pd.isna(best["count"]):
            continue
        values = ", ".join(sorted({count(v) for v in others["count"] if v != best["count"]}))
        if values:
            out.append(
                f"{measure_label(str(measure))} in {year}: {count(best['count'])} is shown"
                f" ({best['preference_reason']}); also published as {values}."
            )
    return out


def _about(state: FilterState, fields: list[str]) -> str:
    """'made by **Police**', 'about **Islamist** concerns', or both joined."""
    parts = []
    for f in fields:
        groups = ", ".join(state.selected(f))
        parts.append(f"made by **{groups}**" if f == "agencies" else f"about **{groups}** concerns")
    return " and ".join(parts)


def filtered_sentences(cells: pd.DataFrame | Cells, state: FilterState, year: str) -> list[str]:
    """Sentences about the chosen type of concern and referring sector in `year`: the published
    figure for exactly that choice, or what is published instead. Empty when nothing is chosen."""
    chosen = [f for f in FIELDS if state.selected(f)]
    if not chosen:
        return []
    about = _about(state, chosen)
    cells = Cells.of(cells)
    referrals = resolve(cells, state, "referrals", year, FIELDS)
    if referrals.exact is not None and referrals.exact.count is not None:
        share = _share(referrals.exact, referrals.total)
        out = [
            f"In {year}, **{count(referrals.exact.count)}** referrals were {about}" + (f" ({share})." if share else ".")
        ]
    else:
        published = [f"{g} {count(fig.count)}" for (_d, g), fig in referrals.one_way.items() if fig and fig.count]
        out = [
            f"The number of referrals {about} in {year} is {referrals.why_not}"
            + (f" (published: {'; '.join(published)})." if published else ".")
        ]
    for target in targets(state)[1:]:
        answer = resolve(cells, state, target.measure, year, FIELDS, target.outcome_group)
        fig = answer.exact
        if fig is not None and fig.count is not None:
            share = f": {percent(fig.percent)} of {fig.percent_of or 'all referrals'}" if fig.percent else ""
            out.append(f"Of the referrals {about}, **{count(fig.count)}** {target.phrase} in {year}{share}.")
        elif fig is not None and fig.value is not None:
            out.append(
                f"{target.label} (referrals {about}), {year}: published only as a share, "
                f"**{percent(fig.percent)}** of {fig.percent_of or 'all referrals'}."
            )
        else:
            out.append(f"{target.label}: {answer.why_not}; the card shows all referrals.")
    return out
