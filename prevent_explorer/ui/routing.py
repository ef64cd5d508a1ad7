"""Make deep links work although the page scripts live in a folder called pages/.

Streamlit treats a `pages/` folder next to the session script (app_script.py) as an old-style
multipage app until `st.navigation` has run once in the process. On a freshly started server, a
first request for `/explorer` would then run pages/explorer.py on its own, without the session
script's sidebar, filters and page config. Each page calls `reroute_legacy_run()` first: if it was
started that way, it switches the process to `st.navigation` and reruns, so the session script runs
and `st.navigation` opens the requested page (the URL and its query parameters are kept).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def reroute_legacy_run() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
