"""Sentences for the Overview, computed from the published figures (never typed in by hand).

A sentence only claims what the figures prove: "made the most referrals" only when the largest
published category is bigger than everything left unpublished; comparisons the app calculates
(changes, shares from two counts) say so.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from prevent_explorer.present.formatting import change_between, count, is_missing, percent


def _share(row: pd.Series, total: object) -> str:
    if not is_missing(row.get("percent")):
        return f"{percent(row['percent'])} of {row.get('percent_of') or 'all referrals'}"
    if not is_missing(row.get("count")) and not is_missing(total) and float(total) > 0:
        return f"{100 * float(row['count']) / float(total):.0f}% of all referrals, calculated"
    return ""


def headline_sentence(headline: pd.DataFrame) -> str | None:
    h = headline.set_index("measure")
    if "referrals" not in h.index or is_missing(h.loc["referrals", "count"]):
        return None
    year = h.loc["referrals", "year"]
    text = f"In {year} there were **{count(h.loc['referrals', 'count'])} referrals** to Prevent"
    prev, prev_year = h.loc["referrals", "previous_count"], h.loc["referrals", "previous_year"]
    change = change_between(h.loc["referrals", "count"], prev)
    if change is not None:
        direction = "more" if change > 0 else "fewer"
        text += f", {abs(change):.0f}% {direction} than in {prev_year} ({count(prev)}; change calculated from the two published totals)"
    return text + "."


def channel_sentence(headline: pd.DataFrame, gap_state: Callable[[str], str] | None = None) -> str | None:
    """'Of these, 1,464 were adopted as a Channel case (17% of all referrals, calculated); ...'.
    A count whose published share disagrees with it is not printed beside that share.
    `gap_state(measure)` says what a missing figure is (default: not in this dataset)."""
    h = headline.set_index("measure")
    total = h.loc["referrals", "count"] if "referrals" in h.index else None
    parts = []
    for measure, verb in (
        ("discussed_at_channel", "were discussed at a Channel panel"),
        ("adopted_as_channel_case", "were adopted as a Channel case"),
    ):
        if measure not in h.index:
            continue
        row = h.loc[measure]
        conflict = row.get("values_conflict")
        if (
            not is_missing(row["count"])
            and not is_missing(conflict)
            and bool(conflict)
            and not is_missing(row["percent"])
        ):
            parts.append(
                f"{count(row['count'])} {verb}, by one source; the official figure is {percent(row['percent'])} of "
                f"{row.get('percent_of') or 'all referrals'}, and the two disagree (see Published figures)"
            )
        elif not is_missing(row["count"]):
            share = _share(row, total)
            parts.append(f"{count(row['count'])} {verb}" + (f" ({share})" if share else ""))
        elif not is_missing(row["percent"]):
            parts.append(f"{percent(row['percent'])} of referrals {verb} (no count is in this dataset)")
        else:
            state = gap_state(measure) if gap_state else "not in this dataset"
            parts.append(f"the number {verb.replace('were ', '')} is {state}")
    if not parts:
        return None
    return "Of these, " + "; ".join(parts) + "."


def largest_sentence(breakdown: pd.DataFrame, total: object, subject: str, verb: str) -> str | None:
    """'Education made the most referrals (3,129; 36% of all referrals), followed by Police (...)'."""
    parts = breakdown[(breakdown["role"] == "part") & breakdown["count"].notna()].sort_values("count", ascending=False)
    if parts.empty:
        return None
    first = parts.iloc[0]
    unpublished = None if is_missing(total) else float(total) - float(parts["count"].sum())
    share = _share(first, total)
    lead = f"**{first['category']}** {verb} ({count(first['count'])}{'; ' + share if share else ''})"
    if unpublished is not None and unpublished < float(first["count"]):
        text = lead
    else:
        text = f"Of the {subject} with a published count, {lead}"
    if len(parts) > 1:
        second = parts.iloc[1]
        share2 = _share(second, total)
        text += f", followed by {second['category']} ({count(second['count'])}{'; ' + share2 if share2 else ''})"
    return text + "."


def ideology_sentence(breakdown: pd.DataFrame, total: object) -> str | None:
    """Compare extreme right-wing and Islamist referrals when both are published."""
    rows = {r["category_group"]: r for _, r in breakdown[breakdown["role"] == "part"].iterrows()}
    erw, isl = rows.get("Extreme right-wing"), rows.get("Islamist")
    if erw is None or isl is None:
        return None

    def val(r: pd.Series) -> tuple[float | None, str]:
        if not is_missing(r["count"]):
            return float(r["count"]), count(r["count"])
        if not is_missing(r["percent"]):
            return float(r["percent"]), percent(r["percent"])
        return None, ""

    e, et = val(erw)
    i, it = val(isl)
    both_counts = not is_missing(erw["count"]) and not is_missing(isl["count"])
    both_pct = is_missing(erw["count"]) and is_missing(isl["count"]) and e is not None and i is not None
    if e is None or i is None or not (both_counts or both_pct):
        return None
    year = erw["year"]
    if e > i:
        return f"In {year}, extreme right-wing concerns ({et}) outnumbered Islamist concerns ({it})."
    if i > e:
        return f"In {year}, Islamist concerns ({it}) outnumbered extreme right-wing concerns ({et})."
    return f"In {year}, extreme right-wing and Islamist concerns were equal ({et} each)."


def changes_sentence(changes: pd.DataFrame) -> str | None:
    ideology = changes[changes["dimension"].isin(["ideology", "all"])]
    if ideology.empty:
        return None
    years = ", ".join(sorted(set(ideology["first_year"])))
    return f"Categories or recording changed in {years} within the years shown; compare across those years with care (marked ▼ on the charts)."


def change_notes(changes: pd.DataFrame) -> list[str]:
    """The notes a view of these years carries about its category or recording changes, one per
    year, from category_changes.csv (so that a download says what the page says)."""
    if changes.empty:
        return []
    by_year = changes.groupby("first_year")["change"].agg(lambda c: "; ".join(dict.fromkeys(c)))
    return [f"From {year}: {change} (see Data & methods)" for year, change in by_year.items()]
