"""Prevent Explorer's session script: page config, data, navigation, shared sidebar filters, the page.

Started by `streamlit run streamlit_app.py` (st.App runs this file for every visitor's session).
It lives here, away from the top-level `pages/` folder, so Streamlit never treats that folder as
an old-style multipage app: a deep link such as `/explorer?agency=police` opens the page through
st.navigation, with the sidebar and its filters, even as the first request to a new server.
"""

from __future__ import annotations

import streamlit as st

from prevent_explorer.shell.warmup import request_chart_code

chart_code_slot = request_chart_code()  # first, before the heavy imports and the data: see its module

from prevent_explorer.filters import describe
from prevent_explorer.loading.validation import DataValidationError
from prevent_explorer.present.formatting import escape_markdown
from prevent_explorer.shell.components import notice_box
from prevent_explorer.shell.context import PageContext, running
from prevent_explorer.shell.data import database, filter_options, palette
from prevent_explorer.shell.device import on_a_phone
from prevent_explorer.shell.registry import PAGES
from prevent_explorer.shell.sidebar import current_state, filters, read_link, write_link
from prevent_explorer.shell.style import apply_style

# the sidebar starts open on a wide screen and closed on a phone
st.set_page_config(page_title="Prevent Explorer", layout="wide", initial_sidebar_state="auto")
apply_style()

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
link_notices = read_link(options)
pages = {
    spec.key: st.Page(spec.script, title=spec.title, url_path=spec.key, default=i == 0) for i, spec in enumerate(PAGES)
}
# On a phone the pages are a menu at the top and the filters a box at the top of the page, which
# closes after a choice (Streamlit's sidebar cannot be closed by the app and would cover the page).
phone = on_a_phone()
current = st.navigation(list(pages.values()), position="top" if phone else "sidebar")
spec = next(s for s in PAGES if pages[s.key] is current)

ctx = PageContext(spec, options, current_state(options), palette(), notices=link_notices)

filters_slot = st.container() if phone else None
notices_slot = st.container()
try:
    with running(ctx):
        current.run()
finally:
    ctx.finish()
    # drawn after the page, so that the filters no view applied are greyed out
    if filters_slot is not None:
        # the box's label names the choice: a new choice makes a new (closed) box
        filters(options, ctx.used, filters_slot.expander(f"Filters: {describe(ctx.state)}", icon=":material/tune:"))
    else:
        filters(options, ctx.used)
        st.sidebar.caption(
            "Published figures come from Home Office releases and reports quoting them; each chart lists its "
            "sources. Figures that were not published are shown as *not published*, never as 0."
        )
    write_link(ctx.state, options, ctx.page_params)
    with notices_slot:
        notice_box(ctx.notices)
    chart_code_slot.empty()
    with st.container(key="app-rendered"):  # last element of every run: browser tests wait for it
        st.caption("\u200b")
