"""Referral explorer: every filter live on referral-level data (synthetic demo or your own file)."""

from prevent_explorer.ui.routing import reroute_legacy_run

reroute_legacy_run()

import streamlit as st  # noqa: E402

from prevent_explorer.ui.components import filters_used  # noqa: E402
from prevent_explorer.ui.state import ALL_FILTERS  # noqa: E402

st.title("Referral explorer")
filters_used(ALL_FILTERS)
st.info(
    "Coming next: this page will let you combine every filter (ideology, outcome, agency, year, age, gender, region) "
    "on referral-level data, a labelled synthetic demo built from the published figures, or your own export. "
    "It is not available yet; the published figures are on the Overview and Published figures pages."
)
