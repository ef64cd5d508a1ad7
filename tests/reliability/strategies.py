"""Hypothesis strategies: valid filter combinations as deep links, and malformed query strings."""

from __future__ import annotations

from functools import cache
from urllib.parse import parse_qsl, quote

from hypothesis import strategies as hs

from prevent_explorer.filters import MULTI_FILTERS, FilterOptions, FilterState, slug, to_query_params, year_to_url
from prevent_explorer.loading.vocabulary import MEASURES, REC_AGENCIES, REC_STATUSES
from prevent_explorer.present import agency_map
from prevent_explorer.present.explorer_views import TREND_DIMENSIONS
from prevent_explorer.present.formatting import KIND_LABELS
from prevent_explorer.shell.data import filter_options, query

Params = dict[str, list[str]]
BREAKDOWNS = ("total", "ideology", "sector", "age_group", "gender", "region", "outcome")
DEFINITIONS = ("ideology", "sector", "age_group", "gender", "region", "outcome")


@cache
def options() -> FilterOptions:
    """The app's own filter options (the process-wide cached query, as the app computes them)."""
    return filter_options()


@cache
def page_choices() -> dict[str, dict[str, tuple[str, ...]]]:
    """Every page-level choice (URL key p_<name>) and its options."""
    recs = query("recommendations", reports=[], agencies=[], sectors=[], themes=[], statuses=[])
    return {
        "overview": {},
        "published": {"measure": tuple(MEASURES), "by": BREAKDOWNS, "extras": ("subtotals", "cross-tabs")},
        "explorer": {"trend_by": TREND_DIMENSIONS, "table_by": TREND_DIMENSIONS},
        "recommendations": {
            "report": tuple(query("reports")["source_id"]),
            "agency": tuple(REC_AGENCIES),
            "theme": tuple(sorted(recs["theme"].unique())),
            "status": tuple(REC_STATUSES),
        },
        "data": {"definitions": DEFINITIONS, "kinds": tuple(KIND_LABELS)},
    }


MULTI_PAGE_CHOICES = {"extras", "report", "agency", "theme", "status", "kinds"}


def subsets(values: tuple[str, ...], max_size: int = 3) -> hs.SearchStrategy[list[str]]:
    return hs.lists(hs.sampled_from(values), max_size=max_size, unique=True) if values else hs.just([])


@hs.composite
def filter_states(draw: hs.DrawFn) -> FilterState:
    """Any valid combination of the sidebar filters (years in order, a few values per filter)."""
    opts = options()
    i = draw(hs.integers(0, len(opts.years) - 1))
    j = draw(hs.integers(i, len(opts.years) - 1))
    chosen = {field: tuple(draw(subsets(opts.options_for(field)))) for field, _k, _l, _d in MULTI_FILTERS}
    mode = draw(hs.sampled_from(("counts", "percent")))
    return FilterState(year_from=opts.years[i], year_to=opts.years[j], value_mode=mode, **chosen)


@hs.composite
def deep_links(draw: hs.DrawFn, page: str) -> tuple[FilterState, Params]:
    """A valid deep link to `page`: sidebar filters plus the page's own choices."""
    state = draw(filter_states())
    params: Params = {k: v if isinstance(v, list) else [v] for k, v in to_query_params(state, options()).items()}
    for name, values in page_choices()[page].items():
        if not draw(hs.booleans()):
            continue
        if (page, name) == ("recommendations", "agency") and state.agencies:
            values = tuple(agency_map.bodies_for(query("agency_sectors"), state.agencies))  # as the page offers
        if name in MULTI_PAGE_CHOICES:
            picked = draw(subsets(values))
            if picked:
                params[f"p_{name}"] = [slug(v) for v in picked]
        else:
            params[f"p_{name}"] = [slug(draw(hs.sampled_from(values)))]
    return state, params


# ------------------------------------------------------------------------------------------------
# Malformed links
# ------------------------------------------------------------------------------------------------
HOSTILE_VALUES = (
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=1">',
    "javascript:window.__pwned=1",
    "'; DROP TABLE figures; --",
    "1 OR 1=1",
    "' UNION SELECT * FROM read_csv('/etc/passwd') --",
    "COPY figures TO '/tmp/x.csv'",
    "ATTACH '/tmp/x.duckdb' AS x",
    "[link](javascript:alert(1))",
    "![img](http://example.invalid/x.png)",
    "**bold** _it_ `code` # heading",
    "%00%0d%0a",
    "\u202e\u200b\ufeff",
    "İslamist",
    "ｉｓｌａｍｉｓｔ",
    "😀" * 20,
    "Ω≈ç√∫˜µ≤≥÷",
    "null",
    "undefined",
    "NaN",
    "-1",
    "9" * 400,
    "2018/19",
    "2018-2019",
    "2099-00",
    "1e309",
    "true",
    "[]",
    "{}",
    "x" * 5000,
)
UNKNOWN_KEYS = ("zzz", "utm_source", "page", "from[]", "ideology[]", "<script>", "%", "k" * 300, "", " ")
UNKNOWN_PAGE_KEYS = ("p_", "p_unknown", "p_measure[]")  # page-level keys no page reads: dropped silently


def _valid_values(key: str) -> tuple[str, ...]:
    opts = options()
    if key in ("from", "to"):
        return tuple(year_to_url(y) for y in opts.years)
    if key == "show":
        return ("counts", "percent")
    for field, url_key, _l, _d in MULTI_FILTERS:
        if url_key == key:
            return tuple(slug(v) for v in opts.options_for(field))
    for choices in page_choices().values():
        for name, values in choices.items():
            if f"p_{name}" == key:
                return tuple(slug(v) for v in values)
    return ()


def page_keys(page: str) -> tuple[str, ...]:
    return tuple(f"p_{name}" for name in page_choices()[page])


GLOBAL_KEYS = ("from", "to", "show", *(k for _f, k, _l, _d in MULTI_FILTERS))


@hs.composite
def bad_value(draw: hs.DrawFn) -> str:
    """A value that matches no option (hostile, unicode, huge, or random text)."""
    value = draw(
        hs.one_of(
            hs.sampled_from(HOSTILE_VALUES),
            hs.text(min_size=1, max_size=60).map(lambda t: "zz" + t),
            hs.integers(min_value=-(10**30), max_value=10**30).map(lambda n: f"{n}zz"),
        )
    )
    return value


@hs.composite
def malformed_links(draw: hs.DrawFn, page: str) -> list[tuple[str, str]]:
    """A query string for `page` (as ordered key/value pairs, keys may repeat) with at least one bad part."""
    keys = GLOBAL_KEYS + page_keys(page)
    pairs: list[tuple[str, str]] = []
    # The part that is certainly wrong and always read on the session's first run (so a notice is
    # due): an unknown key, or a bad value for a sidebar filter. Page keys may go unread (e.g. the
    # explorer's choices when nothing matches), so they only come as extra parts below.
    if draw(hs.booleans()):
        pairs.append((draw(hs.sampled_from(UNKNOWN_KEYS)), draw(bad_value())))
    else:
        pairs.append((draw(hs.sampled_from(GLOBAL_KEYS)), draw(bad_value())))
    for _ in range(draw(hs.integers(0, 6))):
        key = draw(hs.sampled_from(keys + UNKNOWN_KEYS + UNKNOWN_PAGE_KEYS))
        valid = _valid_values(key)
        kind = draw(hs.sampled_from(("valid", "bad", "repeat", "empty")))
        if kind == "valid" and valid:
            pairs.append((key, draw(hs.sampled_from(valid))))
        elif kind == "repeat" and valid:
            value = draw(hs.sampled_from(valid))
            pairs += [(key, value)] * draw(hs.integers(2, 4))
        elif kind == "empty":
            pairs.append((key, ""))
        else:
            pairs.append((key, draw(bad_value())))
    return draw(hs.permutations(pairs))


def to_params(pairs: list[tuple[str, str]]) -> Params:
    """The parameters as Streamlit reads a query string: repeated keys give several values."""
    out: Params = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def query_string(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


def round_trip(qs: str) -> Params:
    """How a browser's query string arrives (for the browser sample)."""
    out: Params = {}
    for key, value in parse_qsl(qs, keep_blank_values=True):
        out.setdefault(key, []).append(value)
    return out
