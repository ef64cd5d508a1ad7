"""Which of the rows stating one figure is preferred, and why: rows of one source merged, then the
sources ranked (quality, kind of source, the latest official restatement, date), and a published
count checked against the share printed beside it (a disagreement beyond rounding is recorded,
never corrected). Rows come from figures.py."""

from __future__ import annotations

import math
from collections import defaultdict

from figures import OFFICIAL, PARLIAMENTARY, SECONDARY, SOURCE_DATE, Row


# --------------------------------------------------------------------------------------
# Merging and preference
# --------------------------------------------------------------------------------------
def figure_key(r: Row) -> tuple[str, ...]:
    return (r.year, r.measure, r.dimension, r.category)


def other_key(r: Row) -> tuple[str, ...]:
    return (r.year, r.period, r.topic, r.measure, r.dimension, r.category)


def merge_same_source(rows: list[Row], key) -> list[Row]:
    """One source stating one figure twice (e.g. in a table and in the text) is one row."""
    merged: dict[tuple, Row] = {}
    out: list[Row] = []
    for r in rows:
        k = (*key(r), r.source_id)
        prev = merged.get(k)
        compatible = (
            prev is not None
            and (prev.count is None or r.count is None or prev.count == r.count)
            and (prev.percent is None or r.percent is None or prev.percent == r.percent)
            and prev.quality == r.quality
        )
        if compatible:
            prev.count = prev.count if prev.count is not None else r.count
            prev.percent = prev.percent if prev.percent is not None else r.percent
            if prev.percent_of == "" and r.percent_of:
                prev.percent_of = r.percent_of
            if r.label_as_printed != prev.label_as_printed and r.label_as_printed not in prev.label_as_printed:
                prev.label_as_printed += f"; {r.label_as_printed}"
            prev.merged_lines.append(r.ref_line)
            continue
        merged[k] = r
        out.append(r)
    return out


KIND_RANK = {OFFICIAL: 0, PARLIAMENTARY: 1, SECONDARY: 2}
QUALITY_RANK = {"ok": 0, "doubtful": 1, "low": 2}


def date_rank(source_id: str) -> str:
    return SOURCE_DATE.get(source_id) or "9999-99-99"


def choose_preferred(
    rows: list[Row], base_counts: dict[tuple[str, ...], int | None] | None = None
) -> tuple[Row, Row | None, str]:
    """Return (preferred row, preferred-percent row, reason). With `base_counts` (the preferred count of
    every figure), the reason also says where the count and the share beside it disagree."""
    counts_by_kind: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        if r.count is not None and r.quality == "ok":
            counts_by_kind[r.kind].add(r.count)

    def restatement_rank(r: Row) -> int:
        # A restatement wins over the first value only where the two values differ.
        conflicting = len(counts_by_kind[r.kind]) > 1
        return 0 if (conflicting and r.restated) else 1

    def key(r: Row):
        official_recency = "" if r.kind != OFFICIAL else "".join(chr(255 - ord(ch)) for ch in date_rank(r.source_id))
        return (
            QUALITY_RANK[r.quality],
            r.count is None,
            KIND_RANK[r.kind],
            restatement_rank(r),
            official_recency,
            r.percent is None,
            date_rank(r.source_id),
            r.source_id,
        )

    ordered = sorted(rows, key=key)
    best = ordered[0]
    with_pct = [r for r in ordered if r.percent is not None]
    pct_row = None
    if best.percent is not None:
        pct_row = best
    elif with_pct:
        same_base = [r for r in with_pct if r.quality == "ok"] or with_pct
        pct_row = same_base[0]
    share_conflict = share_disagreement(best, pct_row, base_counts) if base_counts is not None else ""
    return best, pct_row, describe_reason(best, ordered, share_conflict)


def describe_reason(best: Row, ordered: list[Row], share_conflict: str = "") -> str:
    """Why `best` is preferred; `share_conflict` (see share_disagreement) is added where the count and
    the share shown beside it disagree."""
    others = [r for r in ordered if r is not best]
    if not others:
        return "; ".join(["only value", share_conflict]) if share_conflict else "only value"
    ok_counts = {r.count for r in ordered if r.count is not None and r.quality == "ok"}
    all_counts = {r.count for r in ordered if r.count is not None}
    parts = []
    if best.count is None and all_counts:
        parts.append("every count given is flagged doubtful; the published share is shown")
    elif len(all_counts) <= 1 and share_conflict:
        parts.append("the only count, preferred over a share alone (rule 2.2)")
    elif len(all_counts) <= 1:
        parts.append("sources agree")
    else:
        if best.kind == OFFICIAL:
            parts.append("official release preferred")
        elif best.kind == PARLIAMENTARY:
            parts.append("parliamentary answer quoting the release preferred")
        if best.restated and len(ok_counts) > 1:
            parts.append("later restatement preferred over first publication")
        if any(r.quality != "ok" for r in others):
            parts.append("other value(s) flagged doubtful or low quality")
    if share_conflict:
        parts.append(share_conflict)
    return "; ".join(parts) or "best-ranked source"


# --------------------------------------------------------------------------------------
# A count and the share shown beside it that disagree
# --------------------------------------------------------------------------------------
# What a share is of (`percent_of`) -> the figure that is its base, in the same year. Shares of
# other bases (e.g. "right-wing referrals in the North East") are not checked.
SHARE_BASES: dict[str, tuple[str, str, str]] = {
    "all referrals": ("referrals", "total", "All"),
    "Channel cases (people adopted or supported)": ("adopted_as_channel_case", "total", "All"),
    "referrals discussed at a Channel panel": ("discussed_at_channel", "total", "All"),
    "referrals where age was known": ("referrals", "age_group", "Age known (base)"),
    "referrals where gender was specified": ("referrals", "gender", "Gender specified (base)"),
    "referrals with a type of concern recorded": ("referrals", "ideology", "Type of concern specified (base)"),
}
# A printed share may have been rounded twice (20.48 -> 20.5 -> 21), so a count and a share agree
# when the count's share of the base is within 0.55 units of the last printed digit of the share.
ROUNDING_ALLOWANCE = 0.55


def decimals(percent: float) -> int:
    text = f"{percent:g}"
    return len(text.split(".", 1)[1]) if "." in text else 0


def share_disagreement(best: Row, pct: Row | None, base_counts: dict[tuple[str, ...], int | None]) -> str:
    """'' if the preferred count and the share shown beside it agree (or cannot be compared); else why not.

    The comparison uses the preferred count of the share's base figure in the same year (SHARE_BASES);
    the numbers in the text explain the flag and are not stored as figures."""
    if best.count is None or pct is None or pct.percent is None or pct.percent_of not in SHARE_BASES:
        return ""
    base = base_counts.get((best.year, *SHARE_BASES[pct.percent_of]))
    if not base:
        return ""
    unit = 10 ** -decimals(pct.percent)
    calculated = 100 * best.count / base
    if abs(calculated - pct.percent) <= ROUNDING_ALLOWANCE * unit + 1e-9:
        return ""
    low = math.ceil((pct.percent - unit / 2) * base / 100 - 1e-9)
    high = math.floor((pct.percent + unit / 2) * base / 100 + 1e-9)
    places = decimals(pct.percent) + 1
    return (
        f"the count and the published share disagree beyond rounding: {best.count:,} ({best.source_id}) is "
        f"{calculated:.{places}f}% of {base:,}, the published number of {pct.percent_of}, while {pct.percent:g}% ({pct.source_id}) "
        f"of {base:,} is {low:,} to {high:,}; both are kept as published"
    )
