"""Every chart the app draws, over many page states: valid Vega-Lite, and one colour per label.

The app sends specs without validating them at run time (prevent_explorer/shell/charts.py), so
the specs drawn are validated here against the Vega-Lite schema. Colours come from one palette
(prevent_explorer/present/palette.py): the same label must have the same colour on every chart of
every page, and every concept the same colour under each of its labels.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema

from harness.apptest import run_app
from prevent_explorer.present.palette import ADOPTED, ALL_REFERRALS, DISCUSSED, OTHER_SERIES

STATES = [
    ("overview", {}),
    ("overview", {"show": "percent", "ideology": ["islamist", "extreme-right-wing"], "agency": "education"}),
    ("overview", {"outcome": ["discussed-at-channel", "no-further-action"], "from": "2018-19", "to": "2019-20"}),
    ("published", {}),
    ("published", {"p_by": "total", "show": "percent"}),
    ("published", {"p_by": "outcome"}),
    ("published", {"p_by": "sector"}),
    ("published", {"p_by": "region", "p_extras": ["subtotals", "cross-tabs"]}),
    ("published", {"p_by": "age_group", "p_measure": "adopted-as-channel-case", "from": "2024-25"}),
    ("published", {"p_by": "outcome", "show": "percent", "p_measure": "discussed-at-channel"}),
    ("published", {"p_by": "total", "p_measure": "left-channel-no-further-concern"}),
    ("explorer", {}),
    ("explorer", {"show": "percent", "p_trend_by": "region", "ideology": "islamist"}),
    ("explorer", {"outcome": "discussed-at-channel", "gender": "male", "p_trend_by": "outcome"}),
    ("explorer", {"p_trend_by": "sector"}),
    ("explorer", {"ideology": "incel", "from": "2015-16", "to": "2015-16"}),
    ("recommendations", {}),
    ("recommendations", {"p_agency": "npcc", "p_report": "hmicfrs-2020-prevent"}),
    ("data", {}),
]


@pytest.fixture(scope="module")
def drawn() -> list[tuple[str, dict[str, Any]]]:
    """(page, spec) of every chart drawn in every state."""
    specs = []
    for page, params in STATES:
        at = run_app(page, params)
        specs += [(page, json.loads(c.proto.spec)) for c in at.get("vega_lite_chart")]
    return [(page, spec) for page, spec in specs if "title" in spec]  # not the hidden warm-up chart


def colour_scales(spec: Any) -> Iterator[tuple[list[str], list[str]]]:
    """Every colour scale with a fixed domain and range in a spec (layers included)."""
    if isinstance(spec, dict):
        color = spec.get("encoding", {}).get("color") if isinstance(spec.get("encoding"), dict) else None
        scale = color.get("scale") if isinstance(color, dict) else None
        if isinstance(scale, dict) and isinstance(scale.get("domain"), list) and isinstance(scale.get("range"), list):
            yield scale["domain"], scale["range"]
        for value in spec.values():
            yield from colour_scales(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from colour_scales(item)


def test_every_chart_drawn_is_valid_vega_lite(drawn: list[tuple[str, dict[str, Any]]]) -> None:
    assert len(drawn) >= 30
    assert {page for page, _spec in drawn} == {"overview", "published", "explorer", "recommendations", "data"} - {
        "data"
    }
    validator = jsonschema.Draft7Validator(load_schema())
    for page, spec in drawn:
        errors = sorted(validator.iter_errors(spec), key=str)
        assert not errors, f"{page}: {spec.get('title')}: {errors[0].message[:300]}"


def test_the_same_label_has_the_same_colour_everywhere(drawn: list[tuple[str, dict[str, Any]]]) -> None:
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # label -> colour -> pages
    for page, spec in drawn:
        for domain, colours in colour_scales(spec):
            assert len(domain) == len(colours), (page, domain, colours)
            for label, colour in zip(domain, colours, strict=True):
                seen[label][colour.upper()].add(page)
    assert len(seen) >= 25, sorted(seen)
    clashes = {label: dict(c) for label, c in seen.items() if len(c) > 1}
    assert not clashes, clashes
    # every label drawn has a colour of its own (none falls back to the palette's 'other' grey)
    assert not [label for label, c in seen.items() if OTHER_SERIES in c], seen
    # one concept, one colour, under each of its labels (Overview lines, explorer funnel and outcome trend)
    for labels, colour in (
        (("Referrals", "Referred"), ALL_REFERRALS),
        (("Discussed at a Channel panel", "Discussed at Channel", "Discussed at Channel, not adopted"), DISCUSSED),
        (("Adopted as a Channel case", "Adopted as Channel case"), ADOPTED),
    ):
        for label in labels:
            assert set(seen[label]) == {colour}, (label, dict(seen[label]))
