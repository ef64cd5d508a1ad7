"""Every chart the app draws is valid Vega-Lite. The app sends specs without validating them at run
time (prevent_explorer/chart_specs.py), so the charts built for many page states are validated
here against Altair's Vega-Lite schema."""

from __future__ import annotations

import altair as alt

from prevent_explorer import chart_specs
from tests.reliability.app_checks import open_page

STATES = [
    ("overview", {}),
    ("overview", {"show": "percent", "ideology": ["islamist", "extreme-right-wing"], "agency": "education"}),
    ("overview", {"outcome": ["discussed-at-channel", "no-further-action"], "from": "2018-19", "to": "2019-20"}),
    ("published", {}),
    ("published", {"p_by": "total", "show": "percent"}),
    ("published", {"p_by": "region", "p_extras": ["subtotals", "cross-tabs"]}),
    ("published", {"p_by": "age_group", "p_measure": "adopted-as-channel-case", "from": "2024-25"}),
    ("published", {"p_by": "outcome", "show": "percent", "p_measure": "discussed-at-channel"}),
    ("explorer", {}),
    ("explorer", {"show": "percent", "p_trend_by": "region", "ideology": "islamist"}),
    ("explorer", {"outcome": "discussed-at-channel", "gender": "male", "p_trend_by": "outcome"}),
    ("explorer", {"ideology": "incel", "from": "2015-16", "to": "2015-16"}),
    ("recommendations", {}),
    ("recommendations", {"p_agency": "npcc", "p_report": "hmicfrs-2020-prevent"}),
    ("data", {}),
]


def test_every_chart_drawn_is_valid_vega_lite() -> None:
    chart_specs.clear()
    for page, params in STATES:
        at = open_page(page, params)
        assert not at.exception, (page, params, [e.value for e in at.exception])
    charts = chart_specs.held()
    assert len(charts) >= 20
    with alt.data_transformers.enable("default", max_rows=None):
        for chart in charts:
            chart.to_dict(validate=True)  # raises SchemaValidationError if the spec is not valid Vega-Lite
