"""Overview sentences only claim what the published figures prove."""

from __future__ import annotations

import pandas as pd

from prevent_explorer.present import narrative


def part(category: str, count: float | None, percent: float | None = None, group: str | None = None) -> dict:
    return {
        "year": "2030/31",
        "category": category,
        "category_group": group or category,
        "role": "part",
        "count": count,
        "percent": percent,
        "percent_of": "all referrals" if percent is not None else None,
    }


def test_most_only_when_provable() -> None:
    df = pd.DataFrame([part("Education", 400), part("Police", 300)])
    assert narrative.largest_sentence(df, 1200, "sectors", "made the most referrals").startswith(
        "Of the sectors with a published count, **Education**"
    )
    assert narrative.largest_sentence(df, 750, "sectors", "made the most referrals").startswith(
        "**Education** made the most referrals"
    )


def test_calculated_shares_say_so() -> None:
    df = pd.DataFrame([part("Education", 400), part("Police", 300, 30.0)])
    text = narrative.largest_sentence(df, 1000, "sectors", "made the most referrals")
    assert "40% of all referrals, calculated" in text and "30% of all referrals" in text


def test_ideology_comparison_needs_like_for_like() -> None:
    both = pd.DataFrame(
        [part("Islamist", 100, group="Islamist"), part("Extreme right-wing", 120, group="Extreme right-wing")]
    )
    assert "extreme right-wing concerns (120) outnumbered Islamist concerns (100)" in narrative.ideology_sentence(
        both, 1000
    )
    mixed = pd.DataFrame(
        [part("Islamist", 100, group="Islamist"), part("Extreme right-wing", None, 11.0, group="Extreme right-wing")]
    )
    assert narrative.ideology_sentence(mixed, 1000) is None


def test_channel_sentence_says_not_published() -> None:
    headline = pd.DataFrame(
        [
            {"measure": "referrals", "year": "2030/31", "count": 1000, "percent": None, "percent_of": None},
            {"measure": "discussed_at_channel", "year": "2030/31", "count": None, "percent": None, "percent_of": None},
            {
                "measure": "adopted_as_channel_case",
                "year": "2030/31",
                "count": None,
                "percent": 9.0,
                "percent_of": "all referrals",
            },
        ]
    )
    text = narrative.channel_sentence(headline)
    assert "the number discussed at a Channel panel is not in this dataset" in text
    assert "9% of referrals were adopted as a Channel case (no count is in this dataset)" in text
