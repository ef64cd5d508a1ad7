"""Prevent Explorer: entry point (navigation, shared sidebar, page config)."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Prevent Explorer", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", url_path="overview", default=True),
    st.Page("pages/published_figures.py", title="Published figures", url_path="published"),
    st.Page("pages/referral_explorer.py", title="Referral explorer", url_path="explorer"),
    st.Page("pages/recommendations.py", title="Recommendations", url_path="recommendations"),
    st.Page("pages/data_methods.py", title="Data & methods", url_path="data"),
]
st.navigation(PAGES).run()
