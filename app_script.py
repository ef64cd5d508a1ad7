"""Prevent Explorer's session script: page config, data loading, shared sidebar filters, navigation.

Started by `streamlit run streamlit_app.py` (see there); every visitor's session runs this file.
"""

from __future__ import annotations

import streamlit as st

from prevent_explorer.ui.warmup import request_chart_code

chart_code_slot = request_chart_code()  # first, before the heavy imports and the data: see its module

from prevent_explorer.ui.components import notice_box
from prevent_explorer.ui.data import database, filter_options
from prevent_explorer.ui.state import (
    ALL_FILTERS,
    escape_markdown,
    init_from_url,
    render_sidebar,
    sync_url,
    take_notices,
)
from prevent_explorer.validation import DataValidationError

st.set_page_config(page_title="Prevent Explorer", layout="wide", initial_sidebar_state="expanded")

# Which shared filters each page can use (the others are shown greyed out, and the page says so).
PAGES = [
    ("pages/overview.py", "Overview", "overview", ("years", "ideologies", "outcomes", "agencies", "value_mode")),
    (
        "pages/published.py",
        "Published figures",
        "published",
        ("years", "ideologies", "outcomes", "agencies", "age_groups", "genders", "regions", "value_mode"),
    ),
    ("pages/explorer.py", "Referral explorer", "explorer", ALL_FILTERS),
    ("pages/recommendations.py", "Recommendations", "recommendations", ()),
    ("pages/data.py", "Data & methods", "data", ()),
]

try:
    database()
except DataValidationError as err:
    st.title("Prevent Explorer")
    st.error(
        "The app cannot start: a data file does not match its contract. Nothing was changed; fix the file(s) and reload."
    )
    st.markdown("\n".join(f"- {escape_markdown(str(issue))}" for issue in err.issues))
    st.stop()

options = filter_options()
init_from_url(options)

pages = {
    title: st.Page(path, title=title, url_path=url, default=(i == 0)) for i, (path, title, url, _f) in enumerate(PAGES)
}
applicable = {title: filters for _p, title, _u, filters in PAGES}
page = st.navigation(list(pages.values()))

render_sidebar(options, applicable[page.title])
st.session_state["_applicable"] = applicable[page.title]
st.sidebar.caption(
    "Published figures come from Home Office releases and reports quoting them; each chart lists its sources. "
    "Figures that were not published are shown as *not published*, never as 0."
)

notices_slot = st.container()
try:
    page.run()
finally:
    sync_url(options)
    with notices_slot:
        notice_box(take_notices())
    chart_code_slot.empty()
    with st.container(key="app-rendered"):  # last element of every run: browser tests wait for it
        st.caption("\u200b")
